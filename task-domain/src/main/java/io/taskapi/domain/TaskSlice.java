package io.taskapi.domain;

import java.util.List;

/**
 * One page of tasks as a repository returns it.
 *
 * @param items        the tasks, newest first
 * @param nextPosition where the following page starts, in the repository's own terms, or {@code null} when there are
 *                     no more tasks
 */
public record TaskSlice(List<Task> items, String nextPosition) {
    /**
     * Copies the tasks.
     *
     * @param items        the tasks, newest first
     * @param nextPosition where the following page starts, in the repository's own terms, or {@code null} when there
     *                     are no more tasks
     */
    public TaskSlice {
        items = List.copyOf(items);
    }
}
