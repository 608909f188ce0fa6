package io.taskapi.domain;

/** What kind of change an entry of a task's activity records. */
public enum ActivityAction {
    /** The task was created; its changes give every field it was created with. */
    CREATED,
    /** Fields of the task changed, and neither its list nor only its assignee. */
    UPDATED,
    /** The task moved to another list (and may have changed otherwise in the same step). */
    MOVED,
    /** Only the task's assignee changed: assigned, reassigned or unassigned. */
    ASSIGNED,
    /** Someone commented on the task. */
    COMMENTED,
    /** A comment on the task was deleted. */
    COMMENT_DELETED
}
