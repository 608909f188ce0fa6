package io.taskapi.domain;

/** The fields of a request about a list, a member or an invitation, in the order their errors are listed. */
public enum ListField implements Field {
    /** The list's name: required, 1 to 100 characters of one line. */
    NAME,
    /** A member's or an invitation's role: one of {@link ListRole}. */
    ROLE,
    /** The user a member entry is about. */
    USER_ID
}
