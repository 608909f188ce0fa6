package io.taskapi.domain;

/** What setting a member's role did. */
public enum MemberChange {
    /** The user was not a member and is one now. */
    ADDED,
    /** The member had another role. */
    CHANGED,
    /** The member already had this role. */
    UNCHANGED
}
