package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Listing criteria: what may be combined, which errors name which criterion, how tasks match, and token binding. */
class TaskFilterTest {
    /** A filter from criteria that may be absent ({@code null}), as this test's cases state them. */
    static TaskFilter filter(TaskStatus status, TaskPriority priority, String tag, LocalDate dueBefore,
            LocalDate dueAfter, TaskOrder order) {
        return new TaskFilter(Optional.ofNullable(status), Optional.ofNullable(priority), Optional.ofNullable(tag),
                Optional.ofNullable(dueBefore), Optional.ofNullable(dueAfter),
                        order == null ? TaskOrder.CREATED_AT : order);
    }

    private static final String NEEDS_DUE_ORDER =
            "cannot be combined with due date bounds; they need the due date order";
    private static final String NO_PRIORITY = "cannot be combined with a priority";
    private static final String YEARS = "must be in the years 1000 to 9999";
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);

    private static TaskFilter byDueDate(LocalDate dueBefore, LocalDate dueAfter) {
        return filter(null, null, null, dueBefore, dueAfter, TaskOrder.DUE_DATE);
    }

    @Test
    void everySupportedCombinationIsAccepted() {
        TaskFilter created =
                filter(TaskStatus.NEW, TaskPriority.HIGH, "work", null, null, TaskOrder.CREATED_AT);
        TaskFilter due = filter(TaskStatus.NEW, null, "work", FEB_1, JAN_1, TaskOrder.DUE_DATE);

        assertThat(created).extracting(TaskFilter::status, TaskFilter::priority, TaskFilter::tag, TaskFilter::order)
                .containsExactly(Optional.of(TaskStatus.NEW), Optional.of(TaskPriority.HIGH), Optional.of("work"),
                        TaskOrder.CREATED_AT);
        assertThat(due).extracting(TaskFilter::status, TaskFilter::tag, TaskFilter::dueBefore, TaskFilter::dueAfter,
                TaskFilter::order).containsExactly(Optional.of(TaskStatus.NEW), Optional.of("work"), Optional.of(FEB_1),
                Optional.of(JAN_1), TaskOrder.DUE_DATE);
        assertThat(TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.HIGH).tag("work").build())
                .as("the builder names the same filter").isEqualTo(created);
        assertThat(TaskFilter.builder().status(TaskStatus.NEW).tag("work").dueBefore(FEB_1).dueAfter(JAN_1)
                .order(TaskOrder.DUE_DATE).build()).isEqualTo(due);
        assertThat(TaskFilter.builder().build()).isEqualTo(TaskFilter.ALL);
    }

    @Test
    void noOrderMeansNewestFirst() {
        TaskFilter filter = filter(TaskStatus.NEW, null, null, null, null, null);

        assertThat(filter.order()).isEqualTo(TaskOrder.CREATED_AT);
        assertThat(filter).isEqualTo(filter(TaskStatus.NEW, null, null, null, null, TaskOrder.CREATED_AT));
    }

    @Test
    void allListsEveryTaskNewestFirst() {
        assertThat(TaskFilter.ALL).isEqualTo(filter(null, null, null, null, null, null));
        assertThat(TaskFilter.ALL.matches(aTask().build())).isTrue();
        assertThat(TaskFilter.ALL.matches(aTask().withStatus(TaskStatus.CANCELLED).due(JAN_1).withTags("a").build()))
                .isTrue();
        assertThat(TaskFilter.ALL.isEmptyRange()).isFalse();
    }

    @Test
    void dueDateBoundsNeedTheDueDateOrder() {
        assertThat(ValidationErrors.of(() -> filter(null, null, null, JAN_1, null, null)))
                .containsExactly(new FieldError(ListingField.ORDER, NEEDS_DUE_ORDER));
        assertThat(ValidationErrors.of(() -> filter(null, null, null, null, JAN_1, TaskOrder.CREATED_AT)))
                .containsExactly(new FieldError(ListingField.ORDER, NEEDS_DUE_ORDER));
        assertThat(ValidationErrors.of(() -> filter(TaskStatus.NEW, TaskPriority.LOW, "a", FEB_1, JAN_1,
                TaskOrder.CREATED_AT))).containsExactly(new FieldError(ListingField.ORDER, NEEDS_DUE_ORDER));
    }

    @Test
    void theDueDateOrderCannotFilterByPriority() {
        assertThat(ValidationErrors.of(
                () -> filter(null, TaskPriority.LOW, null, null, null, TaskOrder.DUE_DATE)))
                .containsExactly(new FieldError(ListingField.ORDER, NO_PRIORITY));
        assertThat(ValidationErrors.of(() -> filter(TaskStatus.NEW, TaskPriority.URGENT, "a", FEB_1, null,
                TaskOrder.DUE_DATE))).containsExactly(new FieldError(ListingField.ORDER, NO_PRIORITY));
    }

    static Stream<Arguments> everyCombination() {
        return Stream.of(
                Arguments.of(TaskOrder.CREATED_AT, false, false, null),
                Arguments.of(TaskOrder.CREATED_AT, true, false, null),
                Arguments.of(TaskOrder.CREATED_AT, false, true, NEEDS_DUE_ORDER),
                Arguments.of(TaskOrder.CREATED_AT, true, true, NEEDS_DUE_ORDER),
                Arguments.of(TaskOrder.DUE_DATE, false, false, null),
                Arguments.of(TaskOrder.DUE_DATE, false, true, null),
                Arguments.of(TaskOrder.DUE_DATE, true, false, NO_PRIORITY),
                Arguments.of(TaskOrder.DUE_DATE, true, true, NO_PRIORITY));
    }

    @ParameterizedTest
    @MethodSource("everyCombination")
    void theConstructorAcceptsExactlyTheCombinationsThatAreSupported(
            TaskOrder order, boolean byPriority, boolean byDueDates, String refusal) {
        TaskPriority priority = byPriority ? TaskPriority.HIGH : null;
        LocalDate dueBefore = byDueDates ? FEB_1 : null;

        assertThat(TaskFilter.supports(order, byPriority, byDueDates)).isEqualTo(refusal == null);
        if (refusal == null) {
            assertThat(filter(TaskStatus.NEW, priority, "t", dueBefore, null, order).order()).isEqualTo(order);
        } else {
            assertThat(ValidationErrors.of(() -> filter(TaskStatus.NEW, priority, "t", dueBefore, null, order)))
                    .containsExactly(new FieldError(ListingField.ORDER, refusal));
        }
    }

    @Test
    void eitherDueDateBoundCountsAsFilteringByDueDate() {
        assertThat(ValidationErrors.of(() -> filter(null, null, null, null, JAN_1, TaskOrder.CREATED_AT)))
                .extracting(FieldError::field).containsExactly(ListingField.ORDER);
        assertThat(byDueDate(null, JAN_1).dueAfter()).contains(JAN_1);
        assertThat(byDueDate(FEB_1, null).dueBefore()).contains(FEB_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Work", "WORK"})
    void anUpperCaseTagIsRefusedOnTheTag(String tag) {
        assertThat(ValidationErrors.of(() -> filter(null, null, tag, null, null, null)))
                .containsExactly(new FieldError(ListingField.TAG, "must be lowercase"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a/b", "é", "#tag", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aTagThatCouldNotBeATasksTagIsRefusedOnTheTag(String tag) {
        assertThat(ValidationErrors.of(() -> filter(null, null, tag, null, null, null)))
                .containsExactly(
                        new FieldError(ListingField.TAG, "must be 1 to 32 characters, each one of a-z 0-9 - _ ."));
    }

    @Test
    void tagProblemStatesTheRuleOfATasksTags() {
        assertThat(TaskFilter.tagProblem("work")).isEmpty();
        assertThat(TaskFilter.tagProblem("a.b_c-1")).isEmpty();
        assertThat(TaskFilter.tagProblem("a".repeat(32))).isEmpty();
        assertThat(TaskFilter.tagProblem("Work")).contains("must be lowercase");
        assertThat(TaskFilter.tagProblem("a b")).contains("must be 1 to 32 characters, each one of a-z 0-9 - _ .");
        assertThat(TaskFilter.tagProblem(null)).contains("must not be null");
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 10_000})
    void dueDateBoundsOutsideTheYears1000To9999AreRefusedOnTheirOwnCriterion(int year) {
        LocalDate outside = LocalDate.of(year, 6, 15);

        assertThat(ValidationErrors.of(() -> byDueDate(outside, null)))
                .containsExactly(new FieldError(ListingField.DUE_BEFORE, YEARS));
        assertThat(ValidationErrors.of(() -> byDueDate(null, outside)))
                .containsExactly(new FieldError(ListingField.DUE_AFTER, YEARS));
    }

    @Test
    void dueDateBoundsMayBeTheFirstAndLastDaysOfTheAllowedYears() {
        TaskFilter widest = byDueDate(LocalDate.of(9999, 12, 31), LocalDate.of(1000, 1, 1));

        assertThat(widest.dueBefore()).contains(LocalDate.of(9999, 12, 31));
        assertThat(widest.dueAfter()).contains(LocalDate.of(1000, 1, 1));
    }

    @Test
    void everyBadCriterionIsReportedAtOnceInCriterionOrder() {
        assertThat(ValidationErrors.of(() -> filter(null, null, "Work", LocalDate.of(999, 1, 1),
                LocalDate.of(10_000, 1, 1), TaskOrder.DUE_DATE))).containsExactly(
                new FieldError(ListingField.TAG, "must be lowercase"),
                new FieldError(ListingField.DUE_BEFORE, YEARS),
                new FieldError(ListingField.DUE_AFTER, YEARS));
    }

    @Test
    void dueBoundsAreExclusiveAndTheDueOrderNeedsADueDate() {
        TaskFilter between = byDueDate(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 5));

        assertThat(between.matches(aTask().due(LocalDate.of(2026, 1, 6)).build())).isTrue();
        assertThat(between.matches(aTask().due(LocalDate.of(2026, 1, 9)).build())).isTrue();
        assertThat(between.matches(aTask().due(LocalDate.of(2026, 1, 5)).build())).isFalse();
        assertThat(between.matches(aTask().due(LocalDate.of(2026, 1, 10)).build())).isFalse();
        assertThat(between.matches(aTask().build())).isFalse();
        assertThat(byDueDate(null, null).matches(aTask().build())).isFalse();
        assertThat(byDueDate(null, null).matches(aTask().due(JAN_1).build())).isTrue();
    }

    @Test
    void theCreationOrderListsTasksWithAndWithoutADueDate() {
        TaskFilter filter = filter(null, null, null, null, null, TaskOrder.CREATED_AT);

        assertThat(filter.matches(aTask().build())).isTrue();
        assertThat(filter.matches(aTask().due(JAN_1).build())).isTrue();
    }

    @Test
    void aTagMatchesTasksThatHaveIt() {
        TaskFilter work = filter(null, null, "work", null, null, TaskOrder.CREATED_AT);

        assertThat(work.matches(aTask().withTags("home", "work").build())).isTrue();
        assertThat(work.matches(aTask().withTags("workshop").build())).isFalse();
        assertThat(work.matches(aTask().build())).isFalse();
    }

    @Test
    void statusAndPriorityMatchTasksThatHaveBoth() {
        TaskFilter filter = filter(TaskStatus.NEW, TaskPriority.HIGH, null, null, null, null);

        assertThat(filter.matches(aTask().withStatus(TaskStatus.NEW).withPriority(TaskPriority.HIGH).build())).isTrue();
        assertThat(filter.matches(aTask().withStatus(TaskStatus.NEW).withPriority(TaskPriority.LOW).build())).isFalse();
        assertThat(filter.matches(aTask().withStatus(TaskStatus.COMPLETED).withPriority(TaskPriority.HIGH).build()))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05|2026-01-04", "2026-01-05|2026-01-05", "2026-01-05|2026-01-09",
            "2026-01-01|2026-12-31"})
    void boundsWithoutADayBetweenThemAreAnEmptyRange(String bounds) {
        String[] parts = bounds.split("\\|");

        assertThat(byDueDate(LocalDate.parse(parts[0]), LocalDate.parse(parts[1])).isEmptyRange()).isTrue();
    }

    @Test
    void boundsWithADayBetweenThemOrOnlyOneBoundAreNotAnEmptyRange() {
        assertThat(byDueDate(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 3)).isEmptyRange()).isFalse();
        assertThat(byDueDate(LocalDate.of(2026, 1, 5), null).isEmptyRange()).isFalse();
        assertThat(byDueDate(null, LocalDate.of(2026, 1, 5)).isEmptyRange()).isFalse();
    }

    @Test
    void statusAndPriorityListingsKeepTheirLegacyFingerprintSoOldTokensStayValid() {
        assertThat(TaskFilter.ALL.fingerprint()).isEqualTo("status=&priority=");
        assertThat(filter(TaskStatus.NEW, null, null, null, null, null).fingerprint())
                .isEqualTo("status=new&priority=");
        assertThat(filter(null, TaskPriority.URGENT, null, null, null, TaskOrder.CREATED_AT).fingerprint())
                .isEqualTo("status=&priority=urgent");
        assertThat(filter(TaskStatus.IN_PROGRESS, TaskPriority.HIGH, null, null, null, null).fingerprint())
                .isEqualTo("status=in_progress&priority=high");
    }

    @Test
    void everyStatusAndPriorityListingHasTheLegacyFingerprintShape() {
        for (TaskStatus status : withNull(TaskStatus.values())) {
            for (TaskPriority priority : withNull(TaskPriority.values())) {
                assertThat(filter(status, priority, null, null, null, null).fingerprint()).isEqualTo(
                        "status=" + (status == null ? "" : status.value())
                                + "&priority=" + (priority == null ? "" : priority.value()));
            }
        }
    }

    @Test
    void otherListingsNameEveryCriterionAndTheOrderInTheirFingerprint() {
        // Page tokens are bound to this text: changing it makes the outstanding tokens of such listings invalid.
        assertThat(filter(TaskStatus.NEW, null, "work", FEB_1, JAN_1, TaskOrder.DUE_DATE).fingerprint())
                .isEqualTo("status=new&priority=&tag=work&dueBefore=2026-02-01&dueAfter=2026-01-01&order=DUE_DATE");
        assertThat(filter(null, TaskPriority.LOW, "work", null, null, null).fingerprint())
                .isEqualTo("status=&priority=low&tag=work&dueBefore=&dueAfter=&order=CREATED_AT");
        assertThat(byDueDate(null, null).fingerprint())
                .isEqualTo("status=&priority=&tag=&dueBefore=&dueAfter=&order=DUE_DATE");
    }

    @Test
    void anyTwoFiltersThatDifferInAnyCriterionHaveDifferentFingerprints() {
        Set<TaskFilter> filters = new LinkedHashSet<>();
        for (TaskOrder order : TaskOrder.values()) {
            for (TaskStatus status : withNull(TaskStatus.NEW, TaskStatus.COMPLETED)) {
                for (TaskPriority priority : withNull(TaskPriority.LOW, TaskPriority.HIGH)) {
                    for (String tag : withNull("a", "b")) {
                        for (LocalDate before : withNull(JAN_1, FEB_1)) {
                            for (LocalDate after : withNull(JAN_1, FEB_1)) {
                                if (TaskFilter.supports(order, priority != null, before != null || after != null)) {
                                    filters.add(filter(status, priority, tag, before, after, order));
                                }
                            }
                        }
                    }
                }
            }
        }
        Map<String, TaskFilter> byFingerprint = new HashMap<>();
        for (TaskFilter filter : filters) {
            TaskFilter clash = byFingerprint.put(filter.fingerprint(), filter);
            assertThat(clash).as("the fingerprint of %s is also that of another filter", filter).isNull();
        }
        // created_at: 3 statuses x 3 priorities x 3 tags; due_date: 3 statuses x 3 tags x 3 x 3 bounds
        assertThat(byFingerprint).hasSize(3 * 3 * 3 + 3 * 3 * 3 * 3);
    }

    @Test
    void equalFiltersHaveEqualFingerprints() {
        assertThat(filter(TaskStatus.NEW, null, "a", null, JAN_1, TaskOrder.DUE_DATE).fingerprint())
                .isEqualTo(filter(TaskStatus.NEW, null, "a", null, JAN_1, TaskOrder.DUE_DATE).fingerprint());
        assertThat(filter(null, null, null, null, null, null).fingerprint())
                .isEqualTo(TaskFilter.ALL.fingerprint());
    }

    @SafeVarargs
    private static <T> List<T> withNull(T... values) {
        List<T> list = new ArrayList<>();
        list.add(null);
        list.addAll(Arrays.asList(values));
        return list;
    }
}
