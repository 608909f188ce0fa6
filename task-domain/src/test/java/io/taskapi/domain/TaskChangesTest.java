package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskChangesTest {
    private static final String EMOJI = NewTaskTest.EMOJI;

    @Test
    void anUpdateMustNameAtLeastOneField() {
        assertThat(ValidationErrors.of(() -> TaskChanges.of(null, null, null)))
                .containsExactly(new FieldError("body", "must name at least one of: task, status, priority, description, due_date, tags"));
    }

    @Test
    void changesOnlyTheText() {
        TaskChanges changes = TaskChanges.of("New text", null, null);

        assertThat(changes.text()).contains("New text");
        assertThat(changes.status()).isEmpty();
        assertThat(changes.priority()).isEmpty();
    }

    @Test
    void changesOnlyTheStatus() {
        TaskChanges changes = TaskChanges.of(null, "completed", null);

        assertThat(changes.text()).isEmpty();
        assertThat(changes.status()).contains(TaskStatus.COMPLETED);
        assertThat(changes.priority()).isEmpty();
    }

    @Test
    void changesOnlyThePriority() {
        TaskChanges changes = TaskChanges.of(null, null, "low");

        assertThat(changes.text()).isEmpty();
        assertThat(changes.status()).isEmpty();
        assertThat(changes.priority()).contains(TaskPriority.LOW);
    }

    @Test
    void changesEveryField() {
        TaskChanges changes = TaskChanges.of("x", "cancelled", "urgent");

        assertThat(changes.text()).contains("x");
        assertThat(changes.status()).contains(TaskStatus.CANCELLED);
        assertThat(changes.priority()).contains(TaskPriority.URGENT);
    }

    @Test
    void storesTheTextStripped() {
        assertThat(TaskChanges.of(" \t Updated \n", null, null).text()).contains("Updated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\t", " \n "})
    void rejectsTextThatIsEmptyAfterStrippingRatherThanTreatingItAsAbsent(String text) {
        assertThat(ValidationErrors.of(() -> TaskChanges.of(text, null, null)))
                .containsExactly(new FieldError("task", NewTaskTest.EMPTY));
    }

    @Test
    void accepts500EmojiBecauseLengthIsCountedInCodePoints() {
        assertThat(TaskChanges.of(EMOJI.repeat(500), null, null).text()).contains(EMOJI.repeat(500));
    }

    @Test
    void rejectsTextLongerThan500Characters() {
        assertThat(ValidationErrors.of(() -> TaskChanges.of("a".repeat(501), null, null)))
                .containsExactly(new FieldError("task", NewTaskTest.TOO_LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\t", "\u007F", "\u0085"})
    void rejectsControlCharactersInsideTheText(String control) {
        assertThat(ValidationErrors.of(() -> TaskChanges.of("a" + control + "b", null, null)))
                .containsExactly(new FieldError("task", NewTaskTest.CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE80", "x\uD83Dy", "x\uDE80y"})
    void rejectsUnpairedSurrogates(String text) {
        assertThat(ValidationErrors.of(() -> TaskChanges.of(text, null, null)))
                .containsExactly(new FieldError("task", NewTaskTest.SURROGATE));
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void acceptsEveryStatusByItsExactWireName(TaskStatus status) {
        assertThat(TaskChanges.of(null, status.value(), null).status()).contains(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEW", "In_Progress", " new", "", "finished"})
    void rejectsAStatusThatIsNotExactlyAWireName(String status) {
        assertThat(ValidationErrors.of(() -> TaskChanges.of(null, status, null)))
                .containsExactly(new FieldError("status", NewTaskTest.STATUS_VALUES));
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void acceptsEveryPriorityByItsExactWireName(TaskPriority priority) {
        assertThat(TaskChanges.of(null, null, priority.value()).priority()).contains(priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOW", "Medium", "high ", "", "p1"})
    void rejectsAPriorityThatIsNotExactlyAWireName(String priority) {
        assertThat(ValidationErrors.of(() -> TaskChanges.of(null, null, priority)))
                .containsExactly(new FieldError("priority", NewTaskTest.PRIORITY_VALUES));
    }

    @Test
    void reportsEveryBrokenRuleAtOnceInFieldOrder() {
        assertThat(ValidationErrors.of(() -> TaskChanges.of("a".repeat(501), "NEW", "LOW"))).containsExactly(
                new FieldError("task", NewTaskTest.TOO_LONG),
                new FieldError("status", NewTaskTest.STATUS_VALUES),
                new FieldError("priority", NewTaskTest.PRIORITY_VALUES));
    }
}
