package io.taskapi.application;

import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.VersionConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The task operations over HTTP: each reads its request, runs one use case and renders its result. */
final class TaskEndpoints {
    private final TaskService tasks;

    TaskEndpoints(TaskService tasks) {
        this.tasks = tasks;
    }

    HttpResponse create(HttpRequest request) {
        Task task = tasks.create(request.owner(), TaskJson.newTask(JsonBodies.text(request, JsonBodies.JSON)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("Location", request.basePath() + "/tasks/" + task.id());
        headers.put("ETag", EntityTags.of(task.version()));
        return new HttpResponse(201, headers, TaskJson.created(task));
    }

    HttpResponse read(HttpRequest request, String id) {
        Task task = tasks.get(request.owner(), id);
        Optional<EntityTags.Condition> noneMatch = EntityTags.parse(request, "If-None-Match");
        if (noneMatch.isPresent() && noneMatch.get().matchesWeakly(task.version())) {
            // The client's copy is current: RFC 9110 sends the tag again, and no body.
            return new HttpResponse(304, Map.of("ETag", EntityTags.of(task.version())), "");
        }
        return tagged(TaskJson.task(task), task);
    }

    HttpResponse list(HttpRequest request) {
        return json(TaskJson.page(tasks.list(request.owner(), ListingQuery.parse(request))));
    }

    /** A full update: the fields named change, {@code null} removes an optional detail. */
    HttpResponse update(HttpRequest request, String id) {
        TaskChanges changes = TaskJson.changes(JsonBodies.text(request, JsonBodies.JSON), false);
        Task updated = conditionally(request, id, expected -> tasks.update(request.owner(), id, changes, expected));
        return tagged(TaskJson.updated(updated), updated);
    }

    /** A JSON merge patch (RFC 7396): named fields change, {@code null} removes; answers the task itself. */
    HttpResponse patch(HttpRequest request, String id) {
        TaskChanges changes = TaskJson.changes(JsonBodies.text(request, JsonBodies.MERGE_PATCH), true);
        Task updated = conditionally(request, id, expected -> tasks.update(request.owner(), id, changes, expected));
        return tagged(TaskJson.task(updated), updated);
    }

    HttpResponse delete(HttpRequest request, String id) {
        conditionally(request, id, expected -> {
            tasks.delete(request.owner(), id, expected);
            return null;
        });
        return json(TaskJson.deleted(id));
    }

    /**
     * Runs a write under the request's {@code If-Match}, if any. The version it names is handed to the store, whose
     * conditional write enforces it, so two writers holding the same tag cannot both succeed. A list of several tags is
     * resolved to the current version first when it names it; the store then still checks that version on write.
     */
    private <T> T conditionally(HttpRequest request, String id, VersionedWrite<T> write) {
        Optional<EntityTags.Condition> ifMatch = EntityTags.parse(request, "If-Match");
        if (ifMatch.isEmpty() || ifMatch.get().any()) {
            // "*" asks only that the task exists, which every update and delete requires anyway.
            return write.apply(null);
        }
        List<Long> versions = ifMatch.get().strongVersions();
        long expected;
        if (versions.size() == 1) {
            expected = versions.get(0);
        } else {
            expected = tasks.get(request.owner(), id).version();
            if (!versions.contains(expected)) {
                throw preconditionFailed();
            }
        }
        try {
            return write.apply(expected);
        } catch (VersionConflictException e) {
            throw preconditionFailed();
        }
    }

    /** A write that needs the version it was based on, or {@code null} for whatever version is current. */
    @FunctionalInterface
    private interface VersionedWrite<T> {
        T apply(Long expectedVersion);
    }

    private static BadRequestException preconditionFailed() {
        return new BadRequestException(412, "Task has changed since the version in If-Match; fetch it again");
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
