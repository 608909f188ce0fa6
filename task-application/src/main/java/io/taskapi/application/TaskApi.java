package io.taskapi.application;

import io.taskapi.domain.NewTask;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.ValidationException;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.memory.InMemoryIdempotencyStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The task API over HTTP, independent of any server: routes a request to a use case and renders the result, errors and
 * CORS headers included. Every front door hands its requests here, so all of them answer byte for byte alike.
 */
public final class TaskApi {
    /** The largest request body accepted; a longer one is answered with 413 before it is parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TaskService tasks;
    private final CorsPolicy cors;
    private final RequestLog log;
    private final Idempotency idempotency;

    /** An API whose idempotency keys are kept in this process's memory: for a single local server or tests. */
    public TaskApi(TaskService tasks, CorsPolicy cors, RequestLog log) {
        this(tasks, cors, log, new Idempotency(new InMemoryIdempotencyStore(), Clock.systemUTC()));
    }

    public TaskApi(TaskService tasks, CorsPolicy cors, RequestLog log, Idempotency idempotency) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.log = Objects.requireNonNull(log, "log");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    }

    /** Answers one request. Never throws: every failure becomes a JSON error response. */
    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        Route route = Route.match(request.path());
        HttpResponse response = answer(route, request, () -> dispatch(route, request));
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        // Lets a client quote the id of a failed request so it can be found in the logs.
        headers.put("X-Request-Id", request.requestId());
        cors.addResponseHeaders(request, headers);
        String body = request.method().equals("HEAD") ? "" : response.body();
        HttpResponse finished = new HttpResponse(response.status(), headers, body);
        log.request(request, route, finished.status(), System.nanoTime() - started);
        return finished;
    }

    /** Runs {@code work} and turns every failure into its response; never throws. */
    private HttpResponse answer(Route route, HttpRequest request, Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException failure) {
            log.storeUnavailable(request, route, failure);
            return ErrorResponses.of(failure);
        } catch (TaskException failure) {
            return ErrorResponses.of(failure);
        } catch (BadRequestException failure) {
            return ErrorResponses.of(failure);
        } catch (RuntimeException failure) {
            log.failure(request, route, failure);
            return ErrorResponses.internalError();
        }
    }

    /** Runs a write once per {@code Idempotency-Key}, when the request carries one. */
    private HttpResponse idempotently(Route route, HttpRequest request, Supplier<HttpResponse> write) {
        Optional<String> key = Idempotency.key(request);
        if (key.isEmpty()) {
            return write.get();
        }
        return idempotency.run(request, key.get(), () -> answer(route, request, write));
    }

    private HttpResponse dispatch(Route route, HttpRequest request) {
        if (route == Route.UNKNOWN) {
            return ErrorResponses.notFound();
        }
        String method = request.method();
        if (!route.allows(method)) {
            return ErrorResponses.methodNotAllowed(route);
        }
        if (method.equals("OPTIONS")) {
            // Browsers send preflights without credentials; they reveal nothing but the route's methods.
            return preflight(route);
        }
        if (!(request.caller() instanceof Caller.Authenticated)) {
            return ErrorResponses.unauthenticated(request.caller());
        }
        if (route == Route.TASKS) {
            return method.equals("POST") ? idempotently(route, request, () -> create(request)) : list(request);
        }
        String id = Route.taskId(request.path());
        if (!Route.isWellFormedTaskId(id)) {
            throw new TaskNotFoundException();
        }
        return switch (method) {
            case "PUT" -> update(request, id);
            case "PATCH" -> idempotently(route, request, () -> patch(request, id));
            case "DELETE" -> delete(request, id);
            default -> read(request, id);
        };
    }

    private HttpResponse create(HttpRequest request) {
        TaskFields fields = readBody(request, JSON);
        Task task = tasks.create(request.owner(), NewTask.of(fields.task(), fields.status(), fields.priority(),
                fields.description(), fields.dueDate(), fields.tags()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Location", request.basePath() + "/tasks/" + task.id());
        headers.put("ETag", EntityTags.of(task.version()));
        return new HttpResponse(201, headers, TaskJson.created(task));
    }

    private HttpResponse read(HttpRequest request, String id) {
        Task task = tasks.get(request.owner(), id);
        Optional<EntityTags.Condition> noneMatch = EntityTags.parse(request, "If-None-Match");
        if (noneMatch.isPresent() && noneMatch.get().matchesWeakly(task.version())) {
            // The client's copy is current: RFC 9110 sends the tag again, and no body.
            return new HttpResponse(304, Map.of("ETag", EntityTags.of(task.version())), "");
        }
        return withTag(200, TaskJson.task(task), task);
    }

    private HttpResponse list(HttpRequest request) {
        String limitText = singleQueryValue(request, "limit");
        int limit = TaskListQuery.DEFAULT_LIMIT;
        if (limitText != null) {
            limit = parseLimit(limitText);
        }
        TaskFilter filter = TaskFilter.of(
                enumQueryValue(request, "status", TaskStatus::fromValue, "new, in_progress, completed, cancelled"),
                enumQueryValue(request, "priority", TaskPriority::fromValue, "low, medium, high, urgent"),
                optionalQueryValue(request, "tag"),
                optionalQueryValue(request, "due_before"),
                optionalQueryValue(request, "due_after"),
                optionalQueryValue(request, "sort"));
        String next = singleQueryValue(request, "next");
        return ok(200, TaskJson.page(tasks.list(request.owner(), new TaskListQuery(limit, filter, next))));
    }

    private HttpResponse update(HttpRequest request, String id) {
        TaskChanges changes = changes(readBody(request, JSON));
        Task updated = conditionally(request, id, expected -> tasks.update(request.owner(), id, changes, expected));
        return withTag(200, TaskJson.updated(updated), updated);
    }

    /** A JSON merge patch (RFC 7396): named fields change, {@code null} removes; answers the task itself. */
    private HttpResponse patch(HttpRequest request, String id) {
        TaskChanges changes = changes(readBody(request, MERGE_PATCH));
        Task updated = conditionally(request, id, expected -> tasks.update(request.owner(), id, changes, expected));
        return withTag(200, TaskJson.task(updated), updated);
    }

    private static TaskChanges changes(TaskFields fields) {
        TaskChanges.Builder changes = TaskChanges.builder()
                .text(fields.task()).status(fields.status()).priority(fields.priority())
                .description(fields.description()).dueDate(fields.dueDate()).tags(fields.tags());
        fields.nulls().forEach(changes::remove);
        return changes.build();
    }

    private HttpResponse delete(HttpRequest request, String id) {
        conditionally(request, id, expected -> {
            tasks.delete(request.owner(), id, expected);
            return null;
        });
        return ok(200, TaskJson.deleted(id));
    }

    /**
     * Runs a write under the request's {@code If-Match}, if any. The version it names is handed to the store, whose
     * conditional write enforces it, so two writers holding the same tag cannot both succeed. A list of several tags is
     * resolved to the current version first when it names it; the store then still checks that version on write.
     */
    private <T> T conditionally(HttpRequest request, String id, java.util.function.Function<Long, T> write) {
        Optional<EntityTags.Condition> ifMatch = EntityTags.parse(request, "If-Match");
        if (ifMatch.isEmpty() || ifMatch.get().any()) {
            // "*" asks only that the task exists, which every update and delete requires anyway.
            return write.apply(null);
        }
        List<Long> versions = ifMatch.get().strongVersions();
        Long expected;
        if (versions.size() == 1) {
            expected = versions.get(0);
        } else {
            long current = tasks.get(request.owner(), id).version();
            if (!versions.contains(current)) {
                throw preconditionFailed();
            }
            expected = current;
        }
        try {
            return write.apply(expected);
        } catch (VersionConflictException e) {
            throw preconditionFailed();
        }
    }

    private static BadRequestException preconditionFailed() {
        return new BadRequestException(412, "Task has changed since the version in If-Match; fetch it again");
    }

    private HttpResponse preflight(Route route) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Allow", route.allowedMethods());
        cors.addPreflightHeaders(route.allowedMethods(), headers);
        return new HttpResponse(204, headers, "");
    }

    /** Reads a body that must be of {@code mediaType}: {@code application/json}, or a merge patch for PATCH. */
    private static TaskFields readBody(HttpRequest request, String mediaType) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new BadRequestException(413, "Request body is too large (at most " + MAX_BODY_BYTES + " bytes)");
        }
        if (!isJson(request.header("Content-Type").orElse(""), mediaType)) {
            throw new BadRequestException(415, "Content-Type must be " + mediaType);
        }
        if (request.body().length == 0) {
            throw new BadRequestException(400, "Request body must be a JSON object");
        }
        return TaskJson.readTaskFields(request.body(), mediaType.equals(MERGE_PATCH));
    }

    /** {@code application/json}, optionally with a UTF-8 charset; JSON text is UTF-8 by definition (RFC 8259). */
    static boolean isJson(String contentType) {
        return isJson(contentType, JSON);
    }

    /** {@code mediaType}, a JSON type, optionally with a UTF-8 charset. */
    static boolean isJson(String contentType, String mediaType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(mediaType)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")
                    && (parameter.length < 2 || !isUtf8Name(parameter[1].trim().replace("\"", "")))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8Name(String charset) {
        return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }

    private static int parseLimit(String text) {
        // Digits only: no sign, no spaces, no exponent. Nine digits always fit an int; more cannot be in range anyway.
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ValidationException("limit", "must be an integer from 1 to " + TaskListQuery.MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    private static String singleQueryValue(HttpRequest request, String name) {
        List<String> values = request.query().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ValidationException(name, "must be given at most once");
        }
        return values.get(0);
    }

    /** A parameter given at most once; an empty value counts as absent. */
    private static String optionalQueryValue(HttpRequest request, String name) {
        String value = singleQueryValue(request, name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static <T> T enumQueryValue(
            HttpRequest request, String name, java.util.function.Function<String, java.util.Optional<T>> parse,
            String allowed) {
        String value = singleQueryValue(request, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        return parse.apply(value).orElseThrow(() -> new ValidationException(name, "must be one of: " + allowed));
    }

    private static HttpResponse ok(int status, String json) {
        return new HttpResponse(status, Map.of("Content-Type", JSON), json);
    }

    /** A response that represents {@code task}, tagged with its version. */
    private static HttpResponse withTag(int status, String json, Task task) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("ETag", EntityTags.of(task.version()));
        return new HttpResponse(status, headers, json);
    }
}
