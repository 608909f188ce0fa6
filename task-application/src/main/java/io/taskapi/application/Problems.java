package io.taskapi.application;

import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.LastOwnerException;
import io.taskapi.domain.NotFoundException;
import io.taskapi.domain.RoleRequiredException;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.ValidationException;
import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one renderer of errors: RFC 9457 problem details ({@code application/problem+json}) that keep the
 * {@code message} member first, where the API's first clients read it. Every problem has {@code type}
 * {@code about:blank}: the status is the problem type, {@code title} its reason phrase, and {@code detail} (equal to
 * {@code message}) the explanation. The core's failures, refused requests and the errors a front door's web server
 * raises before the core sees a request are all rendered here.
 */
public final class Problems {
    /** Seconds a client should wait before retrying when the store is unavailable. */
    static final String RETRY_AFTER_SECONDS = "1";

    static final String PROBLEM_JSON = "application/problem+json";

    /** The protection space every challenge names (RFC 9110 section 11.5). */
    static final String REALM = "tasks";

    /** Seconds to wait when a token cannot be verified now: long enough for the signing keys to be fetched again. */
    static final String VERIFICATION_RETRY_AFTER_SECONDS = "5";

    static final String VALIDATION_FAILED = "Validation failed";

    /** Reason phrases (RFC 9110) of the statuses the API and the web servers in front of it answer errors with. */
    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"),
            Map.entry(411, "Length Required"),
            Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(417, "Expectation Failed"),
            Map.entry(421, "Misdirected Request"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"));

    private Problems() {
    }

    /**
     * The answer to an error a web server raised before the core saw the request (headers too large, a malformed
     * request, a full queue): the status's reason phrase as message, nothing of the server's own text.
     */
    static HttpResponse forStatus(int status) {
        return problem(status, title(status), List.of());
    }

    /**
     * The answer to a request a front door refuses before the core can read it, such as an invocation that is not an
     * HTTP request at all.
     *
     * @param status  the HTTP status code
     * @param message what the client is told
     * @return the problem, without the headers the core adds to its own answers
     */
    public static HttpResponse forRequest(int status, String message) {
        return problem(status, message, List.of());
    }

    static HttpResponse of(TaskException failure) {
        if (failure instanceof ValidationException invalid) {
            List<Field> fields = new ArrayList<>();
            for (FieldError error : invalid.errors()) {
                fields.add(new Field(WireNames.of(error), error.message()));
            }
            return problem(400, VALIDATION_FAILED, fields);
        }
        if (failure instanceof NotFoundException) {
            return problem(404, failure.getMessage(), List.of());
        }
        if (failure instanceof RoleRequiredException) {
            return problem(403, failure.getMessage(), List.of());
        }
        if (failure instanceof VersionConflictException || failure instanceof TaskAlreadyExistsException
                || failure instanceof LastOwnerException || failure instanceof AttachmentConflictException) {
            return problem(409, failure.getMessage(), List.of());
        }
        if (failure instanceof StoreUnavailableException) {
            return withHeader(problem(503, failure.getMessage(), List.of()), "Retry-After", RETRY_AFTER_SECONDS);
        }
        throw new IllegalStateException("unmapped core failure " + failure.getClass().getName());
    }

    static HttpResponse of(BadRequestException failure) {
        HttpResponse response = problem(failure.status(), failure.getMessage(), failure.fields());
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

    /** The reason phrase of {@code status}; a status without one here is named by its class. */
    static String title(int status) {
        return TITLES.getOrDefault(status, status < 500 ? "Bad Request" : "Internal Server Error");
    }

    private static HttpResponse problem(int status, String message, List<Field> fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        JsonText json = new JsonText(256).beginObject()
                .name("message").value(message)
                .name("type").value("about:blank")
                .name("title").value(title(status))
                .name("status").value(status)
                .name("detail").value(message);
        if (!fields.isEmpty()) {
            json.name("errors").beginArray();
            for (Field field : fields) {
                json.beginObject().name("field").value(field.name()).name("message").value(field.message())
                        .endObject();
            }
            json.endArray();
        }
        return new HttpResponse(status, headers, json.endObject().toString());
    }

    private static HttpResponse withHeader(HttpResponse response, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new HttpResponse(response.status(), headers, response.body());
    }

    /**
     * One offending field of a refused request, as the client named it.
     *
     * @param name    the field as it appears on the wire, such as {@code due_date}, {@code tags[2]} or {@code limit}
     * @param message what is wrong with it
     */
    record Field(String name, String message) {
    }
}
