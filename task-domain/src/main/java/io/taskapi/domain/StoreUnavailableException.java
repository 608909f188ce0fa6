package io.taskapi.domain;

/** The task store cannot answer right now (throttled, down, or too slow); the same request may succeed later. */
public final class StoreUnavailableException extends TaskException {
    public StoreUnavailableException(Throwable cause) {
        super("Service temporarily unavailable, please retry", cause);
    }
}
