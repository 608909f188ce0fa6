package io.taskapi.domain;

/** No task with this id exists for this owner (including one that belongs to somebody else). */
public final class TaskNotFoundException extends TaskException {
    public TaskNotFoundException() {
        super("Task not found");
    }
}
