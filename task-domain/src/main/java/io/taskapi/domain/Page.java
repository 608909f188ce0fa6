package io.taskapi.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing as clients see it.
 *
 * @param items the entries, in the listing's order
 * @param next  the sealed token that fetches the following page; empty on the last page
 * @param <T>   what is listed
 */
public record Page<T>(List<T> items, Optional<String> next) {
    /**
     * Copies the entries.
     *
     * @param items the entries, in the listing's order
     * @param next  the sealed token that fetches the following page; empty on the last page
     * @throws NullPointerException if either is {@code null}
     */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next page");
    }
}
