package io.taskapi.domain;

import java.util.ArrayList;
import java.util.List;

/** Input that breaks a rule; lists every offending field, in its field enum's order. Nothing was changed. */
public final class ValidationException extends TaskException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("Validation failed");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one field");
        }
        List<FieldError> ordered = new ArrayList<>(errors);
        ordered.sort(FieldError.BY_FIELD);
        this.errors = List.copyOf(ordered);
    }

    public ValidationException(Field field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** The offending fields: by field, and in the order they were found within one field. */
    public List<FieldError> errors() {
        return errors;
    }
}
