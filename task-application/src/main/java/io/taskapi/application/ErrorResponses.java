package io.taskapi.application;

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

/**
 * The one place that maps the core's failures to HTTP statuses and error bodies: RFC 9457 problem details
 * ({@code application/problem+json}) that keep the seed's {@code message} member first, so its clients read them as
 * before. Every problem has {@code type} {@code about:blank}: the status is the problem type, {@code title} its reason
 * phrase, and {@code detail} (equal to {@code message}) the explanation.
 */
final class ErrorResponses {
    /** Seconds a client should wait before retrying when the store is unavailable. */
    static final String RETRY_AFTER_SECONDS = "1";

    static final String PROBLEM_JSON = "application/problem+json";

    /** The protection space every challenge names (RFC 9110 section 11.5). */
    static final String REALM = "tasks";

    /** Seconds to wait when a token cannot be verified now: long enough for the signing keys to be fetched again. */
    static final String VERIFICATION_RETRY_AFTER_SECONDS = "5";

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"),
            Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private ErrorResponses() {
    }

    static HttpResponse of(TaskException failure) {
        if (failure instanceof ValidationException invalid) {
            return problem(400, invalid.getMessage(), invalid.errors());
        }
        if (failure instanceof TaskNotFoundException) {
            return problem(404, failure.getMessage(), List.of());
        }
        if (failure instanceof VersionConflictException || failure instanceof TaskAlreadyExistsException) {
            return problem(409, failure.getMessage(), List.of());
        }
        if (failure instanceof StoreUnavailableException) {
            return withHeader(problem(503, failure.getMessage(), List.of()), "Retry-After", RETRY_AFTER_SECONDS);
        }
        throw new IllegalStateException("unmapped core failure " + failure.getClass().getName());
    }

    static HttpResponse of(BadRequestException failure) {
        HttpResponse response = problem(failure.status(), failure.getMessage(), List.of());
        for (Map.Entry<String, String> header : failure.headers().entrySet()) {
            response = withHeader(response, header.getKey(), header.getValue());
        }
        return response;
    }

    /**
     * The answer to a request whose caller is not authenticated: 401 with a bearer challenge (RFC 6750), which names
     * {@code invalid_token} when credentials were sent and failed, and nothing more of why; or 503 when the credentials
     * cannot be verified now.
     */
    static HttpResponse unauthenticated(Caller caller) {
        if (caller instanceof Caller.Unverifiable) {
            return withHeader(problem(503, "The access token cannot be verified right now; retry later", List.of()),
                    "Retry-After", VERIFICATION_RETRY_AFTER_SECONDS);
        }
        if (caller instanceof Caller.Rejected) {
            return withHeader(problem(401, "The access token is invalid or has expired", List.of()),
                    "WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        }
        if (caller instanceof Caller.Anonymous) {
            return withHeader(problem(401, "Authentication required: send a bearer token in the Authorization header",
                    List.of()), "WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        }
        throw new IllegalStateException("an authenticated caller is not refused");
    }

    static HttpResponse notFound() {
        return problem(404, "Not found", List.of());
    }

    static HttpResponse methodNotAllowed(Route route) {
        return withHeader(problem(405, "Method not allowed", List.of()), "Allow", route.allowedMethods());
    }

    static HttpResponse internalError() {
        return problem(500, "Internal server error", List.of());
    }

    static HttpResponse problem(int status, String message, List<FieldError> errors) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        return new HttpResponse(status, headers, TaskJson.problem(status, title(status), message, errors));
    }

    /** The reason phrase of a status this API answers with. */
    static String title(int status) {
        String title = TITLES.get(status);
        if (title == null) {
            throw new IllegalArgumentException("no problem title for status " + status);
        }
        return title;
    }

    private static HttpResponse withHeader(HttpResponse response, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new HttpResponse(response.status(), headers, response.body());
    }
}
