package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Listing criteria: what clients may combine, how tasks match, and what page tokens are bound to. */
class TaskFilterTest {
    private static final String UNSUPPORTED = "this combination is not supported; supported: sort=created_at (the"
            + " default) with any of status, priority, tag; sort=due_date with any of status, due_after, due_before, tag";

    @Test
    void everySupportedCombinationIsAccepted() {
        assertThat(TaskFilter.of(TaskStatus.NEW, TaskPriority.HIGH, "work", null, null, null).order())
                .isEqualTo(TaskOrder.CREATED_AT);
        TaskFilter due = TaskFilter.of(TaskStatus.NEW, null, "work", "2026-02-01", "2026-01-01", "due_date");
        assertThat(due.dueBefore()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(due.dueAfter()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void dueDateBoundsNeedTheDueDateOrder() {
        assertThat(ValidationErrors.of(() -> TaskFilter.of(null, null, null, "2026-01-01", null, null)))
                .containsExactly(new FieldError("query", UNSUPPORTED));
        assertThat(ValidationErrors.of(() -> TaskFilter.of(null, null, null, null, "2026-01-01", "created_at")))
                .containsExactly(new FieldError("query", UNSUPPORTED));
    }

    @Test
    void theDueDateOrderCannotFilterByPriority() {
        assertThat(ValidationErrors.of(() -> TaskFilter.of(null, TaskPriority.LOW, null, null, null, "due_date")))
                .containsExactly(new FieldError("query", UNSUPPORTED));
    }

    @Test
    void badParametersAreNamed() {
        assertThat(ValidationErrors.of(() -> TaskFilter.of(null, null, "Work", "2026-02-30", "soon", "newest")))
                .containsExactly(new FieldError("tag", "must be lowercase"),
                        new FieldError("due_before", "must be a date that exists, such as 2026-02-28"),
                        new FieldError("due_after", "must be a date as YYYY-MM-DD (years 1000 to 9999)"),
                        new FieldError("sort", "must be one of: created_at, due_date"));
    }

    @Test
    void dueBoundsAreExclusiveAndTheDueOrderNeedsADueDate() {
        TaskFilter between = new TaskFilter(null, null, null, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 5),
                TaskOrder.DUE_DATE);

        assertThat(between.matches(TaskBuilder.aTask().due(LocalDate.of(2026, 1, 6)).build())).isTrue();
        assertThat(between.matches(TaskBuilder.aTask().due(LocalDate.of(2026, 1, 5)).build())).isFalse();
        assertThat(between.matches(TaskBuilder.aTask().due(LocalDate.of(2026, 1, 10)).build())).isFalse();
        assertThat(between.matches(TaskBuilder.aTask().build())).isFalse();
        assertThat(new TaskFilter(null, null, null, null, null, TaskOrder.DUE_DATE).matches(TaskBuilder.aTask().build()))
                .isFalse();
    }

    @Test
    void aTagMatchesTasksThatHaveIt() {
        TaskFilter work = new TaskFilter(null, null, "work", null, null, TaskOrder.CREATED_AT);

        assertThat(work.matches(TaskBuilder.aTask().withTags("home", "work").build())).isTrue();
        assertThat(work.matches(TaskBuilder.aTask().withTags("workshop").build())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05|2026-01-04", "2026-01-05|2026-01-05", "2026-01-05|2026-01-09"})
    void boundsWithoutADayBetweenThemAreAnEmptyRange(String bounds) {
        String[] parts = bounds.split("\\|");
        TaskFilter filter = TaskFilter.of(null, null, null, parts[0], parts[1], "due_date");

        assertThat(filter.isEmptyRange()).isTrue();
    }

    @Test
    void tokensOfStatusAndPriorityListingsKeepTheirFingerprint() {
        assertThat(new TaskFilter(TaskStatus.NEW, null).fingerprint()).isEqualTo("status=new&priority=");
        assertThat(TaskFilter.of(null, null, null, null, null, "created_at").fingerprint())
                .isEqualTo(TaskFilter.ALL.fingerprint());
    }

    @Test
    void everyCriterionAndTheOrderChangeTheFingerprint() {
        assertThat(java.util.stream.Stream.of(
                TaskFilter.ALL,
                TaskFilter.of(null, null, "a", null, null, null),
                TaskFilter.of(null, null, null, null, null, "due_date"),
                TaskFilter.of(null, null, null, "2026-01-01", null, "due_date"),
                TaskFilter.of(null, null, null, null, "2026-01-01", "due_date"),
                TaskFilter.of(TaskStatus.NEW, null, null, null, null, "due_date"))
                .map(TaskFilter::fingerprint).distinct()).hasSize(6);
    }

    @Test
    void theRecordRefusesUnsupportedCombinationsToo() {
        assertThatThrownBy(() -> new TaskFilter(null, null, null, LocalDate.of(2026, 1, 1), null,
                TaskOrder.CREATED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskFilter(null, TaskPriority.LOW, null, null, null, TaskOrder.DUE_DATE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
