package io.taskapi.application;

import io.taskapi.domain.Comment;
import io.taskapi.domain.CommentNotFoundException;
import io.taskapi.domain.CommentService;
import io.taskapi.domain.TaskService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's comments and activity over HTTP: each operation reads its request, runs one use case and renders its
 * result.
 */
final class HistoryEndpoints {
    private final TaskService tasks;
    private final CommentService comments;

    HistoryEndpoints(TaskService tasks, CommentService comments) {
        this.tasks = tasks;
        this.comments = comments;
    }

    HttpResponse post(HttpRequest request, String taskId) {
        String text = HistoryJson.commentText(JsonBodies.text(request, JsonBodies.JSON));
        Comment comment = comments.post(request.actor(), taskId, text);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("Location", request.basePath() + "/tasks/" + taskId + "/comments/" + comment.id());
        return new HttpResponse(201, headers, HistoryJson.comment(comment));
    }

    HttpResponse comments(HttpRequest request, String taskId) {
        return json(HistoryJson.comments(comments.list(request.actor(), taskId, ListingQuery.page(request))));
    }

    HttpResponse deleteComment(HttpRequest request, String taskId, String commentId) {
        if (!Route.isWellFormedId(commentId)) {
            // No comment has such an id; whoever cannot read the task still learns only that the task is missing.
            tasks.get(request.actor(), taskId);
            throw new CommentNotFoundException();
        }
        comments.delete(request.actor(), taskId, commentId);
        return json(HistoryJson.commentDeleted(commentId));
    }

    HttpResponse activity(HttpRequest request, String taskId) {
        return json(HistoryJson.activity(tasks.activity(request.actor(), taskId, ListingQuery.page(request))));
    }

    private static HttpResponse json(String body) {
        return new HttpResponse(200, Map.of("Content-Type", JsonBodies.JSON), body);
    }
}
