package io.taskapi.domain;

import java.util.List;

/** Parsing of the enumerated fields shared by creates and updates, collecting errors instead of stopping. */
final class Fields {
    private Fields() {
    }

    static TaskStatus status(String value, List<FieldError> errors) {
        return TaskStatus.fromValue(value).orElseGet(() -> {
            errors.add(new FieldError("status", "must be one of: " + TaskStatus.allowedValues()));
            return null;
        });
    }

    static TaskPriority priority(String value, List<FieldError> errors) {
        return TaskPriority.fromValue(value).orElseGet(() -> {
            errors.add(new FieldError("priority", "must be one of: " + TaskPriority.allowedValues()));
            return null;
        });
    }
}
