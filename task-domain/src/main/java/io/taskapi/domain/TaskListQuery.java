package io.taskapi.domain;

import java.util.Objects;

/**
 * A valid request for one page of tasks: the caller's own tasks, a shared list's, or those assigned to the caller.
 *
 * @param limit        page size, 1 to {@value #MAX_LIMIT}
 * @param filter       which tasks to list
 * @param pageToken    the token of a previous page, or {@code null} for the first page
 * @param listId       the shared list whose tasks are listed, or {@code null} for the caller's own tasks
 * @param assignedToMe whether to list the tasks assigned to the caller in every scope instead, newest first; it takes
 *                     no other criterion
 */
public record TaskListQuery(int limit, TaskFilter filter, String pageToken, String listId, boolean assignedToMe) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    public TaskListQuery {
        requireLimit(limit);
        Objects.requireNonNull(filter, "filter");
        if (pageToken != null && pageToken.isEmpty()) {
            pageToken = null;
        }
        if (assignedToMe && (listId != null || !filter.equals(TaskFilter.ALL))) {
            throw new ValidationException(ListingField.ASSIGNEE, "cannot be combined with other criteria");
        }
    }

    /** A page of the caller's own tasks. */
    public TaskListQuery(int limit, TaskFilter filter, String pageToken) {
        this(limit, filter, pageToken, null, false);
    }

    /** The first page of every task, at the default size. */
    public static TaskListQuery firstPage() {
        return new TaskListQuery(DEFAULT_LIMIT, TaskFilter.ALL, null);
    }

    /**
     * Checks a page size.
     *
     * @throws ValidationException on {@link ListingField#LIMIT} unless {@code limit} is from 1 to {@value #MAX_LIMIT}
     */
    public static int requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException(ListingField.LIMIT, "must be an integer from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
