package io.taskapi.domain;

/** The task changed since the version the caller based its write on; nothing was changed. */
public final class VersionConflictException extends TaskException {
    public VersionConflictException() {
        super("Task was modified by another request");
    }
}
