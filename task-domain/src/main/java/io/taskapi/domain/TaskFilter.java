package io.taskapi.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which tasks a listing returns, and in which order; an absent criterion matches every task.
 *
 * <p>Only the combinations a store can serve in time proportional to the page are allowed (see {@link #SUPPORTED}):
 * ordered by creation, any of status, priority and tag; ordered by due date, any of status, due dates and tag.
 *
 * @param status    only tasks with this status, or {@code null} for any
 * @param priority  only tasks with this priority, or {@code null} for any
 * @param tag       only tasks with this tag, or {@code null} for any
 * @param dueBefore only tasks due strictly before this day, or {@code null}
 * @param dueAfter  only tasks due strictly after this day, or {@code null}
 * @param order     the order of the listing; {@link TaskOrder#DUE_DATE} lists only tasks that have a due date
 */
public record TaskFilter(
        TaskStatus status, TaskPriority priority, String tag, LocalDate dueBefore, LocalDate dueAfter,
        TaskOrder order) {

    /** Every task of the owner, newest first. */
    public static final TaskFilter ALL = new TaskFilter(null, null);

    /** What clients are told when they ask for another combination. */
    public static final String SUPPORTED = "sort=created_at (the default) with any of status, priority, tag;"
            + " sort=due_date with any of status, due_after, due_before, tag";

    public TaskFilter {
        if (order == null) {
            order = TaskOrder.CREATED_AT;
        }
        if (order == TaskOrder.CREATED_AT && (dueBefore != null || dueAfter != null)) {
            throw new IllegalArgumentException("due date bounds need the due date order");
        }
        if (order == TaskOrder.DUE_DATE && priority != null) {
            throw new IllegalArgumentException("the due date order cannot filter by priority");
        }
        if (tag != null && !TaskDetails.areValidTags(List.of(tag))) {
            throw new IllegalArgumentException("not a valid tag");
        }
    }

    /** Newest first, by status and priority. */
    public TaskFilter(TaskStatus status, TaskPriority priority) {
        this(status, priority, null, null, null, TaskOrder.CREATED_AT);
    }

    /**
     * Checks raw listing parameters; {@code null} means absent.
     *
     * @throws ValidationException naming the offending parameter, or {@code query} for an unsupported combination
     */
    public static TaskFilter of(
            TaskStatus status, TaskPriority priority, String tag, String dueBefore, String dueAfter, String sort) {
        List<FieldError> errors = new ArrayList<>();
        if (tag != null) {
            List<FieldError> tagErrors = new ArrayList<>();
            TaskDetails.tags(List.of(tag), tagErrors);
            tagErrors.forEach(error -> errors.add(new FieldError("tag", error.message())));
        }
        LocalDate before = dueBefore == null ? null : date("due_before", dueBefore, errors);
        LocalDate after = dueAfter == null ? null : date("due_after", dueAfter, errors);
        TaskOrder order = sort == null ? TaskOrder.CREATED_AT : TaskOrder.fromValue(sort).orElse(null);
        if (order == null) {
            errors.add(new FieldError("sort", "must be one of: " + TaskOrder.allowedValues()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        boolean supported = order == TaskOrder.CREATED_AT
                ? before == null && after == null
                : priority == null;
        if (!supported) {
            throw new ValidationException("query", "this combination is not supported; supported: " + SUPPORTED);
        }
        return new TaskFilter(status, priority, tag, before, after, order);
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        List<FieldError> found = new ArrayList<>();
        LocalDate date = TaskDetails.dueDate(text, found);
        found.forEach(error -> errors.add(new FieldError(field, error.message())));
        return date;
    }

    public Optional<TaskStatus> statusCriterion() {
        return Optional.ofNullable(status);
    }

    public Optional<TaskPriority> priorityCriterion() {
        return Optional.ofNullable(priority);
    }

    /** Whether {@code task} passes this filter (the due date order also requires a due date). */
    public boolean matches(Task task) {
        if (status != null && status != task.status() || priority != null && priority != task.priority()) {
            return false;
        }
        if (tag != null && !task.tags().contains(tag)) {
            return false;
        }
        if (order == TaskOrder.DUE_DATE) {
            LocalDate due = task.dueDate();
            return due != null && (dueBefore == null || due.isBefore(dueBefore))
                    && (dueAfter == null || due.isAfter(dueAfter));
        }
        return true;
    }

    /** Whether no task can match: the due date bounds leave no day between them. */
    public boolean isEmptyRange() {
        return dueBefore != null && dueAfter != null && !dueAfter.plusDays(1).isBefore(dueBefore);
    }

    /**
     * A stable text naming this filter and order, to which page tokens are bound. Listings by status and priority
     * alone keep the text they had before the other criteria existed, so their outstanding tokens stay valid.
     */
    String fingerprint() {
        String base = "status=" + (status == null ? "" : status.value())
                + "&priority=" + (priority == null ? "" : priority.value());
        if (tag == null && dueBefore == null && dueAfter == null && order == TaskOrder.CREATED_AT) {
            return base;
        }
        return base + "&tag=" + (tag == null ? "" : tag)
                + "&due_before=" + (dueBefore == null ? "" : dueBefore)
                + "&due_after=" + (dueAfter == null ? "" : dueAfter)
                + "&sort=" + order.value();
    }
}
