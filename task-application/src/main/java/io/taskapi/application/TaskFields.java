package io.taskapi.application;

import java.util.List;
import java.util.Set;

/**
 * The task fields a request body named, as raw values; {@code null} where the body did not name a field or named it
 * with JSON {@code null}, which {@code nulls} then lists.
 */
record TaskFields(
        String task, String status, String priority, String description, String dueDate, List<String> tags,
        Set<String> nulls) {
    TaskFields {
        tags = tags == null ? null : List.copyOf(tags);
        nulls = Set.copyOf(nulls);
    }
}
