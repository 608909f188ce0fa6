package io.taskapi.application.conformance;

import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TaskApi;
import io.taskapi.application.TestApplications;
import io.taskapi.domain.OwnerId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands conformance requests straight to a {@link TaskApi} in this JVM, as a front door would, with no network: either
 * as a front door without authentication (every request from {@link OwnerId#SHARED}) or as one that authenticated the
 * suite's user ({@link Caller#user}, or an anonymous caller for a request without credentials).
 */
public final class InProcessTransport implements ApiTransport {
    private final TaskApi api;
    private final boolean authenticates;
    private final Runnable reset;

    /**
     * @param api           the API to call
     * @param authenticates whether to send the suite's users as authenticated callers, or every request as the shared
     *                      owner
     * @param reset         empties the API's store
     */
    public InProcessTransport(TaskApi api, boolean authenticates, Runnable reset) {
        this.api = api;
        this.authenticates = authenticates;
        this.reset = reset;
    }

    /** A transport to an API on a store in memory. */
    public static InProcessTransport inMemory(boolean authenticates) {
        InMemoryTaskStore store = new InMemoryTaskStore();
        return new InProcessTransport(TestApplications.quiet(store).build().api(), authenticates, store::clear);
    }

    @Override
    public boolean authenticates() {
        return authenticates;
    }

    @Override
    public void reset() {
        reset.run();
    }

    @Override
    public ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    query.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
        }
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        ApiTransport.withoutUser(headers).forEach((name, value) -> requestHeaders.put(name, List.of(value)));
        String user = ApiTransport.userOf(headers);
        Caller caller = !authenticates ? Caller.owner(OwnerId.SHARED)
                : user == null ? Caller.anonymous() : Caller.user(user);
        HttpResponse response = api.handle(HttpRequest.builder(method, path).query(query).headers(requestHeaders)
                .body(body).requestId(UUID.randomUUID().toString()).caller(caller).build());
        return exchange(response);
    }

    /** A core response as a client sees it. */
    public static ApiExchange exchange(HttpResponse response) {
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> responseHeaders.put(name, List.of(value)));
        return new ApiExchange(response.status(), responseHeaders, response.body());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
