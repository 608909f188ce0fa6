package io.taskapi.application;

import io.taskapi.domain.OwnerId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as every front door hands it to the core, free of any server or event type.
 *
 * @param method    the HTTP method, upper case
 * @param path      the request path without stage prefix or query, for example {@code /tasks/123}
 * @param query     query parameters with every value given, in order
 * @param headers   header values by name; names are matched case-insensitively
 * @param body      the raw body bytes, empty when there is none; at most {@link TaskApi#MAX_BODY_BYTES} plus one
 * @param requestId an id for this request, for logs and for the client
 * @param caller    who sent the request, as the front door authenticated it; only an authenticated caller reaches a
 *                  task, and its owner is the only identity the core uses
 * @param basePath  what the client's URL has before {@code path}, such as an API Gateway stage ({@code /dev}), or empty;
 *                  links the API hands out ({@code Location}) start with it so that they resolve for the client
 */
public record HttpRequest(
        String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
        String requestId, Caller caller, String basePath) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        Map<String, List<String>> queryCopy = new java.util.LinkedHashMap<>();
        if (query != null) {
            query.forEach((name, values) -> {
                if (name != null && values != null) {
                    queryCopy.put(name, List.copyOf(values));
                }
            });
        }
        query = Collections.unmodifiableMap(queryCopy);
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    caseInsensitive.merge(name, List.copyOf(values), (a, b) -> {
                        List<String> merged = new java.util.ArrayList<>(a);
                        merged.addAll(b);
                        return List.copyOf(merged);
                    });
                }
            });
        }
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body == null ? new byte[0] : body;
        basePath = basePath == null ? "" : basePath;
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("a base path is empty or starts but does not end with /");
        }
    }

    /** A request of an authenticated caller acting on the tasks of {@code owner}. */
    public HttpRequest(
            String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
            String requestId, OwnerId owner, String basePath) {
        this(method, path, query, headers, body, requestId, Caller.owner(owner), basePath);
    }

    /** A request whose path is the whole path of the client's URL. */
    public HttpRequest(
            String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
            String requestId, Caller caller) {
        this(method, path, query, headers, body, requestId, caller, "");
    }

    /** A request of an authenticated caller acting on the tasks of {@code owner}, on the whole path of the URL. */
    public HttpRequest(
            String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
            String requestId, OwnerId owner) {
        this(method, path, query, headers, body, requestId, Caller.owner(owner), "");
    }

    /**
     * The owner whose tasks the request acts on.
     *
     * @throws IllegalStateException if the caller is not authenticated; the core answers such requests before it
     *                               looks for an owner
     */
    public OwnerId owner() {
        if (caller instanceof Caller.Authenticated authenticated) {
            return authenticated.owner();
        }
        throw new IllegalStateException("an unauthenticated request has no owner");
    }

    /** The first value of a header, if the request has it. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
