package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NewTaskTest {
    static final String EMOJI = "\uD83D\uDE80"; // U+1F680 ROCKET: one code point, two chars

    static final String EMPTY = "must not be empty";
    static final String TOO_LONG = "must be at most 500 characters";
    static final String CONTROL = "must not contain control characters";
    static final String SURROGATE = "must be valid Unicode (no unpaired surrogates)";
    static final String STATUS_VALUES = "must be one of: new, in_progress, completed, cancelled";
    static final String PRIORITY_VALUES = "must be one of: low, medium, high, urgent";


    @Test
    void defaultsStatusToNewAndPriorityToMedium() {
        NewTask task = NewTask.of("Write documentation", null, null);

        assertThat(task.text()).isEqualTo("Write documentation");
        assertThat(task.status()).isEqualTo(TaskStatus.NEW);
        assertThat(task.priority()).isEqualTo(TaskPriority.MEDIUM);
    }

    @Test
    void keepsTheGivenStatusAndPriority() {
        NewTask task = NewTask.of("Deploy", "in_progress", "urgent");

        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.priority()).isEqualTo(TaskPriority.URGENT);
    }

    @Test
    void requiresTheTaskText() {
        assertThat(ValidationErrors.of(() -> NewTask.of(null, "new", "low")))
                .containsExactly(new FieldError("task", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     ", "\t", " \t ", "\n", "\r\n", " \u000B\f ", "\u2003", "\u001C\u001F"})
    void rejectsTextThatIsEmptyAfterStrippingWhitespace(String text) {
        // Tabs, line breaks and the information separators are control characters, but they are also whitespace and
        // are stripped first, so whitespace-only text is reported as empty rather than as containing control characters.
        assertThat(ValidationErrors.of(() -> NewTask.of(text, null, null)))
                .containsExactly(new FieldError("task", EMPTY));
    }

    @Test
    void storesTheTextStrippedOfSurroundingWhitespace() {
        assertThat(NewTask.of("  \t Write documentation \u2003 ", null, null).text()).isEqualTo("Write documentation");
    }

    @Test
    void keepsWhitespaceInsideTheText() {
        assertThat(NewTask.of(" a  b  c ", null, null).text()).isEqualTo("a  b  c");
    }

    @Test
    void stripsLineBreaksAndTabsAtTheEdgesInsteadOfRejectingThem() {
        // Documented behaviour: edge whitespace, even when it is a control character, is removed, not refused.
        assertThat(NewTask.of("\n\tWrite documentation\r\n", null, null).text()).isEqualTo("Write documentation");
    }

    @Test
    void doesNotStripANonBreakingSpace() {
        // U+00A0 is not whitespace to Character.isWhitespace, so it is kept (and it is not a control character).
        assertThat(NewTask.of("\u00A0task\u00A0", null, null).text()).isEqualTo("\u00A0task\u00A0");
    }

    @Test
    void acceptsExactly500Characters() {
        assertThat(NewTask.of("a".repeat(500), null, null).text()).hasSize(500);
    }

    @Test
    void accepts500EmojiBecauseLengthIsCountedInCodePoints() {
        String text = EMOJI.repeat(500);

        assertThat(text).hasSize(1000);
        assertThat(NewTask.of(text, null, null).text()).isEqualTo(text);
    }

    @Test
    void rejectsTextLongerThan500Characters() {
        assertThat(ValidationErrors.of(() -> NewTask.of("a".repeat(501), null, null)))
                .containsExactly(new FieldError("task", TOO_LONG));
    }

    @Test
    void rejects501Emoji() {
        assertThat(ValidationErrors.of(() -> NewTask.of(EMOJI.repeat(501), null, null)))
                .containsExactly(new FieldError("task", TOO_LONG));
    }

    @Test
    void countsLengthAfterStripping() {
        assertThat(NewTask.of("   " + "a".repeat(500) + "   ", null, null).text()).hasSize(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\r", "\t", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F"})
    void rejectsControlCharactersInsideTheText(String control) {
        assertThat(ValidationErrors.of(() -> NewTask.of("before" + control + "after", null, null)))
                .containsExactly(new FieldError("task", CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u007F", "\u0085", "\u0007"})
    void rejectsControlCharactersThatAreNotWhitespaceEvenAtTheEdges(String control) {
        assertThat(ValidationErrors.of(() -> NewTask.of(control + "task" + control, null, null)))
                .containsExactly(new FieldError("task", CONTROL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE80", "a\uD83Db", "a\uDE80b", "\uDE80\uD83D", "ab\uD83D", "\uD83D\uD83D\uDE80"})
    void rejectsUnpairedSurrogates(String text) {
        assertThat(ValidationErrors.of(() -> NewTask.of(text, null, null)))
                .containsExactly(new FieldError("task", SURROGATE));
    }

    @Test
    void acceptsPairedSurrogatesAndOtherScripts() {
        String text = "Résumé " + EMOJI + " 日本語 עברית";

        assertThat(NewTask.of(text, null, null).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void acceptsEveryStatusByItsExactWireName(TaskStatus status) {
        assertThat(NewTask.of("t", status.value(), null).status()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEW", "New", "In_Progress", "IN_PROGRESS", " new", "new ", "", "in-progress", "done",
            "open", "new\u0000"})
    void rejectsAStatusThatIsNotExactlyAWireName(String status) {
        assertThat(ValidationErrors.of(() -> NewTask.of("t", status, null)))
                .containsExactly(new FieldError("status", STATUS_VALUES));
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void acceptsEveryPriorityByItsExactWireName(TaskPriority priority) {
        assertThat(NewTask.of("t", null, priority.value()).priority()).isEqualTo(priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGH", "High", "Urgent", " low", "low ", "", "critical", "1"})
    void rejectsAPriorityThatIsNotExactlyAWireName(String priority) {
        assertThat(ValidationErrors.of(() -> NewTask.of("t", null, priority)))
                .containsExactly(new FieldError("priority", PRIORITY_VALUES));
    }

    @Test
    void reportsEveryBrokenRuleAtOnceInFieldOrder() {
        assertThat(ValidationErrors.of(() -> NewTask.of("   ", "NEW", "High"))).containsExactly(
                new FieldError("task", EMPTY),
                new FieldError("status", STATUS_VALUES),
                new FieldError("priority", PRIORITY_VALUES));
    }

    @Test
    void reportsAMissingTaskTogetherWithABadStatus() {
        assertThat(ValidationErrors.of(() -> NewTask.of(null, "done", null))).containsExactly(
                new FieldError("task", "is required"),
                new FieldError("status", STATUS_VALUES));
    }

    static Stream<Arguments> invalidConstructorArguments() {
        return Stream.of(
                Arguments.of(null, TaskStatus.NEW, TaskPriority.LOW, NullPointerException.class),
                Arguments.of("t", null, TaskPriority.LOW, NullPointerException.class),
                Arguments.of("t", TaskStatus.NEW, null, NullPointerException.class),
                Arguments.of("", TaskStatus.NEW, TaskPriority.LOW, IllegalArgumentException.class),
                Arguments.of("a".repeat(501), TaskStatus.NEW, TaskPriority.LOW, IllegalArgumentException.class),
                Arguments.of("a\u0000b", TaskStatus.NEW, TaskPriority.LOW, IllegalArgumentException.class),
                Arguments.of("\uD83D", TaskStatus.NEW, TaskPriority.LOW, IllegalArgumentException.class));
    }

    @ParameterizedTest
    @MethodSource("invalidConstructorArguments")
    void constructorRefusesAnInvalidRequest(
            String text, TaskStatus status, TaskPriority priority, Class<? extends Throwable> expected) {
        assertThatThrownBy(() -> new NewTask(text, status, priority)).isInstanceOf(expected);
    }

    @Test
    void constructorRefusesTextThatATaskCouldNotStore() {
        assertThatThrownBy(() -> new NewTask(" padded ", TaskStatus.NEW, TaskPriority.MEDIUM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
