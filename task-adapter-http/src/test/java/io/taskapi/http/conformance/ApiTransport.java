package io.taskapi.http.conformance;

import java.util.Map;

/** One way of serving the API under test: sends a request the way a client of that front door would. */
public interface ApiTransport extends AutoCloseable {

    /**
     * Sends one request.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the path with its raw query, for example {@code /tasks?limit=2}
     * @param headers      request headers; a value may hold several comma-separated values
     * @param body         the body bytes, or {@code null} for none
     */
    ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body);

    /**
     * What a client's URL has before the API's paths, such as an API Gateway stage ({@code /dev}); links the API
     * answers with ({@code Location}) start with it.
     */
    default String basePath() {
        return "";
    }

    @Override
    default void close() {
    }
}
