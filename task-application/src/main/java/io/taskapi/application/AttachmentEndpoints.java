package io.taskapi.application;

import io.taskapi.domain.AttachmentNotFoundException;
import io.taskapi.domain.AttachmentService;
import io.taskapi.domain.AttachmentUpload;
import io.taskapi.domain.TaskService;
import java.util.LinkedHashMap;
import java.util.Map;

/** A task's attachments over HTTP: each operation reads its request, runs one use case and renders its result. */
final class AttachmentEndpoints {
    private final TaskService tasks;
    private final AttachmentService attachments;

    AttachmentEndpoints(TaskService tasks, AttachmentService attachments) {
        this.tasks = tasks;
        this.attachments = attachments;
    }

    HttpResponse attach(HttpRequest request, String taskId) {
        AttachmentUpload created = attachments.attach(request.actor(), taskId, AttachmentJson.newAttachment(
                JsonBodies.text(request, JsonBodies.JSON), attachments.limits()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JsonBodies.JSON);
        headers.put("Location", request.basePath() + "/tasks/" + taskId + "/attachments/"
                + created.attachment().id());
        return new HttpResponse(201, headers, AttachmentJson.created(created));
    }

    HttpResponse list(HttpRequest request, String taskId) {
        return json(AttachmentJson.page(attachments.list(request.actor(), taskId, ListingQuery.page(request))));
    }

    HttpResponse read(HttpRequest request, String taskId, String attachmentId) {
        return json(AttachmentJson.withDownload(attachments.get(request.actor(), taskId, known(request, taskId,
                attachmentId))));
    }

    HttpResponse complete(HttpRequest request, String taskId, String attachmentId) {
        return json(AttachmentJson.attachment(attachments.complete(request.actor(), taskId, known(request, taskId,
                attachmentId))));
    }

    HttpResponse delete(HttpRequest request, String taskId, String attachmentId) {
        attachments.delete(request.actor(), taskId, known(request, taskId, attachmentId));
        return json(AttachmentJson.deleted(attachmentId));
    }

    /**
     * An attachment id that can be one this API issued; no attachment has any other, though whoever cannot read the
     * task still learns only that the task is missing.
     */
    private String known(HttpRequest request, String taskId, String attachmentId) {
        if (!Route.isWellFormedId(attachmentId)) {
            tasks.get(request.actor(), taskId);
            throw new AttachmentNotFoundException();
        }
        return attachmentId;
    }

    private static HttpResponse json(String body) {
        return new HttpResponse(200, Map.of("Content-Type", JsonBodies.JSON), body);
    }
}
