package io.taskapi.application;

import io.taskapi.domain.Actor;
import io.taskapi.domain.OwnerId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as every front door hands it to the core, free of any server or event type.
 *
 * @param method       the HTTP method, upper case
 * @param path         the request path without stage prefix or query, for example {@code /tasks/123}
 * @param query        query parameters with every value given, in order
 * @param headers      header values by name; names are matched case-insensitively
 * @param body         the raw body bytes, empty when there is none or when it was too large to keep
 * @param bodyTooLarge whether the body was over {@link #MAX_BODY_BYTES}; such a body is refused with 413 unread, so a
 *                     front door need not read more than one byte past the limit
 * @param requestId    an id for this request, for logs and for the client
 * @param caller       who sent the request, as the front door authenticated it; only an authenticated caller reaches a
 *                     task, and its owner is the only identity the core uses
 * @param basePath     what the client's URL has before {@code path}, such as an API Gateway stage ({@code /dev}), or
 *                     empty; links the API hands out ({@code Location}) start with it, so they resolve for the client
 */
public record HttpRequest(
        String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
        boolean bodyTooLarge, String requestId, Caller caller, String basePath) {

    /** The largest request body accepted; a longer one is answered with 413 before it is parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final byte[] NO_BODY = new byte[0];

    /**
     * Requires a method, path, id and caller; copies the rest, and keeps no body over {@link #MAX_BODY_BYTES}.
     *
     * @param method       the HTTP method, upper case
     * @param path         the request path without stage prefix or query
     * @param query        query parameters with every value given, in order, or {@code null} for none
     * @param headers      header values by name, or {@code null} for none
     * @param body         the raw body bytes, or {@code null} for none
     * @param bodyTooLarge whether the body was over {@link #MAX_BODY_BYTES}
     * @param requestId    an id for this request
     * @param caller       who sent the request
     * @param basePath     what the client's URL has before {@code path}, or {@code null} for nothing
     */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        Map<String, List<String>> queryCopy = new LinkedHashMap<>();
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
                        List<String> merged = new ArrayList<>(a);
                        merged.addAll(b);
                        return List.copyOf(merged);
                    });
                }
            });
        }
        headers = Collections.unmodifiableMap(caseInsensitive);
        if (body == null) {
            body = NO_BODY;
        } else if (body.length > MAX_BODY_BYTES) {
            bodyTooLarge = true;
        }
        if (bodyTooLarge) {
            body = NO_BODY;
        }
        basePath = basePath == null ? "" : basePath;
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("a base path is empty or starts but does not end with /");
        }
    }

    /**
     * A request to build: method and path now, the rest as the front door learns it.
     *
     * @param method the HTTP method, upper case
     * @param path   the request path without stage prefix or query
     * @return the builder
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * The owner whose tasks the request acts on.
     *
     * @return the caller's personal owner
     * @throws IllegalStateException if the caller is not authenticated; the core answers such requests before it
     *                               looks for an owner
     */
    public OwnerId owner() {
        return actor().personal();
    }

    /**
     * The user the request acts as.
     *
     * @return the authenticated caller's actor
     * @throws IllegalStateException if the caller is not authenticated; the core answers such requests before it
     *                               looks for a user
     */
    public Actor actor() {
        if (caller instanceof Caller.Authenticated authenticated) {
            return authenticated.actor();
        }
        throw new IllegalStateException("an unauthenticated request has no user");
    }

    /**
     * The first value of a header, if the request has it.
     *
     * @param name the header's name, in any case
     * @return the first value, or empty
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Collects a request's parts; unset parts are empty, and {@link #build()} requires an id and a caller. */
    public static final class Builder {
        private final String method;
        private final String path;
        private Map<String, List<String>> query;
        private Map<String, List<String>> headers;
        private byte[] body;
        private boolean bodyTooLarge;
        private String requestId;
        private Caller caller;
        private String basePath;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /**
         * The query parameters.
         *
         * @param value every value of each parameter, in order
         * @return this builder
         */
        public Builder query(Map<String, List<String>> value) {
            query = value;
            return this;
        }

        /**
         * The query parameters, from a query string as the client sent it ({@code a=1&b=2}, without the {@code ?}).
         * Every front door that is given the raw string decodes it here, by one rule: pairs split at {@code &} (empty
         * ones skipped) and at their first {@code =} (a name alone has the value {@code ""}), each part decoded as
         * UTF-8 form data, and a malformed escape such as {@code %zz} kept as written, so that the API judges the
         * value it lands in as it judges any other.
         *
         * @param raw the query string, or {@code null} for none
         * @return this builder
         */
        public Builder queryString(String raw) {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
                    parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            return query(parameters);
        }

        private static String decoded(String part) {
            try {
                return URLDecoder.decode(part, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return part;
            }
        }

        /**
         * The headers.
         *
         * @param value the values of each header by name
         * @return this builder
         */
        public Builder headers(Map<String, List<String>> value) {
            headers = value;
            return this;
        }

        /**
         * The body.
         *
         * @param value the raw bytes
         * @return this builder
         */
        public Builder body(byte[] value) {
            body = value;
            return this;
        }

        /**
         * The body was longer than {@link #MAX_BODY_BYTES}, so the front door stopped reading it.
         *
         * @return this builder
         */
        public Builder bodyTooLarge() {
            bodyTooLarge = true;
            return this;
        }

        /**
         * The request's id.
         *
         * @param value an id for logs and for the client
         * @return this builder
         */
        public Builder requestId(String value) {
            requestId = value;
            return this;
        }

        /**
         * Who sent the request.
         *
         * @param value the caller as the front door authenticated it
         * @return this builder
         */
        public Builder caller(Caller value) {
            caller = value;
            return this;
        }

        /**
         * What the client's URL has before the path.
         *
         * @param value such as an API Gateway stage ({@code /dev}), or empty
         * @return this builder
         */
        public Builder basePath(String value) {
            basePath = value;
            return this;
        }

        /**
         * The request of the parts collected.
         *
         * @return the request
         */
        public HttpRequest build() {
            return new HttpRequest(method, path, query, headers, body, bodyTooLarge, requestId, caller, basePath);
        }
    }
}
