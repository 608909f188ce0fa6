package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTest {
    private static final String ID = SequentialIdGenerator.id(1);
    private static final long T0 = 1_703_001_234L;

    private static Task task(String id, String text, long createdAt, long updatedAt, long version) {
        return new Task(id, text, TaskStatus.NEW, TaskPriority.MEDIUM, createdAt, updatedAt, version);
    }

    @Test
    void holdsAValidTask() {
        Task task = new Task(ID, "Write documentation", TaskStatus.IN_PROGRESS, TaskPriority.HIGH, T0, T0 + 5, 3);

        assertThat(task.id()).isEqualTo(ID);
        assertThat(task.text()).isEqualTo("Write documentation");
        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.priority()).isEqualTo(TaskPriority.HIGH);
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.updatedAt()).isEqualTo(T0 + 5);
        assertThat(task.version()).isEqualTo(3);
    }

    @Test
    void acceptsTheEpochAndEqualTimestamps() {
        assertThat(task(ID, "t", 0, 0, 1).updatedAt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void refusesABlankId(String id) {
        assertThatThrownBy(() -> task(id, "t", T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANullId() {
        assertThatThrownBy(() -> task(null, "t", T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " padded", "padded ", "\tx", "a\u0000b", "a\nb", "\uD83D"})
    void refusesTextThatBreaksTheTaskRules(String text) {
        assertThatThrownBy(() -> task(ID, text, T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTextLongerThan500CodePoints() {
        assertThatThrownBy(() -> task(ID, "a".repeat(501), T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(task(ID, NewTaskTest.EMOJI.repeat(500), T0, T0, 1).text()).hasSize(1000);
    }

    static Stream<Arguments> missingParts() {
        return Stream.of(
                Arguments.of(null, TaskStatus.NEW, TaskPriority.LOW),
                Arguments.of("t", null, TaskPriority.LOW),
                Arguments.of("t", TaskStatus.NEW, null));
    }

    @ParameterizedTest
    @MethodSource("missingParts")
    void refusesAMissingTextStatusOrPriority(String text, TaskStatus status, TaskPriority priority) {
        assertThatThrownBy(() -> new Task(ID, text, status, priority, T0, T0, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesANegativeCreationTime() {
        assertThatThrownBy(() -> task(ID, "t", -1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnUpdateTimeBeforeTheCreationTime() {
        assertThatThrownBy(() -> task(ID, "t", T0, T0 - 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refusesAVersionBelowOne(long version) {
        assertThatThrownBy(() -> task(ID, "t", T0, T0, version)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyBumpsTheVersionAndKeepsTheIdAndCreationTime() {
        Task original = aTask().withId(ID).createdAt(T0).withVersion(4).build();

        Task changed = original.apply(TaskChanges.of(null, "completed", null), T0 + 60);

        assertThat(changed.id()).isEqualTo(ID);
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(T0 + 60);
        assertThat(changed.version()).isEqualTo(5);
    }

    @Test
    void applyChangesOnlyTheNamedFields() {
        Task original = aTask().withText("Original").withStatus(TaskStatus.NEW).withPriority(TaskPriority.LOW).build();

        Task textOnly = original.apply(TaskChanges.of("Changed", null, null), T0 + 1);
        Task statusOnly = original.apply(TaskChanges.of(null, "in_progress", null), T0 + 1);
        Task priorityOnly = original.apply(TaskChanges.of(null, null, "urgent"), T0 + 1);

        assertThat(textOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Changed", TaskStatus.NEW, TaskPriority.LOW);
        assertThat(statusOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Original", TaskStatus.IN_PROGRESS, TaskPriority.LOW);
        assertThat(priorityOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Original", TaskStatus.NEW, TaskPriority.URGENT);
    }

    @Test
    void applyNeverSetsTheUpdateTimeBeforeTheCreationTime() {
        Task original = aTask().createdAt(T0).build();

        Task changed = original.apply(TaskChanges.of("x", null, null), T0 - 3600);

        assertThat(changed.updatedAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isGreaterThanOrEqualTo(changed.createdAt());
    }

    @Test
    void applyLeavesTheOriginalUnchanged() {
        Task original = aTask().withText("Original").build();

        original.apply(TaskChanges.of("Changed", "completed", "high"), T0 + 1);

        assertThat(original.text()).isEqualTo("Original");
        assertThat(original.version()).isEqualTo(1);
    }
}
