package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A partial update: which fields it names, removals, "last call wins", and the rules it checks on build. */
class TaskChangesTest {
    private static final String EMOJI = NewTaskTest.EMOJI;
    private static final String REQUIRED = "is required and cannot be removed";

    private static TaskChanges text(String text) {
        return TaskChanges.builder().text(text).build();
    }

    private static FieldError textError(String message) {
        return new FieldError(TaskField.TEXT, message);
    }

    @Test
    void anUpdateThatNamesNoFieldCannotBeBuilt() {
        assertThatThrownBy(() -> TaskChanges.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void changesOnlyTheText() {
        TaskChanges changes = text("New text");

        assertThat(changes.fields()).containsExactly(TaskField.TEXT);
        assertThat(changes.text()).contains("New text");
        assertThat(changes.status()).isEmpty();
        assertThat(changes.priority()).isEmpty();
        assertThat(changes.changes(TaskField.DESCRIPTION)).isFalse();
    }

    @Test
    void changesOnlyTheStatus() {
        TaskChanges changes = TaskChanges.builder().status(TaskStatus.COMPLETED).build();

        assertThat(changes.fields()).containsExactly(TaskField.STATUS);
        assertThat(changes.text()).isEmpty();
        assertThat(changes.status()).contains(TaskStatus.COMPLETED);
        assertThat(changes.priority()).isEmpty();
    }

    @Test
    void changesOnlyThePriority() {
        TaskChanges changes = TaskChanges.builder().priority(TaskPriority.LOW).build();

        assertThat(changes.fields()).containsExactly(TaskField.PRIORITY);
        assertThat(changes.text()).isEmpty();
        assertThat(changes.status()).isEmpty();
        assertThat(changes.priority()).contains(TaskPriority.LOW);
    }

    @Test
    void changesEveryField() {
        TaskChanges changes = TaskChanges.builder().assignee(new UserId("bob")).listId("list-1")
                .tags(List.of("a")).dueDate(LocalDate.of(2026, 1, 2))
                .description("d").priority(TaskPriority.URGENT).status(TaskStatus.CANCELLED).text("x").build();

        assertThat(changes.fields()).containsExactly(TaskField.values());
        assertThat(changes.listId()).contains("list-1");
        assertThat(changes.assignee()).contains(new UserId("bob"));
        assertThat(changes.text()).contains("x");
        assertThat(changes.status()).contains(TaskStatus.CANCELLED);
        assertThat(changes.priority()).contains(TaskPriority.URGENT);
        assertThat(changes.description()).contains("d");
        assertThat(changes.dueDate()).contains(LocalDate.of(2026, 1, 2));
        assertThat(changes.tags()).contains(List.of("a"));
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void keepsEveryStatus(TaskStatus status) {
        assertThat(TaskChanges.builder().status(status).build().status()).contains(status);
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void keepsEveryPriority(TaskPriority priority) {
        assertThat(TaskChanges.builder().priority(priority).build().priority()).contains(priority);
    }

    @Test
    void theNamedFieldsCannotBeChangedAfterwards() {
        TaskChanges changes = text("x");

        assertThatThrownBy(() -> changes.fields().add(TaskField.STATUS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void storesTheTextStripped() {
        assertThat(text(" \t Updated \n").text()).contains("Updated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\t", " \n "})
    void rejectsTextThatIsEmptyAfterStrippingRatherThanTreatingItAsAbsent(String text) {
        assertThat(ValidationErrors.of(() -> text(text))).containsExactly(textError(NewTaskTest.EMPTY));
    }

    @Test
    void accepts500EmojiBecauseLengthIsCountedInCodePoints() {
        assertThat(text(EMOJI.repeat(500)).text()).contains(EMOJI.repeat(500));
    }

    @Test
    void rejectsTextLongerThan500Characters() {
        assertThat(ValidationErrors.of(() -> text("a".repeat(501)))).containsExactly(textError(NewTaskTest.TOO_LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\t", "\u007F", "\u0085"})
    void rejectsControlCharactersInsideTheText(String control) {
        assertThat(ValidationErrors.of(() -> text("a" + control + "b")))
                .containsExactly(textError(NewTaskTest.CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE80", "x\uD83Dy", "x\uDE80y"})
    void rejectsUnpairedSurrogates(String text) {
        assertThat(ValidationErrors.of(() -> text(text))).containsExactly(textError(NewTaskTest.SURROGATE));
    }

    @Test
    void reportsEveryBrokenRuleAtOnceInFieldOrder() {
        TaskChanges.Builder everythingWrong = TaskChanges.builder()
                .tags(List.of("Up"))
                .remove(TaskField.PRIORITY)
                .text("a".repeat(501))
                .status(TaskStatus.NEW);

        assertThat(ValidationErrors.of(everythingWrong::build)).containsExactly(
                textError(NewTaskTest.TOO_LONG),
                new FieldError(TaskField.PRIORITY, REQUIRED),
                new FieldError(TaskField.TAGS, 0, "must be lowercase"));
    }

    @Test
    void requiredFieldsCannotBeRemoved() {
        assertThat(ValidationErrors.of(() -> TaskChanges.builder().remove(TaskField.PRIORITY).remove(TaskField.TEXT)
                .remove(TaskField.STATUS).build()))
                .containsExactly(textError(REQUIRED), new FieldError(TaskField.STATUS, REQUIRED),
                        new FieldError(TaskField.PRIORITY, REQUIRED));
    }

    @Test
    void onlyTheDetailsTheListAndTheAssigneeAreOptional() {
        assertThat(Arrays.stream(TaskField.values()).filter(TaskField::optional))
                .containsExactly(TaskField.DESCRIPTION, TaskField.DUE_DATE, TaskField.TAGS, TaskField.LIST_ID,
                        TaskField.ASSIGNEE);
    }

    @ParameterizedTest
    @EnumSource(value = TaskField.class, names = {"DESCRIPTION", "DUE_DATE", "TAGS"})
    void anOptionalDetailCanBeRemovedAndHasNoValueThen(TaskField detail) {
        TaskChanges changes = TaskChanges.builder().remove(detail).build();

        assertThat(changes.fields()).containsExactly(detail);
        assertThat(changes.changes(detail)).isTrue();
        assertThat(changes.description()).isEmpty();
        assertThat(changes.dueDate()).isEmpty();
        assertThat(changes.tags()).isEmpty();
    }

    @Test
    void emptyTagsAreAChangeToNoTagsNotAnAbsentChange() {
        TaskChanges changes = TaskChanges.builder().tags(List.of()).build();

        assertThat(changes.changes(TaskField.TAGS)).isTrue();
        assertThat(changes.tags()).contains(List.of());
    }

    @Test
    void removingADetailAfterSettingItRemovesIt() {
        TaskChanges changes = TaskChanges.builder()
                .description("d").remove(TaskField.DESCRIPTION)
                .dueDate(LocalDate.of(2026, 1, 1)).remove(TaskField.DUE_DATE)
                .tags(List.of("a")).remove(TaskField.TAGS)
                .build();

        assertThat(changes.fields()).containsExactly(TaskField.DESCRIPTION, TaskField.DUE_DATE, TaskField.TAGS);
        assertThat(changes.description()).isEmpty();
        assertThat(changes.dueDate()).isEmpty();
        assertThat(changes.tags()).isEmpty();
    }

    @Test
    void aValueRemovedByALaterCallIsNotChecked() {
        TaskChanges changes = TaskChanges.builder()
                .description("a\u0000b").remove(TaskField.DESCRIPTION)
                .dueDate(LocalDate.of(999, 1, 1)).remove(TaskField.DUE_DATE)
                .tags(List.of("Bad")).remove(TaskField.TAGS)
                .build();

        assertThat(changes.fields()).containsExactly(TaskField.DESCRIPTION, TaskField.DUE_DATE, TaskField.TAGS);
        assertThat(changes.description()).isEmpty();
        assertThat(changes.dueDate()).isEmpty();
        assertThat(changes.tags()).isEmpty();
    }

    @Test
    void settingADetailAfterRemovingItSetsIt() {
        TaskChanges changes = TaskChanges.builder()
                .remove(TaskField.DESCRIPTION).description("d")
                .remove(TaskField.DUE_DATE).dueDate(LocalDate.of(2026, 1, 1))
                .remove(TaskField.TAGS).tags(List.of("a"))
                .build();

        assertThat(changes.description()).contains("d");
        assertThat(changes.dueDate()).contains(LocalDate.of(2026, 1, 1));
        assertThat(changes.tags()).contains(List.of("a"));
    }

    @Test
    void settingARequiredFieldAfterRemovingItTakesTheRemovalBack() {
        TaskChanges changes = TaskChanges.builder()
                .remove(TaskField.TEXT).text("x")
                .remove(TaskField.STATUS).status(TaskStatus.COMPLETED)
                .remove(TaskField.PRIORITY).priority(TaskPriority.HIGH)
                .build();

        assertThat(changes.fields()).containsExactly(TaskField.TEXT, TaskField.STATUS, TaskField.PRIORITY);
        assertThat(changes.text()).contains("x");
        assertThat(changes.status()).contains(TaskStatus.COMPLETED);
        assertThat(changes.priority()).contains(TaskPriority.HIGH);
    }

    @Test
    void removingARequiredFieldAfterSettingItIsRefused() {
        assertThat(ValidationErrors.of(() -> TaskChanges.builder().status(TaskStatus.NEW).remove(TaskField.STATUS)
                .build())).containsExactly(new FieldError(TaskField.STATUS, REQUIRED));
    }

    @Test
    void textRemovedAfterItWasSetIsReportedOnlyAsARefusedRemoval() {
        assertThat(ValidationErrors.of(() -> TaskChanges.builder().text("a\u0000b").remove(TaskField.TEXT).build()))
                .containsExactly(new FieldError(TaskField.TEXT, REQUIRED));
    }

    @Test
    void theBuilderRefusesNullValuesBecauseRemovalIsNamedExplicitly() {
        TaskChanges.Builder builder = TaskChanges.builder();

        assertThatThrownBy(() -> builder.text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.status(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.priority(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.description(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.dueDate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.tags(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(builder::build).as("nothing was named by the refused calls")
                .isInstanceOf(IllegalStateException.class);
    }
}
