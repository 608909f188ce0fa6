package io.taskapi.domain;

/** The task or list changed since the version the caller based its write on; nothing was changed. */
public final class VersionConflictException extends TaskException {
    public VersionConflictException() {
        super("Task was modified by another request");
    }

    private VersionConflictException(String message) {
        super(message);
    }

    /** The conflict of a write to a list. */
    public static VersionConflictException ofList() {
        return new VersionConflictException("List was modified by another request");
    }
}
