package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request for one page: the page size rule, the first page, and the page token it carries. */
class TaskListQueryTest {
    private static final FieldError BAD_LIMIT = new FieldError(ListingField.LIMIT, "must be an integer from 1 to 100");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 25, 99, 100})
    void acceptsALimitFrom1To100(int limit) {
        assertThat(TaskListQuery.firstPage().withLimit(limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsALimitOutside1To100(int limit) {
        assertThat(ValidationErrors.of(() -> TaskListQuery.firstPage().withLimit(limit)))
                .containsExactly(BAD_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void requireLimitReturnsALimitAtEitherEndOfTheRange(int limit) {
        assertThat(TaskListQuery.requireLimit(limit)).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void requireLimitRefusesTheFirstLimitPastEitherEndOnTheLimit(int limit) {
        assertThat(ValidationErrors.of(() -> TaskListQuery.requireLimit(limit))).containsExactly(BAD_LIMIT);
    }

    @Test
    void theMaximumLimitIs100() {
        assertThat(TaskListQuery.MAX_LIMIT).isEqualTo(100);
    }

    @Test
    void theFirstPageListsEveryTaskAtTheDefaultSizeOf25() {
        TaskListQuery query = TaskListQuery.firstPage();

        assertThat(query.limit()).isEqualTo(25).isEqualTo(TaskListQuery.DEFAULT_LIMIT);
        assertThat(query.filter()).isEqualTo(TaskFilter.ALL);
        assertThat(query.pageToken()).isEmpty();
        assertThat(query.listId()).isEmpty();
        assertThat(query.assignedToMe()).isFalse();
    }

    @Test
    void eachWitherChangesItsOwnPartOnly() {
        TaskFilter completed = TaskFilter.builder().status(TaskStatus.COMPLETED).build();

        TaskListQuery query = TaskListQuery.firstPage().withLimit(5).withFilter(completed).inList("list-1").after("t");

        assertThat(query).isEqualTo(new TaskListQuery(5, completed, Optional.of("t"), Optional.of("list-1"), false));
        assertThat(TaskListQuery.firstPage().onlyAssignedToMe())
                .isEqualTo(new TaskListQuery(25, TaskFilter.ALL, Optional.empty(), Optional.empty(), true));
        assertThat(TaskListQuery.firstPage()).as("the first page is unchanged by its withers")
                .isEqualTo(new TaskListQuery(25, TaskFilter.ALL, Optional.empty(), Optional.empty(), false));
    }

    @Test
    void absentPartsAreEmptyNeverNull() {
        assertThatThrownBy(() -> new TaskListQuery(25, TaskFilter.ALL, null, Optional.empty(), false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskListQuery(25, TaskFilter.ALL, Optional.empty(), null, false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TaskListQuery.firstPage().inList(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TaskListQuery.firstPage().after(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEmptyPageTokenMeansTheFirstPage() {
        assertThat(TaskListQuery.firstPage().withLimit(5).after("").pageToken()).isEmpty();
    }

    @Test
    void keepsAPageToken() {
        assertThat(TaskListQuery.firstPage().withLimit(5).after("abc").pageToken()).contains("abc");
    }

    @Test
    void requiresAFilter() {
        assertThatThrownBy(() -> TaskListQuery.firstPage().withLimit(5).withFilter(null)).isInstanceOf(NullPointerException.class);
    }
}
