package io.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing as clients see it.
 *
 * @param items     the tasks, newest first
 * @param nextToken the sealed token that fetches the following page, or {@code null} when there is none
 */
public record TaskPage(List<Task> items, String nextToken) {
    public TaskPage {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }
}
