package io.taskapi.application.conformance;

import io.taskapi.domain.OwnerId;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
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

    /** A front door without authentication. */
    public InProcessTransport(TaskApi api) {
        this(api, false);
    }

    private InProcessTransport(TaskApi api, boolean authenticates) {
        this.api = api;
        this.authenticates = authenticates;
    }

    /** A front door that authenticates each request as the suite's user. */
    public static InProcessTransport authenticating(TaskApi api) {
        return new InProcessTransport(api, true);
    }

    @Override
    public boolean authenticates() {
        return authenticates;
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
                    query.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
        }
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        ApiTransport.withoutUser(headers).forEach((name, value) -> requestHeaders.put(name, List.of(value)));
        String user = ApiTransport.userOf(headers);
        Caller caller = !authenticates ? Caller.owner(OwnerId.SHARED)
                : user == null ? Caller.anonymous() : Caller.user(user);
        HttpResponse response = api.handle(new HttpRequest(method, path, query, requestHeaders, body,
                UUID.randomUUID().toString(), caller));
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
