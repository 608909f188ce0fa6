package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request for one page: the page size rule, the first page, and the page token it carries. */
class TaskListQueryTest {
    private static final FieldError BAD_LIMIT = new FieldError(ListingField.LIMIT, "must be an integer from 1 to 100");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 25, 99, 100})
    void acceptsALimitFrom1To100(int limit) {
        assertThat(new TaskListQuery(limit, TaskFilter.ALL, null).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsALimitOutside1To100(int limit) {
        assertThat(ValidationErrors.of(() -> new TaskListQuery(limit, TaskFilter.ALL, null)))
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
        assertThat(query.pageToken()).isNull();
    }

    @Test
    void anEmptyPageTokenMeansTheFirstPage() {
        assertThat(new TaskListQuery(5, TaskFilter.ALL, "").pageToken()).isNull();
    }

    @Test
    void keepsAPageToken() {
        assertThat(new TaskListQuery(5, TaskFilter.ALL, "abc").pageToken()).isEqualTo("abc");
    }

    @Test
    void requiresAFilter() {
        assertThatThrownBy(() -> new TaskListQuery(5, null, null)).isInstanceOf(NullPointerException.class);
    }
}
