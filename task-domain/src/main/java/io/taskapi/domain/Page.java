package io.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing as clients see it.
 *
 * @param items     the entries, in the listing's order
 * @param nextToken the sealed token that fetches the following page, or {@code null} when there is none
 * @param <T>       what is listed
 */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }
}
