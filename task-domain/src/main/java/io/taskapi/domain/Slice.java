package io.taskapi.domain;

import java.util.List;

/**
 * One page of a listing as a repository returns it.
 *
 * @param items        the entries, in the listing's order
 * @param nextPosition where the following page starts, in the repository's own terms, or {@code null} when there is
 *                     no more
 * @param <T>          what is listed
 */
public record Slice<T>(List<T> items, String nextPosition) {
    /**
     * Copies the entries.
     *
     * @param items        the entries, in the listing's order
     * @param nextPosition where the following page starts, in the repository's own terms, or {@code null} when there is
     *                     no more
     */
    public Slice {
        items = List.copyOf(items);
    }
}
