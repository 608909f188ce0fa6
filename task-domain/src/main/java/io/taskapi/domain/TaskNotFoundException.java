package io.taskapi.domain;

/** No task with this id exists for this caller (including one that belongs to somebody else). */
public final class TaskNotFoundException extends NotFoundException {
    /** The failure, with the message clients are shown. */
    public TaskNotFoundException() {
        super("Task not found");
    }
}
