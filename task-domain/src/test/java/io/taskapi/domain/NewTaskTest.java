package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A request to create a task: its defaults, the rule of its text, and how all broken rules are reported at once. */
class NewTaskTest {
    static final String EMOJI = "\uD83D\uDE80"; // U+1F680 ROCKET: one code point, two chars

    static final String EMPTY = "must not be empty";
    static final String TOO_LONG = "must be at most 500 characters";
    static final String CONTROL = "must not contain control characters";
    static final String SURROGATE = "must be valid Unicode (no unpaired surrogates)";

    private static NewTask withText(String text) {
        return NewTask.builder(text).build();
    }

    private static FieldError textError(String message) {
        return new FieldError(TaskField.TEXT, message);
    }

    @Test
    void defaultsStatusToNewAndPriorityToMediumWithNoDetails() {
        NewTask task = withText("Write documentation");

        assertThat(task.text()).isEqualTo("Write documentation");
        assertThat(task.status()).isEqualTo(TaskStatus.NEW).isEqualTo(TaskStatus.DEFAULT);
        assertThat(task.priority()).isEqualTo(TaskPriority.MEDIUM).isEqualTo(TaskPriority.DEFAULT);
        assertThat(task.description()).isEmpty();
        assertThat(task.dueDate()).isEmpty();
        assertThat(task.tags()).isEmpty();
    }

