package io.taskapi.domain;

import java.util.ArrayList;
import java.util.List;

/** Input that breaks a rule; lists every offending field, in its field enum's order. Nothing was changed. */
public final class ValidationException extends TaskException {
    /** The offending fields, sorted by field. */
    private final List<FieldError> errors;

    /**
     * The failure of the input that {@code errors} describe.
     *
     * @param errors each error found, at least one, in any order of fields
     * @throws IllegalArgumentException if there is none
     */
    public ValidationException(List<FieldError> errors) {
        super("Validation failed");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one field");
        }
        List<FieldError> ordered = new ArrayList<>(errors);
        ordered.sort(FieldError.BY_FIELD);
        this.errors = List.copyOf(ordered);
    }

    /**
     * The failure of one field, as a whole.
     *
     * @param field   the field
     * @param message what is wrong, such as {@code must not be empty}
     */
    public ValidationException(Field field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /**
     * The offending fields: by field, and in the order they were found within one field.
     *
     * @return the errors, at least one
     */
    public List<FieldError> errors() {
        return errors;
    }
}
