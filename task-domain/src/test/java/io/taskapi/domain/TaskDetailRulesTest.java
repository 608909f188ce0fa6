package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a task's optional details (description, due date, tags) on create, on update and in a stored task. */
class TaskDetailRulesTest {
    private static final String TAG_RULE = "must be 1 to 32 characters, each one of a-z 0-9 - _ .";
    private static final String YEARS = "must be in the years 1000 to 9999";

    private static NewTask.Builder aNewTask() {
        return NewTask.builder("x");
    }

    private static NewTask withDescription(String description) {
        return aNewTask().description(description).build();
    }

    private static NewTask withDueDate(LocalDate dueDate) {
        return aNewTask().dueDate(dueDate).build();
    }

    private static NewTask withTags(List<String> tags) {
        return aNewTask().tags(tags).build();
    }

    private static Task stored(String description, LocalDate dueDate, List<String> tags) {
        return new Task("id", "x", TaskStatus.NEW, TaskPriority.LOW, 1, 1, 1, Optional.ofNullable(description),
                Optional.ofNullable(dueDate), tags);
    }

    @Test
    void aNewTaskKeepsItsDetails() {
        NewTask task = aNewTask().description("  Line one\n\tLine two  ").dueDate(LocalDate.of(2026, 12, 31))
                .tags(List.of("work", "q4-2026", "a.b_c")).build();

        assertThat(task.description()).contains("Line one\n\tLine two");
        assertThat(task.dueDate()).contains(LocalDate.of(2026, 12, 31));
        assertThat(task.tags()).containsExactly("work", "q4-2026", "a.b_c");
    }

    @Test
    void detailsAreOptional() {
        NewTask task = aNewTask().build();

        assertThat(task.description()).isEmpty();
        assertThat(task.dueDate()).isEmpty();
        assertThat(task.tags()).isEmpty();
    }

    @Test
    void aDescriptionMayHave4000CharactersCountedAsCodePoints() {
        assertThat(withDescription("\uD83D\uDE80".repeat(4000)).description().orElseThrow()).hasSize(8000);
        assertThat(withDescription("a".repeat(4000)).description().orElseThrow()).hasSize(4000);
        assertThat(ValidationErrors.of(() -> withDescription("a".repeat(4001))))
                .containsExactly(new FieldError(TaskField.DESCRIPTION, "must be at most 4000 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b"})
    void aDescriptionRefusesControlCharactersOtherThanLineBreaksAndTabs(String description) {
        assertThat(ValidationErrors.of(() -> withDescription(description))).containsExactly(new FieldError(
                TaskField.DESCRIPTION, "must not contain control characters other than line breaks and tabs"));
    }

    @Test
    void aDescriptionKeepsLineBreaksAndTabsInside() {
        assertThat(withDescription("one\r\ntwo\tthree\nfour").description()).contains("one\r\ntwo\tthree\nfour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\n\t"})
    void aBlankDescriptionIsRefusedBecauseLeavingItOutMeansNone(String description) {
        assertThat(ValidationErrors.of(() -> withDescription(description)))
                .containsExactly(new FieldError(TaskField.DESCRIPTION, "must not be empty (send null to remove it)"));
    }

    @Test
    void aDescriptionMustBeValidUnicode() {
        assertThat(ValidationErrors.of(() -> withDescription("a\uD83Db")))
                .containsExactly(
                        new FieldError(TaskField.DESCRIPTION, "must be valid Unicode (no unpaired surrogates)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000-01-01", "2024-02-29", "9999-12-31"})
    void aDueDateMayBeAnyDayInTheYears1000To9999(String date) {
        assertThat(withDueDate(LocalDate.parse(date)).dueDate()).contains(LocalDate.parse(date));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 999, 10_000, 99_999})
    void aDueDateOutsideTheYears1000To9999IsRefused(int year) {
        LocalDate date = LocalDate.of(year, year < 1000 ? 12 : 1, year < 1000 ? 31 : 1);

        assertThat(ValidationErrors.of(() -> withDueDate(date)))
                .containsExactly(new FieldError(TaskField.DUE_DATE, YEARS));
    }

    @Test
    void tagsAreDeduplicatedKeepingTheFirstOccurrence() {
        assertThat(withTags(List.of("b", "a", "b", "c", "a")).tags()).containsExactly("b", "a", "c");
    }

    @Test
    void theTagsAreCopiedNotShared() {
        List<String> given = new ArrayList<>(List.of("a"));
        NewTask task = withTags(given);

        given.add("b");

        assertThat(task.tags()).containsExactly("a");
        assertThatThrownBy(() -> task.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void upperCaseTagsAreRefusedNotLowerCased() {
        assertThat(ValidationErrors.of(() -> withTags(List.of("ok", "Work", "HOME"))))
                .containsExactly(new FieldError(TaskField.TAGS, 1, "must be lowercase"),
                        new FieldError(TaskField.TAGS, 2, "must be lowercase"));
    }

    /** Each end of each allowed range (a z 0 9) and each allowed mark (- _ .) makes a tag on its own. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "0", "9", "-", "_", ".", "az09-_."})
    void aTagMayBeAnyOfTheAllowedCharacters(String tag) {
        assertThat(withTags(List.of(tag)).tags()).containsExactly(tag);
    }

    /** The characters just outside each range (` { / :) are not. */
    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "emoji🚀", "a/b", "a,b", "#tag", "é", "Work!", "`", "{", "/", ":", "a`",
        "z{", "0/", "9:"})
    void aTagMustBeMadeOfTheAllowedCharacters(String tag) {
        assertThat(ValidationErrors.of(() -> withTags(List.of("fine", tag))))
                .containsExactly(new FieldError(TaskField.TAGS, 1, TAG_RULE));
    }

    @Test
    void aNullTagIsRefusedByItsIndex() {
        assertThat(ValidationErrors.of(() -> withTags(Arrays.asList("fine", null))))
                .containsExactly(new FieldError(TaskField.TAGS, 1, "must not be null"));
    }

    @Test
    void aTagHasAtMost32Characters() {
        assertThat(withTags(List.of("a".repeat(32))).tags()).hasSize(1);
        assertThat(ValidationErrors.of(() -> withTags(List.of("a".repeat(33)))))
                .containsExactly(new FieldError(TaskField.TAGS, 0, TAG_RULE));
    }

    @Test
    void aTaskHasAtMost20DifferentTags() {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add("t" + i);
        }
        List<String> withDuplicates = new ArrayList<>(twenty);
        withDuplicates.addAll(twenty);
        assertThat(withTags(withDuplicates).tags()).hasSize(20);

        List<String> twentyOne = new ArrayList<>(twenty);
        twentyOne.add("t20");
        assertThat(ValidationErrors.of(() -> withTags(twentyOne)))
                .containsExactly(new FieldError(TaskField.TAGS, "must have at most 20 different tags"));
    }