    @Test
    void keepsTheGivenStatusAndPriority() {
        NewTask task = NewTask.builder("Deploy").status(TaskStatus.IN_PROGRESS).priority(TaskPriority.URGENT).build();

        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.priority()).isEqualTo(TaskPriority.URGENT);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void keepsEveryStatus(TaskStatus status) {
        assertThat(NewTask.builder("t").status(status).build().status()).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void keepsEveryPriority(TaskPriority priority) {
        assertThat(NewTask.builder("t").priority(priority).build().priority()).isEqualTo(priority);
    }

    @Test
    void theTextCanBeNamedOnTheBuilderInsteadOfUpFront() {
        assertThat(NewTask.builder().text("Write documentation").build())
                .isEqualTo(NewTask.builder("Write documentation").build());
    }

    @Test
    void requiresTheTaskText() {
        assertThat(ValidationErrors.of(() -> NewTask.builder().build())).containsExactly(textError("is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     ", "\t", " \t ", "\n", "\r\n", " \u000B\f ", "\u2003", "\u001C\u001F"})
    void rejectsTextThatIsEmptyAfterStrippingWhitespace(String text) {
        // Tabs, line breaks and the information separators are control characters, but they are also whitespace and
        // are stripped first, so whitespace-only text is reported as empty rather than as containing control characters.
        assertThat(ValidationErrors.of(() -> withText(text))).containsExactly(textError(EMPTY));
    }

    @Test
    void storesTheTextStrippedOfSurroundingWhitespace() {
        assertThat(withText("  \t Write documentation \u2003 ").text()).isEqualTo("Write documentation");
    }

    @Test
    void keepsWhitespaceInsideTheText() {
        assertThat(withText(" a  b  c ").text()).isEqualTo("a  b  c");
    }

    @Test
    void stripsLineBreaksAndTabsAtTheEdgesInsteadOfRejectingThem() {
        // Documented behaviour: edge whitespace, even when it is a control character, is removed, not refused.
        assertThat(withText("\n\tWrite documentation\r\n").text()).isEqualTo("Write documentation");
    }

    @Test
    void doesNotStripANonBreakingSpace() {
        // U+00A0 is not whitespace to Character.isWhitespace, so it is kept (and it is not a control character).
        assertThat(withText("\u00A0task\u00A0").text()).isEqualTo("\u00A0task\u00A0");
    }

    @Test
    void acceptsExactly500Characters() {
        assertThat(withText("a".repeat(500)).text()).hasSize(500);
    }

    @Test
    void accepts500EmojiBecauseLengthIsCountedInCodePoints() {
        String text = EMOJI.repeat(500);

        assertThat(text).hasSize(1000);
        assertThat(withText(text).text()).isEqualTo(text);
    }

    @Test
    void rejectsTextLongerThan500Characters() {
        assertThat(ValidationErrors.of(() -> withText("a".repeat(501)))).containsExactly(textError(TOO_LONG));
    }

    @Test
    void rejects501Emoji() {
        assertThat(ValidationErrors.of(() -> withText(EMOJI.repeat(501)))).containsExactly(textError(TOO_LONG));
    }

    @Test
    void countsLengthAfterStripping() {
        assertThat(withText("   " + "a".repeat(500) + "   ").text()).hasSize(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\r", "\t", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F"})
    void rejectsControlCharactersInsideTheText(String control) {
        assertThat(ValidationErrors.of(() -> withText("before" + control + "after")))
                .containsExactly(textError(CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u007F", "\u0085", "\u0007"})
    void rejectsControlCharactersThatAreNotWhitespaceEvenAtTheEdges(String control) {
        assertThat(ValidationErrors.of(() -> withText(control + "task" + control))).containsExactly(textError(CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE80", "a\uD83Db", "a\uDE80b", "\uDE80\uD83D", "ab\uD83D",
            "\uD83D\uD83D\uDE80"})
    void rejectsUnpairedSurrogates(String text) {
        assertThat(ValidationErrors.of(() -> withText(text))).containsExactly(textError(SURROGATE));
    }

    @Test
    void acceptsPairedSurrogatesAndOtherScripts() {
        String text = "Résumé " + EMOJI + " 日本語 עברית";

        assertThat(withText(text).text()).isEqualTo(text);
    }

    @Test
    void reportsEveryBrokenRuleAtOnceInFieldOrder() {
        NewTask.Builder everythingWrong = NewTask.builder("   ")
                .tags(Arrays.asList("ok", "Up", null))
                .dueDate(LocalDate.of(999, 12, 31))
                .description("a\u0000b");

        assertThat(ValidationErrors.of(everythingWrong::build)).containsExactly(
                textError(EMPTY),
                new FieldError(TaskField.DESCRIPTION,
                        "must not contain control characters other than line breaks and tabs"),
                new FieldError(TaskField.DUE_DATE, "must be in the years 1000 to 9999"),
                new FieldError(TaskField.TAGS, 1, "must be lowercase"),
                new FieldError(TaskField.TAGS, 2, "must not be null"));
    }

    @Test
    void reportsAMissingTextTogetherWithABrokenDetail() {
        assertThat(ValidationErrors.of(() -> NewTask.builder().description(" ").build())).containsExactly(
                textError("is required"),
                new FieldError(TaskField.DESCRIPTION, "must not be empty (send null to remove it)"));
    }

    @Test
    void theConstructorNormalizesLikeTheBuilder() {
        NewTask task = new NewTask(" padded ", TaskStatus.COMPLETED, TaskPriority.LOW, Optional.of("\n described \t"),
                Optional.of(LocalDate.of(2026, 3, 1)), List.of("b", "a", "b"), Optional.empty(), Optional.empty());

        assertThat(task).isEqualTo(NewTask.builder("padded").status(TaskStatus.COMPLETED).priority(TaskPriority.LOW)
                .description("described").dueDate(LocalDate.of(2026, 3, 1)).tags(List.of("b", "a")).build());
        assertThat(task.text()).isEqualTo("padded");
        assertThat(task.description()).contains("described");
        assertThat(task.tags()).containsExactly("b", "a");
    }

    @Test
    void theConstructorTreatsNullDetailsAsNone() {
        NewTask task = new NewTask("t", TaskStatus.NEW, TaskPriority.MEDIUM, Optional.empty(), Optional.empty(), null,
                Optional.empty(), Optional.empty());

        assertThat(task.description()).isEmpty();
        assertThat(task.dueDate()).isEmpty();
        assertThat(task.tags()).isEmpty();
    }

    @Test
    void theConstructorReportsAMissingTextAsAValidationError() {
        assertThat(ValidationErrors.of(() -> new NewTask(null, TaskStatus.NEW, TaskPriority.LOW, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty())))
                .containsExactly(textError("is required"));
    }

    @Test
    void theConstructorRefusesANullStatusOrPriority() {
        assertThatThrownBy(() -> new NewTask("t", null, TaskPriority.LOW, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new NewTask("t", TaskStatus.NEW, null, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new NewTask("t", TaskStatus.NEW, TaskPriority.LOW, null, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty())).as("absent is empty, never null")
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBuilderRefusesNullValuesBecauseLeavingASetterOutMeansNone() {
        NewTask.Builder builder = NewTask.builder("t");

        assertThatThrownBy(() -> NewTask.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.status(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.priority(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.description(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.dueDate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.tags(null)).isInstanceOf(NullPointerException.class);
    }
}
