package io.taskapi.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks a listing returns, and in which order; an absent criterion matches every task. Start from {@link #ALL}
 * or {@link #builder()}: {@code TaskFilter.builder().status(TaskStatus.COMPLETED).tag("work").build()}.
 *
 * <p>Only the combinations a store can serve in time proportional to the page are allowed ({@link #supports}):
 * ordered by creation, any of status, priority and tag; ordered by due date, any of status, due dates and tag.
 *
 * @param status    only tasks with this status; empty for any
 * @param priority  only tasks with this priority; empty for any
 * @param tag       only tasks with this tag; empty for any
 * @param dueBefore only tasks due strictly before this day, if given
 * @param dueAfter  only tasks due strictly after this day, if given
 * @param order     the order of the listing; {@link TaskOrder#DUE_DATE} lists only tasks that have a due date
 */
public record TaskFilter(
        Optional<TaskStatus> status, Optional<TaskPriority> priority, Optional<String> tag,
        Optional<LocalDate> dueBefore, Optional<LocalDate> dueAfter, TaskOrder order) {

    /** Every task of the owner, newest first. */
    public static final TaskFilter ALL = builder().build();

    /**
     * Checks every criterion and their combination.
     *
     * @param status    only tasks with this status; empty for any
     * @param priority  only tasks with this priority; empty for any
     * @param tag       only tasks with this tag; empty for any
     * @param dueBefore only tasks due strictly before this day, if given
     * @param dueAfter  only tasks due strictly after this day, if given
     * @param order     the order of the listing; {@link TaskOrder#DUE_DATE} lists only tasks that have a due date
     * @throws ValidationException naming each criterion that breaks its rule, or the order when the combination is one
     *                             that {@link #supports} refuses
     */
    public TaskFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(order, "order");
        Violations violations = new Violations();
        tag.flatMap(TaskRules::tagProblem).ifPresent(problem -> violations.add(ListingField.TAG, problem));
        dueBefore = Optional.ofNullable(TaskRules.dueDate(dueBefore.orElse(null), ListingField.DUE_BEFORE, violations));
        dueAfter = Optional.ofNullable(TaskRules.dueDate(dueAfter.orElse(null), ListingField.DUE_AFTER, violations));
        violations.throwIfAny();
        if (!supports(order, priority.isPresent(), dueBefore.isPresent() || dueAfter.isPresent())) {
            throw new ValidationException(ListingField.ORDER, order == TaskOrder.CREATED_AT
                    ? "cannot be combined with due date bounds; they need the due date order"
                    : "cannot be combined with a priority");
        }
    }

    /**
     * A filter with no criterion, newest first, until named otherwise.
     *
     * @return a builder of a filter
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a listing in {@code order} can be filtered this way at a cost proportional to the page: due date bounds
     * need the due date order, and the due date order cannot filter by priority.
     *
     * @param order      the listing's order
     * @param byPriority whether it filters by priority
     * @param byDueDates whether it has a due date bound
     * @return whether a store can serve the combination
     */
    public static boolean supports(TaskOrder order, boolean byPriority, boolean byDueDates) {
        return order == TaskOrder.CREATED_AT ? !byDueDates : !byPriority;
    }

    /**
     * Why {@code tag} cannot be a tag criterion (the rule of a task's tags), or empty when it can.
     *
     * @param tag the tag
     * @return what is wrong with it, in words a client can show, or empty
     */
    public static Optional<String> tagProblem(String tag) {
        return TaskRules.tagProblem(tag);
    }

    /**
     * Whether {@code task} passes this filter (the due date order also requires a due date).
     *
     * @param task the task
     * @return whether it is listed
     */
    public boolean matches(Task task) {
        if (status.filter(wanted -> wanted != task.status()).isPresent()
                || priority.filter(wanted -> wanted != task.priority()).isPresent()) {
            return false;
        }
        if (tag.filter(wanted -> !task.tags().contains(wanted)).isPresent()) {
            return false;
        }
        if (order == TaskOrder.DUE_DATE) {
            LocalDate due = task.dueDate().orElse(null);
            return due != null && dueBefore.map(due::isBefore).orElse(true) && dueAfter.map(due::isAfter).orElse(true);
        }
        return true;
    }

    /**
     * Whether no task can match: the due date bounds leave no day between them.
     *
     * @return whether the listing is empty whatever is stored
     */
    public boolean isEmptyRange() {
        return dueBefore.isPresent() && dueAfter.isPresent() && !dueAfter.get().plusDays(1).isBefore(dueBefore.get());
    }

    /**
     * A stable text naming this filter and order, to which page tokens are bound. Listings by status and priority
     * alone have the shorter form {@code status=<s>&priority=<p>}, which tokens of every version were bound to, so
     * those tokens stay valid.
     */
    String fingerprint() {
        String base = "status=" + status.map(TaskStatus::value).orElse("")
                + "&priority=" + priority.map(TaskPriority::value).orElse("");
        if (tag.isEmpty() && dueBefore.isEmpty() && dueAfter.isEmpty() && order == TaskOrder.CREATED_AT) {
            return base;
        }
        return base + "&tag=" + tag.orElse("")
                + "&dueBefore=" + dueBefore.map(LocalDate::toString).orElse("")
                + "&dueAfter=" + dueAfter.map(LocalDate::toString).orElse("")
                + "&order=" + order.name();
    }

    /** Collects a filter's criteria; {@link #build()} checks them together. */
    public static final class Builder {
        private TaskStatus status;
        private TaskPriority priority;
        private String tag;
        private LocalDate dueBefore;
        private LocalDate dueAfter;
        private TaskOrder order = TaskOrder.CREATED_AT;

        private Builder() {
        }

        /**
         * Only tasks with this status.
         *
         * @param value the status
         * @return this builder
         */
        public Builder status(TaskStatus value) {
            status = Objects.requireNonNull(value, "status");
            return this;
        }

        /**
         * Only tasks with this priority (in the creation order only).
         *
         * @param value the priority
         * @return this builder
         */
        public Builder priority(TaskPriority value) {
            priority = Objects.requireNonNull(value, "priority");
            return this;
        }

        /**
         * Only tasks with this tag.
         *
         * @param value the tag, as tasks store it
         * @return this builder
         */
        public Builder tag(String value) {
            tag = Objects.requireNonNull(value, "tag");
            return this;
        }

        /**
         * Only tasks due strictly before this day (in the due date order only).
         *
         * @param value the day
         * @return this builder
         */
        public Builder dueBefore(LocalDate value) {
            dueBefore = Objects.requireNonNull(value, "dueBefore");
            return this;
        }

        /**
         * Only tasks due strictly after this day (in the due date order only).
         *
         * @param value the day
         * @return this builder
         */
        public Builder dueAfter(LocalDate value) {
            dueAfter = Objects.requireNonNull(value, "dueAfter");
            return this;
        }

        /**
         * The order of the listing; default {@link TaskOrder#CREATED_AT}, newest first.
         *
         * @param value the order
         * @return this builder
         */
        public Builder order(TaskOrder value) {
            order = Objects.requireNonNull(value, "order");
            return this;
        }

        /**
         * The checked filter.
         *
         * @return the filter
         * @throws ValidationException naming each criterion that breaks its rule, or the order when the combination
         *                             is one that {@link TaskFilter#supports} refuses
         */
        public TaskFilter build() {
            return new TaskFilter(Optional.ofNullable(status), Optional.ofNullable(priority), Optional.ofNullable(tag),
                    Optional.ofNullable(dueBefore), Optional.ofNullable(dueAfter), order);
        }
    }
}
