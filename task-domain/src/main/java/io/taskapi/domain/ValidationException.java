package io.taskapi.domain;

import java.util.List;

/** Input that breaks a task rule; lists every offending field. Nothing was changed. */
public final class ValidationException extends TaskException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("Validation failed");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** The offending fields, in the order they were found. */
    public List<FieldError> errors() {
        return errors;
    }
}
