package io.taskapi.domain;

/** The store cannot answer right now (throttled, down, or too slow); the same request may succeed later. */
public final class StoreUnavailableException extends TaskException {
    /** Why the store cannot answer, as a short code for the log. */
    private final String reason;

    /**
     * A failure of the store for {@code reason}.
     *
     * @param reason a short lower-case code for operators, such as {@code throttled} or {@code unreachable}; never
     *               shown to clients
     * @param cause  the store's own failure
     */
    public StoreUnavailableException(String reason, Throwable cause) {
        super("Service temporarily unavailable, please retry", cause);
        this.reason = reason;
    }

    /**
     * A failure without a more specific reason than {@code unavailable}.
     *
     * @param cause the store's own failure
     */
    public StoreUnavailableException(Throwable cause) {
        this("unavailable", cause);
    }

    /**
     * Why the store cannot answer, as a short code for the log.
     *
     * @return the code, such as {@code throttled}
     */
    public String reason() {
        return reason;
    }
}
