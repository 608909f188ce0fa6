package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A valid request for one page of tasks: the caller's own tasks, a shared list's, or those assigned to the caller.
 * Start from {@link #firstPage()} and name what differs: {@code TaskListQuery.firstPage().withLimit(10).inList(id)}.
 *
 * @param limit        page size, 1 to {@value #MAX_LIMIT}
 * @param filter       which tasks to list
 * @param pageToken    the token of a previous page; empty for the first page
 * @param listId       the shared list whose tasks are listed; empty for the caller's own tasks
 * @param assignedToMe whether to list the tasks assigned to the caller in every scope instead, newest first; it takes
 *                     no other criterion
 */
public record TaskListQuery(int limit, TaskFilter filter, Optional<String> pageToken, Optional<String> listId,
        boolean assignedToMe) {
    /** The page size when none is named. */
    public static final int DEFAULT_LIMIT = 25;
    /** The largest page size. */
    public static final int MAX_LIMIT = 100;

    private static final TaskListQuery FIRST_PAGE = new TaskListQuery(DEFAULT_LIMIT, TaskFilter.ALL, Optional.empty(),
            Optional.empty(), false);

    /**
     * Checks the query; an empty page token names the first page.
     *
     * @param limit        page size, 1 to {@value #MAX_LIMIT}
     * @param filter       which tasks to list
     * @param pageToken    the token of a previous page; empty for the first page
     * @param listId       the shared list whose tasks are listed; empty for the caller's own tasks
     * @param assignedToMe whether to list the tasks assigned to the caller in every scope instead, newest first; it
     *                     takes no other criterion
     * @throws ValidationException on {@link ListingField#LIMIT} for a page size out of range, on
     *                             {@link ListingField#ASSIGNEE} for tasks assigned to the caller with another criterion
     */
    public TaskListQuery {
        requireLimit(limit);
        Objects.requireNonNull(filter, "filter");
        pageToken = Objects.requireNonNull(pageToken, "pageToken").filter(token -> !token.isEmpty());
        Objects.requireNonNull(listId, "listId");
        if (assignedToMe && (listId.isPresent() || !filter.equals(TaskFilter.ALL))) {
            throw new ValidationException(ListingField.ASSIGNEE, "cannot be combined with other criteria");
        }
    }

    /**
     * The first page of the caller's own tasks, every one of them, newest first, at the default size.
     *
     * @return the query
     */
    public static TaskListQuery firstPage() {
        return FIRST_PAGE;
    }

    /**
     * This query with another page size.
     *
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @return the query
     * @throws ValidationException on {@link ListingField#LIMIT} if it is out of range
     */
    public TaskListQuery withLimit(int limit) {
        return new TaskListQuery(limit, filter, pageToken, listId, assignedToMe);
    }

    /**
     * This query with another filter.
     *
     * @param filter which tasks to list, and in which order
     * @return the query
     */
    public TaskListQuery withFilter(TaskFilter filter) {
        return new TaskListQuery(limit, filter, pageToken, listId, assignedToMe);
    }

    /**
     * This query over a shared list's tasks instead of the caller's own.
     *
     * @param listId the list's id
     * @return the query
     */
    public TaskListQuery inList(String listId) {
        return new TaskListQuery(limit, filter, pageToken, Optional.of(listId), assignedToMe);
    }

    /**
     * This query over the tasks assigned to the caller, in every scope, newest first.
     *
     * @return the query
     * @throws ValidationException on {@link ListingField#ASSIGNEE} if the query names a list or a filter
     */
    public TaskListQuery onlyAssignedToMe() {
        return new TaskListQuery(limit, filter, pageToken, listId, true);
    }

    /**
     * The page of this query that follows the page whose {@link TaskPage#next() next token} is {@code pageToken}; an
     * empty token names the first page.
     *
     * @param pageToken a next token the same query returned
     * @return the query
     */
    public TaskListQuery after(String pageToken) {
        return new TaskListQuery(limit, filter, Optional.of(pageToken), listId, assignedToMe);
    }

    /**
     * Checks a page size.
     *
     * @param limit the page size
     * @return the page size
     * @throws ValidationException on {@link ListingField#LIMIT} unless {@code limit} is from 1 to {@value #MAX_LIMIT}
     */
    public static int requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException(ListingField.LIMIT, "must be an integer from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
