package io.taskapi.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of tasks as clients see it.
 *
 * @param items the tasks, in the listing's order
 * @param next  the sealed token that fetches the following page; empty on the last page
 */
public record TaskPage(List<Task> items, Optional<String> next) {
    /**
     * Copies the tasks.
     *
     * @param items the tasks, in the listing's order
     * @param next  the sealed token that fetches the following page; empty on the last page
     * @throws NullPointerException if either is {@code null}
     */
    public TaskPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next page");
    }
}
