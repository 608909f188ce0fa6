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

    /** The description as stored, or {@code null} after adding its error to {@code errors}. */
    static String description(String value, List<FieldError> errors) {
        String normalized = TaskDetails.normalizeDescription(value);
        var problem = TaskDetails.descriptionProblem(normalized);
        if (problem.isPresent()) {
            errors.add(new FieldError(TaskDetails.DESCRIPTION, problem.get()));
            return null;
        }
        return normalized;
    }

    static TaskPriority priority(String value, List<FieldError> errors) {
        return TaskPriority.fromValue(value).orElseGet(() -> {
            errors.add(new FieldError("priority", "must be one of: " + TaskPriority.allowedValues()));
            return null;
        });
    }
}
