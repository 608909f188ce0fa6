package io.taskapi.domain;

import java.util.Objects;

/**
 * A list as one of its members sees it: the list and their role in it.
 *
 * @param list the list
 * @param role the member's role
 */
public record Membership(TaskList list, ListRole role) {
    /**
     * Checks that both are given.
     *
     * @param list the list
     * @param role the member's role
     */
    public Membership {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(role, "role");
    }
}
