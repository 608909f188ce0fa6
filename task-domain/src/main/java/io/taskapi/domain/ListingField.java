package io.taskapi.domain;

/** The criteria of a request for a page of tasks, in the order their errors are listed. */
public enum ListingField implements Field {
    STATUS,
    PRIORITY,
    TAG,
    DUE_BEFORE,
    DUE_AFTER,
    ORDER,
    /** The shared list whose tasks are listed. */
    LIST_ID,
    /** Whose assigned tasks are listed: only the caller's ({@code me}). */
    ASSIGNEE,
    LIMIT,
    PAGE_TOKEN
}
