package io.taskapi.domain;

/** The criteria of a request for a page of tasks, in the order their errors are listed. */
public enum ListingField implements Field {
    /** Only tasks with this status. */
    STATUS,
    /** Only tasks with this priority. */
    PRIORITY,
    /** Only tasks with this tag. */
    TAG,
    /** Only tasks due before this day. */
    DUE_BEFORE,
    /** Only tasks due after this day. */
    DUE_AFTER,
    /** The order of the listing. */
    ORDER,
    /** The shared list whose tasks are listed. */
    LIST_ID,
    /** Whose assigned tasks are listed: only the caller's ({@code me}). */
    ASSIGNEE,
    /** The page size. */
    LIMIT,
    /** The token of the previous page, where this one starts. */
    PAGE_TOKEN
}
