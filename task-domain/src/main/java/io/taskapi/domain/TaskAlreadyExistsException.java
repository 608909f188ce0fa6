package io.taskapi.domain;

/** A create found a task with the same id already stored; the stored task was left as it was. */
public final class TaskAlreadyExistsException extends TaskException {
    /** The failure, with the message clients are shown. */
    public TaskAlreadyExistsException() {
        super("Task already exists");
    }
}
