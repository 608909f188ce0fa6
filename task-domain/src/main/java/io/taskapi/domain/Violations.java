package io.taskapi.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects the broken rules of one request, so that all of them are reported at once. */
final class Violations {
    private final List<FieldError> errors = new ArrayList<>();

    void add(Field field, String message) {
        errors.add(new FieldError(field, message));
    }

    void add(Field field, int index, String message) {
        errors.add(new FieldError(field, index, message));
    }

    /** @throws ValidationException listing every rule broken so far, if any */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** @throws IllegalArgumentException naming the broken rules, for values that should have been valid already */
    void requireNone(String what) {
        if (!errors.isEmpty()) {
            StringBuilder text = new StringBuilder(what).append(" breaks the rules:");
            for (FieldError error : errors) {
                text.append(' ').append(error.field()).append(error.index() < 0 ? "" : "[" + error.index() + "]")
                        .append(' ').append(error.message()).append(';');
            }
            throw new IllegalArgumentException(text.toString());
        }
    }
}
