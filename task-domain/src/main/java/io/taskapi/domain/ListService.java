package io.taskapi.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases of shared lists: create, read, rename and delete lists, manage their members by role, invite people
 * by code, and finish in bounded steps the work a deletion or a removal leaves behind.
 */
public final class ListService {
    /** How long an invitation works. */
    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    /** Items a request removes or unassigns itself before it leaves the rest to {@link #maintain}. */
    static final int REQUEST_BUDGET = 200;
    /** Items one step of {@link #maintain} handles for one piece of work. */
    static final int MAINTENANCE_BUDGET = 500;
    private static final int UPDATE_ATTEMPTS = 5;
    private static final int CREATE_ATTEMPTS = 3;
    private static final String LISTS_QUERY = "lists";

    private final ListRepository lists;
    private final ListGate gate;
    private final InvitationRepository invitations;
    private final TaskRepository tasks;
    private final Clock clock;
    private final IdGenerator ids;
    private final PageTokenSealer pageTokens;
    private final TaskAttachments attachments;
    private final SecureRandom random = new SecureRandom();

    /** The use cases of shared lists whose tasks have no attachments. */
    ListService(ListRepository lists, InvitationRepository invitations, TaskRepository tasks, Clock clock,
            IdGenerator ids, PageTokenSealer pageTokens) {
        this(lists, invitations, tasks, TaskAttachments.NONE, clock, ids, pageTokens);
    }

