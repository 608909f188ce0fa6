package io.taskapi.application;

import java.util.Map;

/**
 * A request the core refuses as a whole rather than for a field-level rule (unreadable body, failed precondition,
 * reused idempotency key); answered with its status, message and any extra headers.
 */
final class BadRequestException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    BadRequestException(int status, String message) {
        this(status, message, Map.of());
    }

    BadRequestException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
