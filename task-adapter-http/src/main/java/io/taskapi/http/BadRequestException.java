package io.taskapi.http;

/** A request the core cannot read at all (not a field-level rule); answered with its status and message. */
final class BadRequestException extends RuntimeException {
    private final int status;

    BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
