package io.taskapi.domain;

import java.util.Objects;

/** One reason why one field of a request was refused, in words a client can show. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
