package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stored task: the invariants its constructor enforces, and how {@link Task#apply} changes it. */
class TaskTest {
    private static final String ID = SequentialIdGenerator.id(1);
    private static final long T0 = 1_703_001_234L;

    private static Task task(String id, String text, long createdAt, long updatedAt, long version) {
        return new Task(id, text, TaskStatus.NEW, TaskPriority.MEDIUM, createdAt, updatedAt, version,
                Optional.empty(), Optional.empty(),
                List.of());
    }

    @Test
    void holdsAValidTask() {
        Task task = new Task(ID, "Write documentation", TaskStatus.IN_PROGRESS, TaskPriority.HIGH, T0, T0 + 5, 3,
                Optional.of("More"), Optional.of(LocalDate.of(2026, 1, 2)), List.of("a"));

        assertThat(task.id()).isEqualTo(ID);
        assertThat(task.text()).isEqualTo("Write documentation");
        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.priority()).isEqualTo(TaskPriority.HIGH);
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.updatedAt()).isEqualTo(T0 + 5);
        assertThat(task.version()).isEqualTo(3);
        assertThat(task.description()).contains("More");
        assertThat(task.dueDate()).contains(LocalDate.of(2026, 1, 2));
        assertThat(task.tags()).containsExactly("a");
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
    void refusesTextThatBreaksTheTaskRulesOrIsNotInItsStoredForm(String text) {
        assertThatThrownBy(() -> task(ID, text, T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTextLongerThan500CodePoints() {
        assertThatThrownBy(() -> task(ID, "a".repeat(501), T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(task(ID, NewTaskTest.EMOJI.repeat(500), T0, T0, 1).text()).hasSize(1000);
    }

    @Test
    void refusesAMissingText() {
        assertThatThrownBy(() -> task(ID, null, T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingStatusOrPriority() {
        assertThatThrownBy(() -> new Task(ID, "t", null, TaskPriority.LOW, T0, T0, 1, Optional.empty(),
                Optional.empty(), List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Task(ID, "t", TaskStatus.NEW, null, T0, T0, 1, Optional.empty(),
                Optional.empty(), List.of()))
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

        Task changed = original.apply(TaskChanges.builder().status(TaskStatus.COMPLETED).build(), T0 + 60);

        assertThat(changed.id()).isEqualTo(ID);
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(T0 + 60);
        assertThat(changed.version()).isEqualTo(5);
    }

    @Test
    void applyChangesOnlyTheNamedFields() {
        Task original = aTask().withText("Original").withStatus(TaskStatus.NEW).withPriority(TaskPriority.LOW)
                .withDescription("old").due(LocalDate.of(2026, 1, 1)).withTags("a").build();

        Task textOnly = original.apply(TaskChanges.builder().text("Changed").build(), T0 + 1);
        Task statusOnly = original.apply(TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build(), T0 + 1);
        Task priorityOnly = original.apply(TaskChanges.builder().priority(TaskPriority.URGENT).build(), T0 + 1);

        assertThat(textOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Changed", TaskStatus.NEW, TaskPriority.LOW);
        assertThat(statusOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Original", TaskStatus.IN_PROGRESS, TaskPriority.LOW);
        assertThat(priorityOnly).extracting(Task::text, Task::status, Task::priority)
                .containsExactly("Original", TaskStatus.NEW, TaskPriority.URGENT);
        for (Task changed : List.of(textOnly, statusOnly, priorityOnly)) {
            assertThat(changed).extracting(Task::description, Task::dueDate, Task::tags)
                    .containsExactly(Optional.of("old"), Optional.of(LocalDate.of(2026, 1, 1)), List.of("a"));
        }
    }

    @Test
    void applyCanSetAndRemoveEachDetail() {
        Task task = aTask().withDescription("old").due(LocalDate.of(2026, 1, 1)).withTags("a").build();

        Task set = task.apply(TaskChanges.builder().description("new").dueDate(LocalDate.of(2027, 1, 1))
                .tags(List.of("b", "c")).build(), T0 + 1);
        Task removed = task.apply(TaskChanges.builder().remove(TaskField.DESCRIPTION).remove(TaskField.DUE_DATE)
                .remove(TaskField.TAGS).build(), T0 + 1);
        Task emptyTags = task.apply(TaskChanges.builder().tags(List.of()).build(), T0 + 1);

        assertThat(set.description()).contains("new");
        assertThat(set.dueDate()).contains(LocalDate.of(2027, 1, 1));
        assertThat(set.tags()).containsExactly("b", "c");
        assertThat(removed.description()).isEmpty();
        assertThat(removed.dueDate()).isEmpty();
        assertThat(removed.tags()).isEmpty();
        assertThat(emptyTags.tags()).isEmpty();
        assertThat(emptyTags.description()).contains("old");
    }

    @Test
    void applyRemovesOnlyTheNamedDetail() {
        Task task = aTask().withDescription("old").due(LocalDate.of(2026, 1, 1)).withTags("a").build();

        Task withoutDueDate = task.apply(TaskChanges.builder().remove(TaskField.DUE_DATE).build(), T0 + 1);

        assertThat(withoutDueDate.dueDate()).isEmpty();
        assertThat(withoutDueDate.description()).contains("old");
        assertThat(withoutDueDate.tags()).containsExactly("a");
    }

    @Test
    void applyFollowsTheLastCallTheBuilderGotForADetail() {
        Task task = aTask().withDescription("old").build();

        Task removed = task.apply(TaskChanges.builder().description("new").remove(TaskField.DESCRIPTION).build(),
                T0 + 1);
        Task set = task.apply(TaskChanges.builder().remove(TaskField.DESCRIPTION).description("new").build(), T0 + 1);

        assertThat(removed.description()).isEmpty();
        assertThat(set.description()).contains("new");
    }

    @Test
    void applyNeverSetsTheUpdateTimeBeforeTheCreationTime() {
        Task original = aTask().createdAt(T0).build();

        Task changed = original.apply(TaskChanges.builder().text("x").build(), T0 - 3600);

        assertThat(changed.updatedAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isGreaterThanOrEqualTo(changed.createdAt());
    }

    @Test
    void applyNeverMovesTheUpdateTimeBackwards() {
        Task original = aTask().createdAt(T0).build().apply(TaskChanges.builder().text("x").build(), T0 + 100);

        Task changed = original.apply(TaskChanges.builder().text("y").build(), T0 + 50);

        assertThat(changed.updatedAt()).isEqualTo(T0 + 100);
        assertThat(changed.version()).isEqualTo(3);
    }

    @Test
    void applyLeavesTheOriginalUnchanged() {
        Task original = aTask().withText("Original").build();

        original.apply(TaskChanges.builder().text("Changed").status(TaskStatus.COMPLETED)
                .priority(TaskPriority.HIGH).build(), T0 + 1);

        assertThat(original.text()).isEqualTo("Original");
        assertThat(original.version()).isEqualTo(1);
    }
}
