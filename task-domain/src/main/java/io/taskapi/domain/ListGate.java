package io.taskapi.domain;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what in a shared list, decided once for both services: each check reads the list and the entries it needs
 * (the actor's, and an assignee's) in one step, and a list the actor is not a member of is not found, never forbidden.
 */
final class ListGate {
    private final ListRepository lists;

    ListGate(ListRepository lists) {
        this.lists = lists;
    }

    /**
     * The list as a member sees it, with the entries of {@code others} read in the same step.
     *
     * @throws NotFoundException from {@code notFound} if the list is missing or the actor is not a member
     */
    ListAccess member(Actor actor, String listId, Supplier<? extends NotFoundException> notFound, UserId... others) {
        return read(actor, listId, others).filter(access -> access.role(actor.user()).isPresent())
                .orElseThrow(notFound);
    }

    /** The list and the entries of the actor and {@code others}, whether or not the actor is a member. */
    Optional<ListAccess> read(Actor actor, String listId, UserId... others) {
        Set<UserId> users = new LinkedHashSet<>();
        users.add(actor.user());
        for (UserId other : others) {
            if (other != null) {
                users.add(other);
            }
        }
        return lists.access(listId, users);
    }

    /**
     * A member's list, refused unless their role includes {@code needed}.
     *
     * @throws NotFoundException     from {@code notFound} if the actor is not a member
     * @throws RoleRequiredException if their role is lower
     */
    ListAccess require(Actor actor, String listId, ListRole needed, Supplier<? extends NotFoundException> notFound,
            UserId... others) {
        ListAccess access = member(actor, listId, notFound, others);
        requireRole(access, actor, needed);
        return access;
    }

    static void requireRole(ListAccess access, Actor actor, ListRole needed) {
        if (!may(access, actor, needed)) {
            throw new RoleRequiredException(needed);
        }
    }

    static boolean may(ListAccess access, Actor actor, ListRole needed) {
        return access != null && access.role(actor.user()).map(role -> role.includes(needed)).orElse(false);
    }

    /**
     * Whether {@code assignee} may hold a task: a member of its list, or, for a task in no list ({@code access} null),
     * the actor who owns it.
     *
     * @throws ValidationException on {@link TaskField#ASSIGNEE} if they may not
     */
    static void requireAssignable(UserId assignee, Actor actor, ListAccess access) {
        if (assignee == null) {
            return;
        }
        if (access == null && !assignee.equals(actor.user())) {
            throw new ValidationException(TaskField.ASSIGNEE,
                    "must be you: a task in no list can only be assigned to its owner");
        }
        if (access != null && access.role(assignee).isEmpty()) {
            throw new ValidationException(TaskField.ASSIGNEE, "must be a member of the task's list");
        }
    }
}
