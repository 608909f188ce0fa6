package io.taskapi.domain;

/** The order of a listing. */
public enum TaskOrder {
    /** Newest first, by creation (the id); every task is listed. */
    CREATED_AT,
    /** Earliest due date first, ties oldest first; only tasks with a due date are listed. */
    DUE_DATE
}
