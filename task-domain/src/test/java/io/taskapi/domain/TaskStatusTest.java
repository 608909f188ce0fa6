package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The statuses: their stored names, lookup by exact name, and the default. */
class TaskStatusTest {
    @Test
    void namesAreTheOnesTheApiDocuments() {
        assertThat(Arrays.stream(TaskStatus.values()).map(TaskStatus::value))
                .containsExactly("new", "in_progress", "completed", "cancelled");
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void roundTripsThroughItsName(TaskStatus status) {
        assertThat(TaskStatus.fromValue(status.value())).contains(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEW", "New", "In_Progress", "IN_PROGRESS", " new", "new ", "", "canceled", "in progress",
            "in-progress", "new\u0000"})
    void findsNoStatusForAnythingButAnExactName(String value) {
        assertThat(TaskStatus.fromValue(value)).isEmpty();
    }

    @Test
    void findsNoStatusForNull() {
        assertThat(TaskStatus.fromValue(null)).isEmpty();
    }

    @Test
    void defaultsToNew() {
        assertThat(TaskStatus.DEFAULT).isEqualTo(TaskStatus.NEW);
    }
}
