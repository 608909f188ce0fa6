package io.taskapi.domain;

import java.util.Optional;

/**
 * What a member of a list may do there; written and stored as {@code owner}, {@code editor}, {@code viewer}. Each role
 * may do everything the roles after it may.
 */
public enum ListRole implements NamedValue {
    /** Everything: rename and delete the list, manage its members and invitations, and all an editor may. */
    OWNER,
    /** Creates, edits, deletes and assigns the list's tasks, and all a viewer may. */
    EDITOR,
    /** Reads the list, its members and its tasks. */
    VIEWER;

    /** Whether this role may do what {@code needed} may. */
    boolean includes(ListRole needed) {
        return ordinal() <= needed.ordinal();
    }

    /**
     * The role with exactly this name, or empty: matching is case-sensitive.
     *
     * @param value the name, as {@link #value()} writes it
     * @return the role, or empty when no role has this name
     */
    public static Optional<ListRole> fromValue(String value) {
        return NamedValue.parse(ListRole.class, value);
    }
}
