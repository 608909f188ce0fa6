package io.taskapi.http;

import io.taskapi.domain.FieldError;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.ValidationException;
import io.taskapi.domain.VersionConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place that maps the core's failures to HTTP statuses and JSON error bodies. */
final class ErrorResponses {
    /** Seconds a client should wait before retrying when the store is unavailable. */
    static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {
    }

    static HttpResponse of(TaskException failure) {
        if (failure instanceof ValidationException invalid) {
            return json(400, invalid.getMessage(), invalid.errors());
        }
        if (failure instanceof TaskNotFoundException) {
            return json(404, failure.getMessage(), List.of());
        }
        if (failure instanceof VersionConflictException || failure instanceof TaskAlreadyExistsException) {
            return json(409, failure.getMessage(), List.of());
        }
        if (failure instanceof StoreUnavailableException) {
            HttpResponse response = json(503, failure.getMessage(), List.of());
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("Retry-After", RETRY_AFTER_SECONDS);
            return new HttpResponse(503, headers, response.body());
        }
        throw new IllegalStateException("unmapped core failure " + failure.getClass().getName());
    }

    static HttpResponse of(BadRequestException failure) {
        return json(failure.status(), failure.getMessage(), List.of());
    }

    static HttpResponse notFound() {
        return json(404, "Not found", List.of());
    }

    static HttpResponse methodNotAllowed(Route route) {
        HttpResponse response = json(405, "Method not allowed", List.of());
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Allow", route.allowedMethods());
        return new HttpResponse(405, headers, response.body());
    }

    static HttpResponse internalError() {
        return json(500, "Internal server error", List.of());
    }

    static HttpResponse json(int status, String message, List<FieldError> errors) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", TaskApi.JSON);
        return new HttpResponse(status, headers, TaskJson.error(message, errors));
    }
}
