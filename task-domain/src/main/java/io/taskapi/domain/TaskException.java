package io.taskapi.domain;

/**
 * Base of every failure the core reports; its message is safe to show to a client.
 *
 * <p>Adapters translate their technology's exceptions into these, and one place in each front door maps them to a
 * protocol status.
 */
public abstract sealed class TaskException extends RuntimeException
        permits ValidationException, NotFoundException, VersionConflictException, TaskAlreadyExistsException,
                StoreUnavailableException, RoleRequiredException, LastOwnerException, AttachmentConflictException {

    TaskException(String message) {
        super(message, null, false, false);
    }

    TaskException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
