package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The priorities: their stored names, lookup by exact name, and the default. */
class TaskPriorityTest {
    @Test
    void namesAreTheOnesTheApiDocuments() {
        assertThat(Arrays.stream(TaskPriority.values()).map(TaskPriority::value))
                .containsExactly("low", "medium", "high", "urgent");
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void roundTripsThroughItsName(TaskPriority priority) {
        assertThat(TaskPriority.fromValue(priority.value())).contains(priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOW", "Low", "MEDIUM", " high", "high ", "", "critical", "1", "Urgent"})
    void findsNoPriorityForAnythingButAnExactName(String value) {
        assertThat(TaskPriority.fromValue(value)).isEmpty();
    }

    @Test
    void findsNoPriorityForNull() {
        assertThat(TaskPriority.fromValue(null)).isEmpty();
    }

    @Test
    void defaultsToMedium() {
        assertThat(TaskPriority.DEFAULT).isEqualTo(TaskPriority.MEDIUM);
    }
}
