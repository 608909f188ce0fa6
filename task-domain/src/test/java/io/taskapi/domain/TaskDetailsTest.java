package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules for a task's description, due date and tags, on create, on update and in a stored task. */
class TaskDetailsTest {
    private static final String TAG_RULE = "must be 1 to 32 characters, each one of a-z 0-9 - _ .";

    private static NewTask create(String description, String dueDate, List<String> tags) {
        return NewTask.of("x", null, null, description, dueDate, tags);
    }

    @Test
    void aNewTaskKeepsItsDetails() {
        NewTask task = create("  Line one\n\tLine two  ", "2026-12-31", List.of("work", "q4-2026", "a.b_c"));

        assertThat(task.description()).isEqualTo("Line one\n\tLine two");
        assertThat(task.dueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(task.tags()).containsExactly("work", "q4-2026", "a.b_c");
    }

    @Test
    void detailsAreOptional() {
        NewTask task = create(null, null, null);

        assertThat(task.description()).isNull();
        assertThat(task.dueDate()).isNull();
        assertThat(task.tags()).isEmpty();
    }

    @Test
    void aDescriptionMayHave4000CharactersCountedAsCodePoints() {
        assertThat(create("\uD83D\uDE80".repeat(4000), null, null).description()).hasSize(8000);
        assertThat(ValidationErrors.of(() -> create("a".repeat(4001), null, null)))
                .containsExactly(new FieldError("description", "must be at most 4000 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b"})
    void aDescriptionRefusesControlCharactersOtherThanLineBreaksAndTabs(String description) {
        assertThat(ValidationErrors.of(() -> create(description, null, null))).containsExactly(new FieldError(
                "description", "must not contain control characters other than line breaks and tabs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\n\t"})
    void aBlankDescriptionIsRefusedBecauseNullRemovesIt(String description) {
        assertThat(ValidationErrors.of(() -> create(description, null, null)))
                .containsExactly(new FieldError("description", "must not be empty (send null to remove it)"));
    }

    @Test
    void aDescriptionMustBeValidUnicode() {
        assertThat(ValidationErrors.of(() -> create("a\uD83Db", null, null)))
                .containsExactly(new FieldError("description", "must be valid Unicode (no unpaired surrogates)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000-01-01", "2024-02-29", "9999-12-31"})
    void aDueDateIsAnIsoCalendarDate(String date) {
        assertThat(create(null, date, null).dueDate()).isEqualTo(LocalDate.parse(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-1-05", "26-01-05", "2026/01/05", "20260105", "2026-01-05T00:00:00Z", " 2026-01-05",
            "0999-12-31", "+2026-01-05", "10000-01-01", "", "tomorrow", "２０２６-01-05"})
    void aDueDateMustBeWrittenAsYyyyMmDd(String date) {
        assertThat(ValidationErrors.of(() -> create(null, date, null)))
                .containsExactly(new FieldError("due_date", "must be a date as YYYY-MM-DD (years 1000 to 9999)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00"})
    void aDueDateMustExist(String date) {
        assertThat(ValidationErrors.of(() -> create(null, date, null)))
                .containsExactly(new FieldError("due_date", "must be a date that exists, such as 2026-02-28"));
    }

    @Test
    void tagsAreDeduplicatedKeepingTheFirstOccurrence() {
        assertThat(create(null, null, List.of("b", "a", "b", "c", "a")).tags()).containsExactly("b", "a", "c");
    }

    @Test
    void upperCaseTagsAreRefusedNotLowerCased() {
        assertThat(ValidationErrors.of(() -> create(null, null, List.of("ok", "Work", "HOME"))))
                .containsExactly(new FieldError("tags[1]", "must be lowercase"),
                        new FieldError("tags[2]", "must be lowercase"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "emoji🚀", "a/b", "a,b", "#tag", "é"})
    void aTagMustBeMadeOfTheAllowedCharacters(String tag) {
        assertThat(ValidationErrors.of(() -> create(null, null, List.of("fine", tag))))
                .containsExactly(new FieldError("tags[1]", TAG_RULE));
    }

    @Test
    void aTagHasAtMost32Characters() {
        assertThat(create(null, null, List.of("a".repeat(32))).tags()).hasSize(1);
        assertThat(ValidationErrors.of(() -> create(null, null, List.of("a".repeat(33)))))
                .containsExactly(new FieldError("tags[0]", TAG_RULE));
    }

    @Test
    void aTaskHasAtMost20DifferentTags() {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add("t" + i);
        }
        List<String> withDuplicates = new ArrayList<>(twenty);
        withDuplicates.addAll(twenty);
        assertThat(create(null, null, withDuplicates).tags()).hasSize(20);

        List<String> twentyOne = new ArrayList<>(twenty);
        twentyOne.add("t20");
        assertThat(ValidationErrors.of(() -> create(null, null, twentyOne)))
                .containsExactly(new FieldError("tags", "must have at most 20 different tags"));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceInFieldOrder() {
        assertThat(ValidationErrors.of(() -> NewTask.of("", "x", null, "", "2026-02-30", Arrays.asList("A", null))))
                .extracting(FieldError::field)
                .containsExactly("task", "status", "description", "due_date", "tags[0]", "tags[1]");
    }

    @Test
    void anUpdateCanSetAndRemoveEachDetail() {
        Task task = new Task("id", "x", TaskStatus.NEW, TaskPriority.LOW, 1, 1, 1, "old", LocalDate.of(2026, 1, 1),
                List.of("a"));

        Task set = task.apply(TaskChanges.builder().description("new").dueDate("2027-01-01")
                .tags(List.of("b", "c")).build(), 2);
        Task removed = task.apply(TaskChanges.builder().remove("description").remove("due_date").remove("tags")
                .build(), 2);
        Task untouched = task.apply(TaskChanges.builder().status("completed").build(), 2);

        assertThat(set.description()).isEqualTo("new");
        assertThat(set.dueDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(set.tags()).containsExactly("b", "c");
        assertThat(removed.description()).isNull();
        assertThat(removed.dueDate()).isNull();
        assertThat(removed.tags()).isEmpty();
        assertThat(untouched.description()).isEqualTo("old");
        assertThat(untouched.tags()).containsExactly("a");
        assertThat(task.apply(TaskChanges.builder().tags(List.of()).build(), 2).tags()).isEmpty();
    }

    @Test
    void requiredFieldsCannotBeRemoved() {
        assertThat(ValidationErrors.of(() -> TaskChanges.builder().remove("priority").remove("task").build()))
                .containsExactly(new FieldError("task", "is required and cannot be removed"),
                        new FieldError("priority", "is required and cannot be removed"));
    }

    @Test
    void anUpdateChecksItsDetailsLikeACreate() {
        assertThat(ValidationErrors.of(() -> TaskChanges.builder().description("a\u0000").dueDate("x")
                .tags(List.of("Up")).build())).extracting(FieldError::field)
                .containsExactly("description", "due_date", "tags[0]");
    }

    @Test
    void aStoredTaskKeepsTheRulesToo() {
        assertThatThrownBy(() -> new Task("id", "x", TaskStatus.NEW, TaskPriority.LOW, 1, 1, 1, " padded ", null,
                List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Task("id", "x", TaskStatus.NEW, TaskPriority.LOW, 1, 1, 1, null, null,
                List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Task("id", "x", TaskStatus.NEW, TaskPriority.LOW, 1, 1, 1, null,
                LocalDate.of(999, 1, 1), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
