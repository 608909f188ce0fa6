package io.taskapi.application;

import java.util.List;
import java.util.Map;

/**
 * A request the core refuses for what it is on the wire rather than for a rule of the domain (an unreadable or unknown
 * part, a failed precondition, a reused idempotency key); answered with its status, message, any offending fields and
 * any extra headers.
 */
final class BadRequestException extends RuntimeException {
    private final int status;
    private final List<Problems.Field> fields;
    private final Map<String, String> headers;

    BadRequestException(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    BadRequestException(int status, String message, Map<String, String> headers) {
        this(status, message, List.of(), headers);
    }

    private BadRequestException(int status, String message, List<Problems.Field> fields, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.fields = List.copyOf(fields);
        this.headers = Map.copyOf(headers);
    }

    /** A 400 naming the offending fields as the client wrote them. */
    static BadRequestException invalid(List<Problems.Field> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        return new BadRequestException(400, Problems.VALIDATION_FAILED, fields, Map.of());
    }

    /** A 400 naming one offending field as the client wrote it. */
    static BadRequestException invalid(String field, String message) {
        return invalid(List.of(new Problems.Field(field, message)));
    }

    int status() {
        return status;
    }

    List<Problems.Field> fields() {
        return fields;
    }

    Map<String, String> headers() {
        return headers;
    }
}
