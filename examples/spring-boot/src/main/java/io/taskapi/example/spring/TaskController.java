package io.taskapi.example.spring;

import io.taskapi.TaskDomain;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.NamedValue;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.ValidationException;
import io.taskapi.domain.VersionConflictException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own HTTP API over the domain: its JSON shapes, its mapping of wire strings to the domain's enums,
 * and its error answers are this example's choices, not the Task API's.
 */
@RestController
@RequestMapping("/tasks")
class TaskController {
    /** One user: a real application would take the owner from its authentication. */
    private static final OwnerId OWNER = new OwnerId("me");

    private final TaskService tasks;

    TaskController(TaskDomain domain) {
        this.tasks = domain.tasks();
    }

    /** {@code {"text": "...", "priority": "high", "status": "new"}}; priority and status may be left out. */
    record CreateTask(String text, String priority, String status) {
    }

    /** {@code {"status": "completed", "version": 2}}; with a version, only that version is changed. */
    record ChangeStatus(String status, Long version) {
    }

    record TaskView(String id, String text, String status, String priority, long version) {
        static TaskView of(Task task) {
            return new TaskView(task.id(), task.text(), task.status().value(), task.priority().value(), task.version());
        }
    }

    record TaskList(List<TaskView> items, String next) {
    }

    record ErrorView(String message, List<FieldErrorView> errors) {
    }

    record FieldErrorView(String field, String message) {
    }

    @PostMapping
    ResponseEntity<TaskView> create(@RequestBody CreateTask body) {
        List<FieldError> errors = new ArrayList<>();
        Optional<TaskStatus> status = parse(TaskField.STATUS, body.status(), TaskStatus.class, errors);
        Optional<TaskPriority> priority = parse(TaskField.PRIORITY, body.priority(), TaskPriority.class, errors);
        NewTask.Builder draft = NewTask.builder();
        Optional.ofNullable(body.text()).ifPresent(draft::text);
        status.ifPresent(draft::status);
        priority.ifPresent(draft::priority);
        NewTask request = null;
        try {
            request = draft.build();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors); // every offending field, in the domain's order of fields
        }
        Task task = tasks.create(OWNER, request);
        return ResponseEntity.created(URI.create("/tasks/" + task.id())).body(TaskView.of(task));
    }

    @GetMapping
    TaskList list() {
        var page = tasks.list(OWNER, TaskListQuery.firstPage());
        return new TaskList(page.items().stream().map(TaskView::of).toList(), page.next().orElse(null));
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable String id) {
        return TaskView.of(tasks.get(OWNER, id));
    }

    @PatchMapping("/{id}")
    TaskView changeStatus(@PathVariable String id, @RequestBody ChangeStatus body) {
        List<FieldError> errors = new ArrayList<>();
        Optional<TaskStatus> status = parse(TaskField.STATUS, body.status(), TaskStatus.class, errors);
        if (status.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError(TaskField.STATUS, "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        TaskChanges changes = TaskChanges.builder().status(status.get()).build();
        Task task = body.version() == null
                ? tasks.update(OWNER, id, changes)
                : tasks.update(OWNER, id, changes, body.version());
        return TaskView.of(task);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        tasks.delete(OWNER, id);
    }

    @ExceptionHandler(TaskNotFoundException.class)
    ResponseEntity<ErrorView> notFound(TaskNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorView("Task not found", List.of()));
    }

    @ExceptionHandler(VersionConflictException.class)
    ResponseEntity<ErrorView> conflict(VersionConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ErrorView("The task has changed since that version", List.of()));
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ErrorView> invalid(ValidationException e) {
        List<FieldErrorView> errors = e.errors().stream()
                .map(error -> new FieldErrorView(name(error.field().toString()), error.message()))
                .toList();
        return ResponseEntity.badRequest().body(new ErrorView("Validation failed", errors));
    }

    /**
     * The constant of {@code type} written as {@code value} ({@code in_progress} for {@code IN_PROGRESS}), empty when
     * no value was given; an unknown value adds an error on {@code field}.
     */
    private static <E extends Enum<E> & NamedValue> Optional<E> parse(TaskField field, String value, Class<E> type,
            List<FieldError> errors) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<E> constant = NamedValue.parse(type, value);
        if (constant.isEmpty()) {
            errors.add(new FieldError(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(NamedValue::value).collect(Collectors.joining(", "))));
        }
        return constant;
    }

    /** An enum constant's name as this API writes it: {@code IN_PROGRESS} is {@code in_progress}. */
    private static String name(String constant) {
        return constant.toLowerCase(Locale.ROOT);
    }
}