    @Test
    void theTagCountIsReportedAfterTheOffendingTags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tags.add("t" + i);
        }
        tags.add("Bad");

        assertThat(ValidationErrors.of(() -> withTags(tags))).containsExactly(
                new FieldError(TaskField.TAGS, 21, "must be lowercase"),
                new FieldError(TaskField.TAGS, "must have at most 20 different tags"));
    }

    @Test
    void anUpdateChecksItsDetailsLikeACreate() {
        TaskChanges.Builder everythingWrong = TaskChanges.builder().tags(List.of("Up"))
                .dueDate(LocalDate.of(10_000, 1, 1)).description("a\u0000");

        assertThat(ValidationErrors.of(everythingWrong::build)).containsExactly(
                new FieldError(TaskField.DESCRIPTION,
                        "must not contain control characters other than line breaks and tabs"),
                new FieldError(TaskField.DUE_DATE, YEARS),
                new FieldError(TaskField.TAGS, 0, "must be lowercase"));
    }

    @Test
    void anUpdateStoresItsDetailsInTheFormACreateDoes() {
        TaskChanges changes = TaskChanges.builder().description("  more \n").tags(List.of("b", "a", "b")).build();

        assertThat(changes.description()).contains("more");
        assertThat(changes.tags()).contains(List.of("b", "a"));
    }

    @Test
    void aStoredTaskKeepsItsDetailsAsGiven() {
        Task task = stored("Line one\nLine two", LocalDate.of(9999, 12, 31), List.of("b", "a"));

        assertThat(task.description()).contains("Line one\nLine two");
        assertThat(task.dueDate()).contains(LocalDate.of(9999, 12, 31));
        assertThat(task.tags()).containsExactly("b", "a");
        assertThat(stored(null, null, null).tags()).isEmpty();
    }

    @Test
    void aStoredTaskKeepsTheRulesToo() {
        assertThatThrownBy(() -> stored(" padded ", null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored("", null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored("a\u0000b", null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored(null, null, List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored(null, null, List.of("A"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored(null, LocalDate.of(999, 1, 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stored(null, LocalDate.of(10_000, 1, 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
