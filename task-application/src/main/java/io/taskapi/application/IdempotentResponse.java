package io.taskapi.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a request, as its retries are answered: status, the headers that describe the result (such as
 * {@code Location} and {@code ETag}) and the body.
 */
public record IdempotentResponse(int status, Map<String, String> headers, String body) {
    /**
     * Copies the headers, keeping their order.
     *
     * @param status  the HTTP status code
     * @param headers the headers that describe the result, by name
     * @param body    the body text
     */
    public IdempotentResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }
}
