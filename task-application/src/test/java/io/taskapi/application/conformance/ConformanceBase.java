package io.taskapi.application.conformance;


import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every part of the conformance suite shares: one API per test class, emptied before each case, and requests that
 * are checked against the OpenAPI document whatever the case expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceBase {
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    static final Map<String, String> MERGE_PATCH = Map.of("Content-Type", "application/merge-patch+json");
    /** A second user, who must never see the default user's tasks when the API authenticates. */
    static final String BOB = "bob";

    ApiTransport api;

    /** A transport to a freshly started API; called once per test class. */
    protected abstract ApiTransport newTransport() throws Exception;

    @BeforeAll
    void startApi() throws Exception {
        api = newTransport();
    }

    @BeforeEach
    void emptyStore() {
        api.reset();
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    /** The exact problem details body of an error without field errors; {@code message} repeats {@code detail}. */
    static String problem(int status, String message) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            default -> throw new IllegalArgumentException("no title for " + status);
        };
        return "{\"message\":\"" + message + "\",\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + message + "\"}";
    }

    /** {@code headers} of a request sent by {@code user}; the empty name stands for a client without credentials. */
    static Map<String, String> as(String user, Map<String, String> headers) {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.put(ApiTransport.USER, user);
        return sent;
    }

    /** JSON content plus one more header. */
    static Map<String, String> headers(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(JSON);
        headers.put(name, value);
        return headers;
    }

    ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return sendBytes(method, pathAndQuery, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends through the transport and checks the answer against the OpenAPI document, whatever the test expects. */
    ApiExchange sendBytes(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        ApiExchange response = api.send(method, pathAndQuery, new LinkedHashMap<>(headers), body);
        OpenApiContract.check(method, pathAndQuery, response);
        return response;
    }

    static JsonObject json(ApiExchange response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    static List<String> ids(ApiExchange response) {
        List<String> ids = new ArrayList<>();
        json(response).getAsJsonArray("items").forEach(item -> ids.add(item.getAsJsonObject().get("id").getAsString()));
        return ids;
    }
}
