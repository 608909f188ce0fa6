package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a listing to read: at most {@link #limit()} items, from the start or after the page whose
 * {@link Page#next() next token} is {@link #token()}.
 */
public final class PageRequest {
    private final int limit;
    private final String token;

    private PageRequest(int limit, String token) {
        this.limit = TaskListQuery.requireLimit(limit);
        this.token = token;
    }

    /**
     * The first page, of at most {@value TaskListQuery#DEFAULT_LIMIT} items.
     *
     * @return the request
     */
    public static PageRequest first() {
        return new PageRequest(TaskListQuery.DEFAULT_LIMIT, null);
    }

    /**
     * The first page, of at most {@code limit} items.
     *
     * @param limit the page size, 1 to {@value TaskListQuery#MAX_LIMIT}
     * @return the request
     * @throws ValidationException on {@link ListingField#LIMIT} if {@code limit} is out of range
     */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /**
     * The page that follows the one whose next token is {@code token}, of the same size as this request; an empty
     * token names the first page, as an empty {@code nextToken} query parameter does.
     *
     * @param token a {@link Page#next() next token} the same listing returned
     * @return the request
     */
    public PageRequest after(String token) {
        Objects.requireNonNull(token, "token");
        return new PageRequest(limit, token.isEmpty() ? null : token);
    }

    /**
     * The page size.
     *
     * @return at most how many items the page holds, 1 to {@value TaskListQuery#MAX_LIMIT}
     */
    public int limit() {
        return limit;
    }

    /**
     * Where the page starts.
     *
     * @return the token of the previous page, or empty for the first page
     */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageRequest that && limit == that.limit && Objects.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, token);
    }

    @Override
    public String toString() {
        return token == null ? "first page of " + limit : "page of " + limit + " after a token";
    }
}
