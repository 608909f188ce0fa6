package io.taskapi.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which the core keeps shared lists and their members. A member entry is the one truth about who may
 * reach a list; a deleted list is gone for every reader from the moment {@link #markDeleted} returns, although its
 * entries are removed later, in bounded steps ({@link #purge}).
 *
 * <p>Implementations translate their technology's failures into {@link TaskException}s; an unavailable store is a
 * {@link StoreUnavailableException}.
 */
public interface ListRepository {
    /**
     * A repository of no lists, for a service of each owner's own tasks only: every list is not found.
     *
     * @return the repository, which stores nothing
     */
    static ListRepository none() {
        return NoLists.INSTANCE;
    }

    /**
     * Stores a new list with its first member, its owner.
     *
     * @param list  the list, at version 1
     * @param owner its creator, as an owner
     */
    void create(TaskList list, Member owner);

    /**
     * The list, unless it is missing or deleted, with the entries of those of {@code users} who are members, read
     * together in one step.
     *
     * @param listId the list's id
     * @param users  the users whose roles are asked about
     * @return the list and the entries of those who are members, or empty when the list is missing or deleted
     */
    Optional<ListAccess> access(String listId, Set<UserId> users);

    /**
     * For each of {@code listIds} that exists and of which {@code user} is a member, the list and their role, read
     * together; the others are absent. For a page of lists or of tasks from several lists.
     *
     * @param user    the member
     * @param listIds the lists asked about
     * @return each list of which {@code user} is a member, by its id
     */
    Map<String, Membership> memberships(UserId user, Set<String> listIds);

    /**
     * Replaces the stored list by {@code list}, only if it is not deleted and still has {@code expectedVersion}.
     *
     * @param list            the list as it is to be stored
     * @param expectedVersion the version the stored list must still have
     * @throws ListNotFoundException    if the list is missing or deleted
     * @throws VersionConflictException if it has another version
     */
    void replace(TaskList list, long expectedVersion);

    /**
     * Deletes a list for every reader at once, and queues the removal of everything in it.
     *
     * @param listId          the list's id
     * @param expectedVersion the version the caller saw, or {@code null} for any
     * @throws ListNotFoundException    if the list is missing or already deleted
     * @throws VersionConflictException if {@code expectedVersion} is given and is not the current version
     */
    void markDeleted(String listId, Long expectedVersion);

    /**
     * One page of the ids of the lists {@code user} may belong to, newest list first. An entry here only suggests a
     * membership; callers confirm it with {@link #memberships}.
     *
     * @param user          the user
     * @param limit         the most ids to return, at least 1
     * @param afterPosition a {@link Slice#nextPosition()} this repository returned for the same user, or {@code null}
     * @return the page
     */
    Slice<String> listIdsOf(UserId user, int limit, String afterPosition);

    /**
     * One page of a list's members, ordered by user id.
     *
     * @param listId        the list's id
     * @param limit         the most members to return, at least 1
     * @param afterPosition a {@link Slice#nextPosition()} this repository returned for the same list, or {@code null}
     * @return the page
     */
    Slice<Member> members(String listId, int limit, String afterPosition);

    /**
     * Makes {@code member} a member with its role, or gives an existing member that role (keeping when they joined and
     * their name, unless they had none).
     *
     * @param listId the list's id
     * @param member the member with the role they are to have
     * @return what it did: added the member, changed their role, or nothing
     * @throws LastOwnerException    if this would demote the list's only owner
     * @throws ListNotFoundException if the list is missing or deleted
     */
    MemberChange putMember(String listId, Member member);

    /**
     * Makes {@code member} a member, only if the user is not one yet; an existing member keeps their role.
     *
     * @param listId the list's id
     * @param member the new member
     * @return whether the user was added
     * @throws ListNotFoundException if the list is missing or deleted
     */
    boolean addMember(String listId, Member member);

    /**
     * Removes a member.
     *
     * @param listId the list's id
     * @param user   the member to remove
     * @throws MemberNotFoundException if the user is not a member
     * @throws LastOwnerException      if they are the list's only owner
     */
    void removeMember(String listId, UserId user);

    /**
     * Records that {@code user}'s tasks in the list are still to be unassigned, for {@link #pendingWork}; {@code actor}
     * removed them. Queuing one user's unassignment again replaces the earlier entry.
     *
     * @param listId the list's id
     * @param user   the removed member
     * @param actor  who removed them
     */
    void queueUnassignment(String listId, UserId user, UserId actor);

    /**
     * Records the unassignment of a member who left; see {@link #queueUnassignment(String, UserId, UserId)}.
     *
     * @param listId the list's id
     * @param user   the member who left
     */
    default void queueUnassignment(String listId, UserId user) {
        queueUnassignment(listId, user, user);
    }

    /**
     * Records that a deleted task's comments and activity are still to be removed, for {@link #pendingWork}.
     *
     * @param taskId the deleted task's id
     */
    void queueHistoryPurge(String taskId);

    /**
     * Marks a queued history purge done.
     *
     * @param taskId the deleted task's id
     */
    void historyPurgeDone(String taskId);

    /**
     * Work left to do in bounded steps: lists to purge, unassignments to finish and deleted tasks' histories to remove,
     * oldest first.
     *
     * @param limit the most pieces of work to return
     * @return the work, oldest first
     */
    List<PendingWork> pendingWork(int limit);

    /**
     * Removes up to {@code budget} of a deleted list's own entries (members and the lists they suggest), the list and
     * its queue entry last.
     *
     * @param listId the deleted list's id
     * @param budget the most entries to remove in this step
     * @return whether nothing of the list is left
     */
    boolean purge(String listId, int budget);

    /**
     * Marks a queued unassignment done.
     *
     * @param listId the list's id
     * @param user   the removed member
     */
    void unassignmentDone(String listId, UserId user);
}
