package io.taskapi.application;

import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** The task operations over HTTP: each reads its request, runs one use case and renders its result. */
final class TaskEndpoints {
    private final TaskService tasks;

    TaskEndpoints(TaskService tasks) {
        this.tasks = tasks;
    }

    HttpResponse create(HttpRequest request) {
        NewTask newTask = TaskJson.newTask(JsonBodies.text(request, JsonBodies.JSON));
        newTask.listId().ifPresent(TaskEndpoints::requireListIdShape);
        Task task = tasks.create(request.actor(), newTask);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("Location", request.basePath() + "/tasks/" + task.id());
        headers.put("ETag", EntityTags.of(task.version()));
        return new HttpResponse(201, headers, TaskJson.created(task));
    }

    HttpResponse read(HttpRequest request, String id) {
        Task task = tasks.get(request.actor(), id);
        Optional<EntityTags.Condition> noneMatch = EntityTags.parse(request, "If-None-Match");
        if (noneMatch.isPresent() && noneMatch.get().matchesWeakly(task.version())) {
            // The client's copy is current: RFC 9110 sends the tag again, and no body.
            return new HttpResponse(304, Map.of("ETag", EntityTags.of(task.version())), "");
        }
        return tagged(TaskJson.task(task), task);
    }

    HttpResponse list(HttpRequest request) {
        return json(TaskJson.page(tasks.list(request.actor(), ListingQuery.parse(request))));
    }

    /** A full update: the fields named change, {@code null} removes an optional detail. */
    HttpResponse update(HttpRequest request, String id) {
        TaskChanges changes = TaskJson.changes(JsonBodies.text(request, JsonBodies.JSON), false);
        changes.listId().ifPresent(TaskEndpoints::requireListIdShape);
        Task updated = conditionally(request, id, () -> tasks.update(request.actor(), id, changes),
                expected -> tasks.update(request.actor(), id, changes, expected));
        return tagged(TaskJson.updated(updated), updated);
    }

    /** A JSON merge patch (RFC 7396): named fields change, {@code null} removes; answers the task itself. */
    HttpResponse patch(HttpRequest request, String id) {
        TaskChanges changes = TaskJson.changes(JsonBodies.text(request, JsonBodies.MERGE_PATCH), true);
        changes.listId().ifPresent(TaskEndpoints::requireListIdShape);
        Task updated = conditionally(request, id, () -> tasks.update(request.actor(), id, changes),
                expected -> tasks.update(request.actor(), id, changes, expected));
        return tagged(TaskJson.task(updated), updated);
    }

    HttpResponse delete(HttpRequest request, String id) {
        conditionally(request, id, () -> {
            tasks.delete(request.actor(), id);
            return null;
        }, expected -> {
            tasks.delete(request.actor(), id, expected);
            return null;
        });
        return json(TaskJson.deleted(id));
    }

    private <T> T conditionally(HttpRequest request, String id, Supplier<T> anyVersion, LongFunction<T> atVersion) {
        return EntityTags.conditionally(request, () -> tasks.get(request.actor(), id).version(), "Task", anyVersion,
                atVersion);
    }

    /** A list id that cannot be one this API issued names no list: not found, like a list the caller is not in. */
    private static void requireListIdShape(String listId) {
        if (listId != null && !Route.isWellFormedId(listId)) {
            throw new ListNotFoundException();
        }
    }

    private static HttpResponse json(String body) {
        return new HttpResponse(200, Map.of("Content-Type", JsonBodies.JSON), body);
    }

    /** A 200 that represents {@code task}, tagged with its version. */
    private static HttpResponse tagged(String body, Task task) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("ETag", EntityTags.of(task.version()));
        return new HttpResponse(200, headers, body);
    }
}
