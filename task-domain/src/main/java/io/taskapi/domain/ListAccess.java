package io.taskapi.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A list as a store read it together with the members asked about: what an operation needs to decide whether it may
 * proceed, read in one step.
 *
 * @param list    the list
 * @param members the entries of the users asked about who are members; those who are not are absent
 */
public record ListAccess(TaskList list, Map<UserId, Member> members) {
    /**
     * Checks that the list is given and copies the members.
     *
     * @param list    the list
     * @param members the entries of the users asked about who are members; those who are not are absent
     */
    public ListAccess {
        Objects.requireNonNull(list, "list");
        members = Map.copyOf(members);
    }

    /**
     * The role of {@code user}, or empty when they are not a member (or were not asked about).
     *
     * @param user the user
     * @return their role, or empty
     */
    public Optional<ListRole> role(UserId user) {
        return Optional.ofNullable(members.get(user)).map(Member::role);
    }
}