    /**
     * The use cases of shared lists; the attachments of a deleted list's tasks go with them.
     *
     * @param lists       where the lists and their members are kept
     * @param invitations where the invitations are kept
     * @param tasks       where the lists' tasks are kept
     * @param attachments what removes a deleted task's attachments, or {@link TaskAttachments#NONE}
     * @param clock       the time of every change
     * @param ids         the ids of new lists
     * @param pageTokens  what seals and opens the page tokens of listings
     */
    public ListService(ListRepository lists, InvitationRepository invitations, TaskRepository tasks,
            TaskAttachments attachments, Clock clock, IdGenerator ids, PageTokenSealer pageTokens) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.gate = new ListGate(lists);
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
    }

    /**
     * Creates a list whose only member, its owner, is the actor.
     *
     * @param actor who creates it
     * @param name  what the list is called
     * @return the list as stored, with the actor's role
     * @throws ValidationException on {@link ListField#NAME} if the name breaks its rule
     */
    public Membership create(Actor actor, String name) {
        String stored = ListRules.requireName(name);
        long now = now();
        for (int attempt = 1; ; attempt++) {
            TaskList list = new TaskList(ids.newId(), stored, now, now, 1);
            try {
                lists.create(list, new Member(actor.user(), ListRole.OWNER, actor.name(), now));
                return new Membership(list, ListRole.OWNER);
            } catch (TaskAlreadyExistsException e) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A list the actor is a member of, with their role.
     *
     * @param actor  who reads it
     * @param listId the list's id
     * @return the list, with the actor's role
     * @throws ListNotFoundException if it is missing or the actor is not a member
     */
    public Membership get(Actor actor, String listId) {
        ListAccess access = access(actor, listId);
        return new Membership(access.list(), access.role(actor.user()).orElseThrow());
    }

    /**
     * One page of the lists the actor is a member of, newest first, each with their role.
     *
     * @param actor who reads them
     * @param page  which page
     * @return the page
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the token is not one issued for this listing
     */
    public Page<Membership> lists(Actor actor, PageRequest page) {
        Page<String> ids = pageTokens.page(actor.personal(), LISTS_QUERY, page.token(),
                after -> lists.listIdsOf(actor.user(), page.limit(), after));
        Map<String, Membership> memberships = ids.items().isEmpty() ? Map.of()
                : lists.memberships(actor.user(), new LinkedHashSet<>(ids.items()));
        List<Membership> found = new ArrayList<>(ids.items().size());
        for (String listId : ids.items()) {
            // An entry whose list is gone, or whose membership ended, suggested what is no longer true.
            Membership membership = memberships.get(listId);
            if (membership != null) {
                found.add(membership);
            }
        }
        return new Page<>(found, ids.next());
    }

    /**
     * Renames a list (owners only), whatever its version.
     *
     * @param actor  who renames it
     * @param listId the list's id
     * @param name   its new name
     * @return the list as stored, with the actor's role
     * @throws ListNotFoundException if it is missing or the actor is not a member
     * @throws RoleRequiredException if the actor is not an owner
     * @throws ValidationException   on {@link ListField#NAME} if the name breaks its rule
     */
    public Membership rename(Actor actor, String listId, String name) {
        return rename(actor, listId, name, null);
    }

    /**
     * Renames a list (owners only) if it is still at {@code expectedVersion}.
     *
     * @param actor           who renames it
     * @param listId          the list's id
     * @param name            its new name
     * @param expectedVersion the version the change is based on
     * @return the list as stored, with the actor's role
     * @throws ListNotFoundException    if it is missing or the actor is not a member
     * @throws RoleRequiredException    if the actor is not an owner
     * @throws ValidationException      on {@link ListField#NAME} if the name breaks its rule
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public Membership rename(Actor actor, String listId, String name, long expectedVersion) {
        return rename(actor, listId, name, Long.valueOf(expectedVersion));
    }

    /** Renames the list, if {@code expectedVersion} is {@code null} whatever version is current. */
    private Membership rename(Actor actor, String listId, String name, Long expectedVersion) {
        String stored = ListRules.requireName(name);
        for (int attempt = 1; ; attempt++) {
            ListAccess access = access(actor, listId);
            ListGate.requireRole(access, actor, ListRole.OWNER);
            TaskList current = access.list();
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw VersionConflictException.ofList();
            }
            TaskList renamed = current.renamed(stored, now());
            try {
                lists.replace(renamed, current.version());
                return new Membership(renamed, ListRole.OWNER);
            } catch (VersionConflictException e) {
                if (expectedVersion != null || attempt == UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes a list and, with it, its tasks, members and invitations (owners only), whatever its version. Everything
     * in it is gone for every reader at once; what the request does not remove itself, {@link #maintain} removes later.
     *
     * @param actor  who deletes it
     * @param listId the list's id
     * @throws ListNotFoundException if it is missing or the actor is not a member
     * @throws RoleRequiredException if the actor is not an owner
     */
    public void delete(Actor actor, String listId) {
        delete(actor, listId, null);
    }

    /**
     * Deletes a list as {@link #delete(Actor, String)} does, if it is still at {@code expectedVersion}.
     *
     * @param actor           who deletes it
     * @param listId          the list's id
     * @param expectedVersion the version the caller saw
     * @throws ListNotFoundException    if it is missing or the actor is not a member
     * @throws RoleRequiredException    if the actor is not an owner
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public void delete(Actor actor, String listId, long expectedVersion) {
        delete(actor, listId, Long.valueOf(expectedVersion));
    }

    /** Deletes the list, if {@code expectedVersion} is {@code null} whatever version is current. */
    private void delete(Actor actor, String listId, Long expectedVersion) {
        ListGate.requireRole(access(actor, listId), actor, ListRole.OWNER);
        lists.markDeleted(listId, expectedVersion);
        if (deleteTasks(listId, REQUEST_BUDGET)) {
            lists.purge(listId, REQUEST_BUDGET);
        }
    }

    /**
     * One page of a list's members, by user id.
     *
     * @param actor  who reads them, a member of the list
     * @param listId the list's id
     * @param page   which page
     * @return the page
     * @throws ListNotFoundException if it is missing or the actor is not a member
     * @throws ValidationException   on {@link ListingField#PAGE_TOKEN} if the token is not one issued for this listing
     */
    public Page<Member> members(Actor actor, String listId, PageRequest page) {
        access(actor, listId);
        return pageTokens.page(actor.personal(), "members=" + listId, page.token(),
                after -> lists.members(listId, page.limit(), after));
    }

    /**
     * Adds a member with a role, or gives a member another role (owners only).
     *
     * @param actor  who sets it
     * @param listId the list's id
     * @param user   the member, or the user to add
     * @param role   the role they are to have
     * @return the member as stored and what changed
     * @throws ListNotFoundException if it is missing or the actor is not a member
     * @throws RoleRequiredException if the actor is not an owner
     * @throws LastOwnerException    if this would demote the list's only owner
     */
    public MemberUpdate setRole(Actor actor, String listId, UserId user, ListRole role) {
        Objects.requireNonNull(role, "role");
        ListAccess access = access(actor, listId, user);
        ListGate.requireRole(access, actor, ListRole.OWNER);
        Member existing = access.members().get(user);
        Member member = existing != null ? existing.withRole(role)
                : new Member(user, role, user.equals(actor.user()) ? actor.name() : Optional.empty(), now());
        MemberChange change = lists.putMember(listId, member);
        return new MemberUpdate(member, change);
    }

    /**
     * Removes a member: owners remove anyone, and every member may leave. Their tasks in the list are unassigned.
     *
     * @param actor  who removes them
     * @param listId the list's id
     * @param user   the member to remove, the actor to leave
     * @throws ListNotFoundException   if it is missing or the actor is not a member
     * @throws RoleRequiredException   if the actor removes someone else without being an owner
     * @throws MemberNotFoundException if the user is not a member
     * @throws LastOwnerException      if they are the list's only owner
     */
    public void removeMember(Actor actor, String listId, UserId user) {
        ListAccess access = access(actor, listId);
        if (!user.equals(actor.user())) {
            ListGate.requireRole(access, actor, ListRole.OWNER);
        }
        // Queued first, so that a crash after the removal still leaves the unassignment to be finished.
        lists.queueUnassignment(listId, user, actor.user());
        try {
            lists.removeMember(listId, user);
        } catch (RuntimeException e) {
            lists.unassignmentDone(listId, user);
            throw e;
        }
        if (tasks.unassignAll(listId, user, actor.user(), now(), REQUEST_BUDGET)) {
            lists.unassignmentDone(listId, user);
        }
    }

    /**
     * Makes a single-use code that lets whoever presents it join the list with {@code role} (owners only).
     *
     * @param actor  who invites
     * @param listId the list's id
     * @param role   the role the invitation gives
     * @return the code to pass on, with the role it gives and when it stops working
     * @throws ListNotFoundException if it is missing or the actor is not a member
     * @throws RoleRequiredException if the actor is not an owner
     */
    public IssuedInvitation invite(Actor actor, String listId, ListRole role) {
        Objects.requireNonNull(role, "role");
        ListGate.requireRole(access(actor, listId), actor, ListRole.OWNER);
        String code = InvitationCodes.newCode(random);
        long now = now();
        long expiresAt = now + INVITATION_LIFETIME.toSeconds();
        invitations.create(new Invitation(InvitationCodes.digest(code), listId, role, now, expiresAt));
        return new IssuedInvitation(code, role, expiresAt);
    }

    /**
     * Joins the list of an invitation with its role and uses the invitation up; a member already keeps their role and
     * leaves the invitation unused.
     *
     * @param actor who joins
     * @param code  the invitation's code
     * @return the list as the actor now sees it
     * @throws InvitationNotFoundException if the code is not one that works: forged, expired, used, or its list gone
     */
    public Membership join(Actor actor, String code) {
        if (code == null || !InvitationCodes.isShaped(code)) {
            throw new InvitationNotFoundException();
        }
        String digest = InvitationCodes.digest(code);
        long now = now();
        Invitation invitation = invitations.find(digest).filter(found -> found.isValidAt(now))
                .orElseThrow(InvitationNotFoundException::new);
        ListAccess access = gate.read(actor, invitation.listId()).orElseThrow(InvitationNotFoundException::new);
        if (access.role(actor.user()).isPresent()) {
            return new Membership(access.list(), access.role(actor.user()).get());
        }
        if (!invitations.claim(digest, actor.user(), now)) {
            throw new InvitationNotFoundException();
        }
        try {
            if (lists.addMember(invitation.listId(), new Member(actor.user(), invitation.role(), actor.name(), now))) {
                return new Membership(access.list(), invitation.role());
            }
        } catch (ListNotFoundException e) {
            throw new InvitationNotFoundException();
        }
        // A concurrent join of the same user added them first: they keep the role that gave them.
        return get(actor, invitation.listId());
    }

    /**
     * Works through up to {@code steps} pieces of the work that deletions and removals left: each step removes or
     * unassigns a bounded number of items.
     *
     * @param steps the most pieces of work to handle
     * @return whether work is left
     */
    public boolean maintain(int steps) {
        List<PendingWork> pending = lists.pendingWork(steps);
        for (PendingWork work : pending) {
            if (work instanceof PendingWork.Purge purge) {
                if (deleteTasks(purge.listId(), MAINTENANCE_BUDGET)) {
                    lists.purge(purge.listId(), MAINTENANCE_BUDGET);
                }
            } else if (work instanceof PendingWork.HistoryPurge purge) {
                if (tasks.purgeHistory(purge.taskId(), MAINTENANCE_BUDGET)) {
                    lists.historyPurgeDone(purge.taskId());
                }
            } else if (work instanceof PendingWork.Unassignment unassignment) {
                if (tasks.unassignAll(unassignment.listId(), unassignment.user(), unassignment.actor(), now(),
                        MAINTENANCE_BUDGET)) {
                    lists.unassignmentDone(unassignment.listId(), unassignment.user());
                }
            }
        }
        return !lists.pendingWork(1).isEmpty();
    }

    /**
     * Deletes up to {@code budget} of a deleted list's tasks. With attachments, each task goes one by one after its
     * attachments, so that none is left behind; the store's bulk deletion then only confirms that nothing is left.
     *
     * @return whether none is left
     */
    private boolean deleteTasks(String listId, int budget) {
        if (attachments == TaskAttachments.NONE) {
            return tasks.deleteAll(listId, budget);
        }
        TaskScope scope = new TaskScope.InList(listId);
        List<Task> page = tasks.list(scope, TaskFilter.ALL, budget, null).items();
        for (Task task : page) {
            attachments.removeAll(task.id());
            try {
                tasks.delete(scope, task.id(), null);
            } catch (TaskNotFoundException e) {
                // Deleted by an earlier step whose listing had not caught up.
            }
            if (!tasks.purgeHistory(task.id(), budget)) {
                lists.queueHistoryPurge(task.id());
            }
        }
        return page.size() < budget && tasks.deleteAll(listId, budget);
    }

    /** The list and the actor's entry (and those of {@code others}); a list they are not in is not found. */
    private ListAccess access(Actor actor, String listId, UserId... others) {
        return gate.member(actor, listId, ListNotFoundException::new, others);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * A member as stored after a change of role, and what the change did.
     *
     * @param member the member
     * @param change whether they were added, changed, or already had the role
     */
    public record MemberUpdate(Member member, MemberChange change) {
        /**
         * Checks that both are given.
         *
         * @param member the member
         * @param change whether they were added, changed, or already had the role
         */
        public MemberUpdate {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(change, "change");
        }
    }
}
