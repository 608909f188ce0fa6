package io.taskapi.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Which tasks a listing returns, and in which order; an absent criterion matches every task.
 *
 * <p>Only the combinations a store can serve in time proportional to the page are allowed ({@link #supports}):
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
    public static final TaskFilter ALL = new TaskFilter(null, null, null, null, null, TaskOrder.CREATED_AT);

    /**
     * Checks every criterion and their combination.
     *
     * @throws ValidationException naming each criterion that breaks its rule, or the order when the combination is one
     *                             that {@link #supports} refuses
     */
    public TaskFilter {
        if (order == null) {
            order = TaskOrder.CREATED_AT;
        }
        Violations violations = new Violations();
        if (tag != null) {
            TaskRules.tagProblem(tag).ifPresent(problem -> violations.add(ListingField.TAG, problem));
        }
        dueBefore = TaskRules.dueDate(dueBefore, ListingField.DUE_BEFORE, violations);
        dueAfter = TaskRules.dueDate(dueAfter, ListingField.DUE_AFTER, violations);
        violations.throwIfAny();
        if (!supports(order, priority != null, dueBefore != null || dueAfter != null)) {
            throw new ValidationException(ListingField.ORDER, order == TaskOrder.CREATED_AT
                    ? "cannot be combined with due date bounds; they need the due date order"
                    : "cannot be combined with a priority");
        }
    }

    /**
     * Whether a listing in {@code order} can be filtered this way at a cost proportional to the page: due date bounds
     * need the due date order, and the due date order cannot filter by priority.
     */
    public static boolean supports(TaskOrder order, boolean byPriority, boolean byDueDates) {
        return order == TaskOrder.CREATED_AT ? !byDueDates : !byPriority;
    }

    /** Why {@code tag} cannot be a tag criterion (the rule of a task's tags), or empty when it can. */
    public static Optional<String> tagProblem(String tag) {
        return TaskRules.tagProblem(tag);
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
     * alone have the shorter form {@code status=<s>&priority=<p>}, which tokens of every version were bound to, so
     * those tokens stay valid.
     */
    String fingerprint() {
        String base = "status=" + (status == null ? "" : status.value())
                + "&priority=" + (priority == null ? "" : priority.value());
        if (tag == null && dueBefore == null && dueAfter == null && order == TaskOrder.CREATED_AT) {
            return base;
        }
        return base + "&tag=" + (tag == null ? "" : tag)
                + "&dueBefore=" + (dueBefore == null ? "" : dueBefore)
                + "&dueAfter=" + (dueAfter == null ? "" : dueAfter)
                + "&order=" + order.name();
    }
}
