package io.taskapi.application;

import io.taskapi.domain.FieldError;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.ListingField;
import io.taskapi.domain.PageRequest;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters of a listing, each {@link ListingField} by its name on the wire. Empty parameters count as
 * absent and parameters the API does not know are ignored; a parameter given twice is refused.
 */
final class ListingQuery {
    /** Each criterion's parameter name. */
    private static final Map<ListingField, String> NAMES = new EnumMap<>(Map.of(
            ListingField.STATUS, "status",
            ListingField.PRIORITY, "priority",
            ListingField.TAG, "tag",
            ListingField.DUE_BEFORE, "due_before",
            ListingField.DUE_AFTER, "due_after",
            ListingField.ORDER, "sort",
            ListingField.LIST_ID, "list_id",
            ListingField.ASSIGNEE, "assignee",
            ListingField.LIMIT, "limit",
            ListingField.PAGE_TOKEN, "next"));
    /** Each order's value of {@code sort}. */
    private static final Map<TaskOrder, String> SORTS = new EnumMap<>(Map.of(
            TaskOrder.CREATED_AT, "created_at",
            TaskOrder.DUE_DATE, "due_date"));
    /** What clients are told when they ask for a combination {@link TaskFilter#supports} refuses. */
    static final String SUPPORTED = "sort=created_at (the default) with any of status, priority, tag;"
            + " sort=due_date with any of status, due_after, due_before, tag";

    /** The only value of {@code assignee}: the caller. */
    static final String ME = "me";

    private ListingQuery() {
    }

    /** The name of {@code field} on the wire. */
    static String name(ListingField field) {
        return NAMES.get(field);
    }

    /**
     * The page a request asks for. Errors come in the order clients have always seen them: an unreadable limit, the
     * status, the priority, the other criteria together, their combination, then the limit's range.
     */
    static TaskListQuery parse(HttpRequest request) {
        String limitText = optional(request, ListingField.LIMIT);
        int limit = limitText == null ? TaskListQuery.DEFAULT_LIMIT : digits(limitText);
        TaskStatus status = named(request, ListingField.STATUS, TaskStatus::fromValue, TaskStatus.values());
        TaskPriority priority = named(request, ListingField.PRIORITY, TaskPriority::fromValue, TaskPriority.values());
        String tag = optional(request, ListingField.TAG);
        String before = optional(request, ListingField.DUE_BEFORE);
        String after = optional(request, ListingField.DUE_AFTER);
        String sort = optional(request, ListingField.ORDER);
        String listId = optional(request, ListingField.LIST_ID);
        String assignee = optional(request, ListingField.ASSIGNEE);
        List<FieldError> errors = new ArrayList<>();
        if (assignee != null && !assignee.equals(ME)) {
            errors.add(new FieldError(ListingField.ASSIGNEE, "must be " + ME + " (the tasks assigned to you)"));
        }
        if (tag != null) {
            TaskFilter.tagProblem(tag).ifPresent(problem -> errors.add(new FieldError(ListingField.TAG, problem)));
        }
        LocalDate dueBefore = before == null ? null
                : Validation.date(ListingField.DUE_BEFORE, before, errors).orElse(null);
        LocalDate dueAfter = after == null ? null : Validation.date(ListingField.DUE_AFTER, after, errors).orElse(null);
        TaskOrder order = sort == null ? TaskOrder.CREATED_AT
                : Validation.parsed(ListingField.ORDER, order(sort), SORTS.values().stream(), errors).orElse(null);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (!TaskFilter.supports(order, priority != null, dueBefore != null || dueAfter != null)) {
            throw BadRequestException.invalid("query", "this combination is not supported; supported: " + SUPPORTED);
        }
        TaskFilter filter = new TaskFilter(Optional.ofNullable(status), Optional.ofNullable(priority),
                Optional.ofNullable(tag), Optional.ofNullable(dueBefore), Optional.ofNullable(dueAfter), order);
        TaskListQuery query = new TaskListQuery(limit, filter, Optional.ofNullable(single(request,
                ListingField.PAGE_TOKEN)), Optional.ofNullable(listId), assignee != null);
        if (listId != null && !Route.isWellFormedId(listId)) {
            // No list has such an id: not found, as for a list the caller is not a member of.
            throw new ListNotFoundException();
        }
        return query;
    }

    /**
     * The page a listing of lists, members, comments, activity or attachments asks for: {@code limit} and
     * {@code next}, as for tasks.
     */
    static PageRequest page(HttpRequest request) {
        String text = optional(request, ListingField.LIMIT);
        PageRequest first = PageRequest.first(text == null ? TaskListQuery.DEFAULT_LIMIT : digits(text));
        String token = optional(request, ListingField.PAGE_TOKEN);
        return token == null ? first : first.after(token);
    }

    private static Optional<TaskOrder> order(String sort) {
        return SORTS.entrySet().stream().filter(entry -> entry.getValue().equals(sort)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Digits only: no sign, no spaces, no exponent. Nine digits always fit an int; more cannot be in range anyway. */
    private static int digits(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Not a number at all: the domain's own rule for the range says what a limit must be.
            TaskListQuery.requireLimit(0);
        }
        return Integer.parseInt(text);
    }

    /** A parameter given at most once, or {@code null}. */
    private static String single(HttpRequest request, ListingField field) {
        List<String> values = request.query().get(NAMES.get(field));
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw BadRequestException.invalid(NAMES.get(field), "must be given at most once");
        }
        return values.get(0);
    }

    /** A parameter given at most once; an empty value counts as absent. */
    private static String optional(HttpRequest request, ListingField field) {
        String value = single(request, field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static <E extends Enum<E> & io.taskapi.domain.NamedValue> E named(
            HttpRequest request, ListingField field, java.util.function.Function<String, Optional<E>> parse,
            E[] constants) {
        String value = optional(request, field);
        if (value == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<E> parsed = Validation.named(field, value, parse, constants, errors);
        if (parsed.isEmpty()) {
            throw new ValidationException(errors);
        }
        return parsed.get();
    }
}
