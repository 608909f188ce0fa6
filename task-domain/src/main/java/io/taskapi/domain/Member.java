package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's place in a list.
 *
 * @param user     who
 * @param role     what they may do there
 * @param name     their name as their identity provider gave it when they created the list or joined it; empty when
 *                 it is not known (a member added by id)
 * @param joinedAt when they became a member, in epoch seconds
 */
public record Member(UserId user, ListRole role, Optional<String> name, long joinedAt) {
    /**
     * Checks that the user and role are given, and keeps the name in its stored form.
     *
     * @param user     who
     * @param role     what they may do there
     * @param name     their name as their identity provider gave it when they created the list or joined it; empty
     *                 when it is not known (a member added by id)
     * @param joinedAt when they became a member, in epoch seconds
     * @throws IllegalArgumentException if the name is not one a person may have, or {@code joinedAt} is negative
     */
    public Member {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        name = Optional.ofNullable(PersonName.of(name.orElse(null)));
        if (joinedAt < 0) {
            throw new IllegalArgumentException("joinedAt must not be negative");
        }
    }

    /**
     * This member with another role, joined at the same time.
     *
     * @param newRole the role
     * @return the member
     */
    public Member withRole(ListRole newRole) {
        return new Member(user, newRole, name, joinedAt);
    }
}
