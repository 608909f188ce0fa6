package io.taskapi.lambda;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.taskapi.application.AuthMode;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.JsonText;
import io.taskapi.domain.OwnerId;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads API Gateway proxy events and writes proxy results, for both payload formats: 1.0 (REST APIs) and 2.0 (HTTP
 * APIs and function URLs). Works on Gson's tree and streaming APIs directly, so no reflection runs on the request path.
 */
final class ProxyEvents {
    private ProxyEvents() {
    }

    /**
     * Translates one event of either payload format; the two differ in where they keep the method, path, query and
     * headers, and their answers are the same.
     *
     * @param fallbackRequestId the Lambda request id, used when the event carries no API Gateway request id
     * @param auth              how callers are identified
     * @throws JsonParseException if the input is not a JSON object
     */
    static HttpRequest read(InputStream input, String fallbackRequestId, AuthMode auth) {
        return read(parse(input), fallbackRequestId, auth);
    }

    /**
     * The event as a JSON object.
     *
     * @throws JsonParseException if the input is not JSON
     * @throws IllegalStateException if it is JSON but not an object
     */
    static JsonObject parse(InputStream input) {
        return JsonParser.parseReader(new InputStreamReader(input, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /**
     * Whether the event is the maintenance schedule's: {@code {"source":"taskapi.maintenance"}}, the constant input
     * of the EventBridge rule Terraform defines, with no request context, so no client's request can look like it.
     */
    static boolean isMaintenance(JsonObject event) {
        return MAINTENANCE_SOURCE.equals(string(event, "source")) && !event.has("requestContext");
    }

    /** The {@code source} of the maintenance schedule's events. */
    static final String MAINTENANCE_SOURCE = "taskapi.maintenance";

    /** Translates one parsed event; see {@link #read(InputStream, String, AuthMode)}. */
    static HttpRequest read(JsonObject event, String fallbackRequestId, AuthMode auth) {
        JsonObject context = object(event, "requestContext");
        String requestId = string(context, "requestId");
        if (requestId == null) {
            requestId = fallbackRequestId != null ? fallbackRequestId : UUID.randomUUID().toString();
        }
        byte[] body = body(event);
        boolean v2 = "2.0".equals(string(event, "version"));
        Caller caller = caller(context, v2, auth);
        if (v2) {
            JsonObject http = object(context, "http");
            String rawPath = orDefault(string(event, "rawPath"), "/");
            String path = withoutStage(rawPath, string(context, "stage"));
            return HttpRequest.builder(orDefault(string(http, "method"), "GET"), path)
                    // Payload 2.0 joins repeated parameters with commas in its parsed map, which loses values that
                    // contain commas; the raw query string keeps every value.
                    .queryString(string(event, "rawQueryString"))
                    .headers(singleValued(object(event, "headers")))
                    .body(body)
                    .requestId(requestId)
                    .caller(caller)
                    .basePath(prefix(rawPath, path))
                    .build();
        }
        String path = orDefault(string(event, "path"), "/");
        return HttpRequest.builder(orDefault(string(event, "httpMethod"), "GET"), path)
                .query(multiOrSingle(object(event, "multiValueQueryStringParameters"),
                        object(event, "queryStringParameters")))
                .headers(multiOrSingle(object(event, "multiValueHeaders"), object(event, "headers")))
                .body(body)
                .requestId(requestId)
                .caller(caller)
                // A REST API's event path lacks the stage (or custom domain base path) the client's URL has; the
                // request context's path keeps it.
                .basePath(prefix(orDefault(string(context, "path"), path), path))
                .build();
    }

    /**
     * Who sent the event. With Cognito, the caller is the {@code sub} claim of the token API Gateway's authorizer
     * verified: a REST API's Cognito authorizer puts the claims in {@code requestContext.authorizer.claims}, an HTTP
     * API's JWT authorizer in {@code requestContext.authorizer.jwt.claims}. Nothing the client sends (headers, body,
     * query) can put anything there. An event without a subject reached the function past no authorizer, or past a
     * misconfigured one: it is refused, never served as a shared owner.
     */
    static Caller caller(JsonObject context, boolean v2, AuthMode auth) {
        if (auth == AuthMode.NONE) {
            return Caller.owner(OwnerId.SHARED);
        }
        JsonObject authorizer = object(context, "authorizer");
        JsonObject claims = v2 ? object(object(authorizer, "jwt"), "claims") : object(authorizer, "claims");
        String subject = string(claims, "sub");
        return subject == null || subject.isBlank() ? Caller.anonymous()
                : Caller.user(subject, Caller.nameOf(claim -> string(claims, claim)));
    }

    /** What {@code clientPath} has in front of {@code apiPath}, or empty when it is not such a prefix. */
    static String prefix(String clientPath, String apiPath) {
        if (clientPath.length() > apiPath.length() && clientPath.endsWith(apiPath)) {
            String prefix = clientPath.substring(0, clientPath.length() - apiPath.length());
            if (prefix.startsWith("/") && !prefix.endsWith("/") && apiPath.startsWith("/")) {
                return prefix;
            }
        }
        return "";
    }

    /** Writes the proxy result API Gateway turns into the HTTP response; both formats read the same four fields. */
    static void write(HttpResponse response, OutputStream output) throws IOException {
        JsonText head = new JsonText(512).beginObject()
                .name("statusCode").value(response.status())
                .name("headers").beginObject();
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.escapedName(header.getKey()).value(header.getValue());
        }
        head.endObject().name("isBase64Encoded").value(false).name("body");
        // The body goes last and its bytes are escaped directly, not through the writer: the object stays open here.
        output.write(head.toString().getBytes(StandardCharsets.UTF_8));
        output.write(jsonString(response.body().getBytes(StandardCharsets.UTF_8)));
        output.write('}');
    }

    /**
     * {@code utf8} as a JSON string, quotes included. The body is most of a proxy result and, being JSON itself, full
     * of quotes; escaping its UTF-8 bytes (bytes of multi-byte characters are never ASCII, so they pass through
     * unchanged) costs a fraction of escaping it character by character through a writer.
     */
    static byte[] jsonString(byte[] utf8) {
        int length = utf8.length + 2;
        for (byte b : utf8) {
            length += ESCAPE_EXTRA[b & 0xFF];
        }
        byte[] escaped = new byte[length];
        int at = 0;
        escaped[at++] = '"';
        for (byte b : utf8) {
            // One table read per byte: a JSON body has a quote every few bytes, and a chain of comparisons here
            // cost twice as much as the table (measured with JMH on a 25-task page).
            if (ESCAPE_EXTRA[b & 0xFF] == 0) {
                escaped[at++] = b;
                continue;
            }
            escaped[at++] = '\\';
            switch (b) {
                case '"', '\\' -> escaped[at++] = b;
                case '\n' -> escaped[at++] = 'n';
                case '\r' -> escaped[at++] = 'r';
                case '\t' -> escaped[at++] = 't';
                default -> {
                    escaped[at++] = 'u';
                    escaped[at++] = '0';
                    escaped[at++] = '0';
                    escaped[at++] = HEX[b >> 4];
                    escaped[at++] = HEX[b & 0xF];
                }
            }
        }
        escaped[at] = '"';
        return escaped;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * For each byte value, how many bytes escaping adds in a JSON string: 0, 1 for a quote, backslash, newline, carriage
     * return or tab, 5 for any other control character (written as backslash, {@code u} and four hex digits).
     */
    private static final byte[] ESCAPE_EXTRA = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            ESCAPE_EXTRA[b] = 5;
        }
        for (char c : new char[] {'"', '\\', '\n', '\r', '\t'}) {
            ESCAPE_EXTRA[c] = 1;
        }
    }

    /**
     * API Gateway sends REST API query parameters and headers twice, single- and multi-valued, and either may be null.
     * The multi-valued map is complete, so it wins.
     */
    private static Map<String, List<String>> multiOrSingle(JsonObject multi, JsonObject single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (multi != null) {
            for (Map.Entry<String, JsonElement> entry : multi.entrySet()) {
                List<String> list = new ArrayList<>();
                if (entry.getValue().isJsonArray()) {
                    for (JsonElement value : entry.getValue().getAsJsonArray()) {
                        if (value.isJsonPrimitive()) {
                            list.add(value.getAsString());
                        }
                    }
                }
                values.put(entry.getKey(), list);
            }
            return values;
        }
        return singleValued(single);
    }

    private static Map<String, List<String>> singleValued(JsonObject single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (single != null) {
            for (Map.Entry<String, JsonElement> entry : single.entrySet()) {
                if (entry.getValue().isJsonPrimitive()) {
                    values.put(entry.getKey(), List.of(entry.getValue().getAsString()));
                }
            }
        }
        return values;
    }

    /** HTTP APIs put a named stage in front of the path; the API's own paths start after it. */
    private static String withoutStage(String rawPath, String stage) {
        if (stage == null || stage.equals("$default")) {
            return rawPath;
        }
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    private static byte[] body(JsonObject event) {
        String body = string(event, "body");
        if (body == null) {
            return new byte[0];
        }
        JsonElement encoded = event.get("isBase64Encoded");
        if (encoded != null && encoded.isJsonPrimitive() && encoded.getAsBoolean()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                // API Gateway sends valid base64; anything else is treated as a body that is not UTF-8.
                return new byte[] {(byte) 0xFF};
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject object(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonElement value = parent.get(name);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    private static String string(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonElement value = parent.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
