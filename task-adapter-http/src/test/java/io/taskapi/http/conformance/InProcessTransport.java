package io.taskapi.http.conformance;

import io.taskapi.domain.OwnerId;
import io.taskapi.http.HttpRequest;
import io.taskapi.http.HttpResponse;
import io.taskapi.http.TaskApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hands conformance requests straight to a {@link TaskApi} in this JVM, as a front door would, with no network. */
public final class InProcessTransport implements ApiTransport {
    private final TaskApi api;

    public InProcessTransport(TaskApi api) {
        this.api = api;
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
        headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
        HttpResponse response = api.handle(new HttpRequest(method, path, query, requestHeaders, body,
                UUID.randomUUID().toString(), OwnerId.SHARED));
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
