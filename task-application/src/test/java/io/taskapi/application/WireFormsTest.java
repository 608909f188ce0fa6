package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.ValidationException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire forms the domain does not know, as the JSON mapping and the query parameters read them: statuses and
 * priorities by their exact names, dates as {@code YYYY-MM-DD}, the order's names, each error on its wire field, in
 * field order, together with the domain's own.
 */
class WireFormsTest {
    private static final String STATUSES = "must be one of: new, in_progress, completed, cancelled";
    private static final String PRIORITIES = "must be one of: low, medium, high, urgent";

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyStatusIsReadByItsExactName(TaskStatus status) {
        assertThat(TaskJson.newTask("{\"task\":\"t\",\"status\":\"" + status.value() + "\"}").status())
                .isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEW", "New", "In_Progress", "IN_PROGRESS", " new", "new ", "", "in-progress", "done",
            "open", "new\\u0000", "finished"})
    void aStatusThatIsNotExactlyANameIsRefusedWithTheNames(String status) {
        assertThat(errors(() -> TaskJson.newTask("{\"task\":\"t\",\"status\":\"" + status + "\"}")))
                .containsExactly("status: " + STATUSES);
        assertThat(errors(() -> TaskJson.changes("{\"status\":\"" + status + "\"}", false)))
                .containsExactly("status: " + STATUSES);
    }

    @ParameterizedTest
    @EnumSource(TaskPriority.class)
    void everyPriorityIsReadByItsExactName(TaskPriority priority) {
        assertThat(TaskJson.newTask("{\"task\":\"t\",\"priority\":\"" + priority.value() + "\"}").priority())
                .isEqualTo(priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGH", "High", "Urgent", " low", "low ", "", "critical", "1", "p1", "Medium"})
    void aPriorityThatIsNotExactlyANameIsRefusedWithTheNames(String priority) {
        assertThat(errors(() -> TaskJson.newTask("{\"task\":\"t\",\"priority\":\"" + priority + "\"}")))
                .containsExactly("priority: " + PRIORITIES);
        assertThat(errors(() -> TaskJson.changes("{\"priority\":\"" + priority + "\"}", true)))
                .containsExactly("priority: " + PRIORITIES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-1-05", "26-01-05", "2026/01/05", "20260105", "2026-01-05T00:00:00Z", " 2026-01-05",
            "0999-12-31", "+2026-01-05", "10000-01-01", "", "tomorrow", "\uFF12\uFF10\uFF12\uFF16-01-05"})
    void aDateMustBeWrittenAsYyyyMmDd(String date) {
        String message = "must be a date as YYYY-MM-DD (years 1000 to 9999)";
        assertThat(errors(() -> TaskJson.newTask("{\"task\":\"t\",\"due_date\":\"" + date + "\"}")))
                .containsExactly("due_date: " + message);
        assertThat(errors(() -> ListingQuery.parse(query("sort", "due_date", "due_before", date))))
                .as("an empty bound counts as absent").isEqualTo(date.isEmpty() ? List.of("no error")
                        : List.of("due_before: " + message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00"})
    void aDateMustExist(String date) {
        String message = "must be a date that exists, such as 2026-02-28";
        assertThat(errors(() -> TaskJson.changes("{\"due_date\":\"" + date + "\"}", false)))
                .containsExactly("due_date: " + message);
        assertThat(errors(() -> ListingQuery.parse(query("sort", "due_date", "due_after", date))))
                .containsExactly("due_after: " + message);
    }

    @ParameterizedTest
    @CsvSource({"1000-01-01", "2024-02-29", "9999-12-31"})
    void aDateIsReadAsTheCalendarDayItNames(String date) {
        assertThat(TaskJson.newTask("{\"task\":\"t\",\"due_date\":\"" + date + "\"}").dueDate())
                .contains(LocalDate.parse(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "created", "CREATED_AT", "due-date", "priority"})
    void theOrderIsNamedByTheSortParameter(String sort) {
        assertThat(errors(() -> ListingQuery.parse(query("sort", sort))))
                .containsExactly("sort: must be one of: created_at, due_date");
    }

    @Test
    void wireAndDomainErrorsAreListedTogetherInFieldOrder() {
        assertThat(errors(() -> TaskJson.newTask("{\"task\":\"   \",\"status\":\"NEW\",\"priority\":\"High\","
                + "\"description\":\"\",\"due_date\":\"2026-02-30\",\"tags\":[\"ok\",\"Bad\",\"x y\"]}")))
                .containsExactly(
                        "task: must not be empty",
                        "status: " + STATUSES,
                        "priority: " + PRIORITIES,
                        "description: must not be empty (send null to remove it)",
                        "due_date: must be a date that exists, such as 2026-02-28",
                        "tags[1]: must be lowercase",
                        "tags[2]: must be 1 to 32 characters, each one of a-z 0-9 - _ .");
        assertThat(errors(() -> TaskJson.newTask("{\"status\":\"done\"}")))
                .containsExactly("task: is required", "status: " + STATUSES);
    }

    @Test
    void anUpdateNamesAtLeastOneFieldAndCannotRemoveARequiredOne() {
        assertThat(problemFields(() -> TaskJson.changes("{}", false)))
                .containsExactly("body: must name at least one of: task, status, priority, description, due_date,"
                        + " tags, list_id, assignee");
        assertThat(errors(() -> TaskJson.changes("{\"task\":null,\"priority\":null,\"due_date\":null}", true)))
                .containsExactly("task: is required and cannot be removed",
                        "priority: is required and cannot be removed");
    }

    @Test
    void criteriaErrorsComeTogetherAndTheCombinationSaysWhatIsSupported() {
        assertThat(errors(() -> ListingQuery.parse(query("sort", "newest", "tag", "Work", "due_after", "soon"))))
                .containsExactly("tag: must be lowercase",
                        "due_after: must be a date as YYYY-MM-DD (years 1000 to 9999)",
                        "sort: must be one of: created_at, due_date");
        assertThat(problemFields(() -> ListingQuery.parse(query("sort", "due_date", "priority", "high"))))
                .containsExactly("query: this combination is not supported; supported: sort=created_at (the default)"
                        + " with any of status, priority, tag; sort=due_date with any of status, due_after,"
                        + " due_before, tag");
    }

    /** The request's errors as {@code field: message}, or {@code no error}. */
    private static List<String> errors(Runnable parse) {
        try {
            parse.run();
            return List.of("no error");
        } catch (ValidationException e) {
            return e.errors().stream().map(error -> WireNames.of(error) + ": " + error.message()).toList();
        }
    }

    private static List<String> problemFields(Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOf(BadRequestException.class);
        try {
            parse.run();
            return List.of();
        } catch (BadRequestException e) {
            return e.fields().stream().map(field -> field.name() + ": " + field.message()).collect(Collectors.toList());
        }
    }

    private static HttpRequest query(String... namesAndValues) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpRequest.builder("GET", "/tasks").query(query).requestId("r").caller(Caller.anonymous()).build();
    }
}
