package io.taskapi.domain;

/** The task or list changed since the version the caller based its write on; nothing was changed. */
public final class VersionConflictException extends TaskException {
    /** The conflict of a write to a task. */
    public VersionConflictException() {
        super("Task was modified by another request");
    }

    private VersionConflictException(String message) {
        super(message);
    }

    /**
     * The conflict of a write to a list.
     *
     * @return the failure, with the message clients are shown
     */
    public static VersionConflictException ofList() {
        return new VersionConflictException("List was modified by another request");
    }
}
