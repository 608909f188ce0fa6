package io.taskapi.deployment;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.conformance.ApiExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway's side of a REST API Lambda proxy integration (payload 1.0), as infrastructure/ deploys it: the event it
 * sends for a request, and the HTTP response it makes of the function's result. Same shapes as the Lambda adapter's
 * own conformance transport, which lives in that module's tests.
 */
public final class ApiGatewayRestEvents {
    /** The stage every event comes from; clients' URLs, and so the API's links, start with {@code /dev}. */
    public static final String STAGE = "dev";
    private static final String DOMAIN = "abc123xyz.execute-api.us-east-1.amazonaws.com";

    private ApiGatewayRestEvents() {
    }

    /** The event for a request to a {@code /{proxy+}} resource on {@link #STAGE}, of a method without an authorizer. */
    public static JsonObject event(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return event(method, pathAndQuery, headers, body, null);
    }

    /**
     * The event for a request to a {@code /{proxy+}} resource on {@link #STAGE}. With a {@code subject}, the method has
     * the Cognito authorizer Terraform configures, which accepted an ID token of that user: the request context carries
     * the token's claims, as strings, where API Gateway puts them.
     */
    public static JsonObject event(
            String method, String pathAndQuery, Map<String, String> headers, byte[] body, String subject) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);

        Map<String, List<String>> allHeaders = new LinkedHashMap<>();
        allHeaders.put("Host", List.of(DOMAIN));
        allHeaders.put("User-Agent", List.of("conformance-suite"));
        allHeaders.put("X-Amzn-Trace-Id", List.of("Root=1-5e9f1234-abcdef0123456789abcdef01"));
        allHeaders.put("X-Forwarded-For", List.of("127.0.0.1"));
        allHeaders.put("X-Forwarded-Port", List.of("443"));
        allHeaders.put("X-Forwarded-Proto", List.of("https"));
        headers.forEach((name, value) -> allHeaders.put(name, List.of(value)));

        JsonObject event = new JsonObject();
        event.addProperty("resource", "/{proxy+}");
        event.addProperty("path", path);
        event.addProperty("httpMethod", method);
        event.add("headers", single(allHeaders));
        event.add("multiValueHeaders", multi(allHeaders));
        // API Gateway sends null, not an empty object, when the request has no query string.
        Map<String, List<String>> query = query(rawQuery);
        event.add("queryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : single(query));
        event.add("multiValueQueryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : multi(query));
        JsonObject pathParameters = new JsonObject();
        pathParameters.addProperty("proxy", path.length() > 1 ? path.substring(1) : "");
        event.add("pathParameters", pathParameters);
        event.add("stageVariables", JsonNull.INSTANCE);
        JsonObject context = requestContext(method, path);
        if (subject != null) {
            JsonObject claims = new JsonObject();
            claims.addProperty("sub", subject);
            claims.addProperty("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1");
            claims.addProperty("aud", "example-app-client");
            claims.addProperty("token_use", "id");
            claims.addProperty("exp", "Thu Nov 26 15:00:00 UTC 2026");
            JsonObject authorizer = new JsonObject();
            authorizer.add("claims", claims);
            context.add("authorizer", authorizer);
        }
        event.add("requestContext", context);
        if (body == null || body.length == 0) {
            event.add("body", JsonNull.INSTANCE);
            event.addProperty("isBase64Encoded", false);
        } else if (isUtf8(body)) {
            event.addProperty("body", new String(body, StandardCharsets.UTF_8));
            event.addProperty("isBase64Encoded", false);
        } else {
            // What API Gateway sends for bytes it cannot pass as text.
            event.addProperty("body", Base64.getEncoder().encodeToString(body));
            event.addProperty("isBase64Encoded", true);
        }
        return event;
    }

    /** What a client receives once API Gateway has turned the function's proxy result into an HTTP response. */
    public static ApiExchange response(String resultJson, String method) {
        JsonObject result = JsonParser.parseString(resultJson).getAsJsonObject();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonElement single = result.get("headers");
        if (single != null && single.isJsonObject()) {
            single.getAsJsonObject().entrySet()
                    .forEach(header -> headers.put(header.getKey(), List.of(header.getValue().getAsString())));
        }
        JsonElement multiple = result.get("multiValueHeaders");
        if (multiple != null && multiple.isJsonObject()) {
            multiple.getAsJsonObject().entrySet().forEach(header -> {
                List<String> values = new ArrayList<>();
                header.getValue().getAsJsonArray().forEach(value -> values.add(value.getAsString()));
                headers.put(header.getKey(), values);
            });
        }
        JsonElement body = result.get("body");
        String text = body == null || body.isJsonNull() ? "" : body.getAsString();
        JsonElement base64 = result.get("isBase64Encoded");
        if (base64 != null && !base64.isJsonNull() && base64.getAsBoolean()) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        return new ApiExchange(result.get("statusCode").getAsInt(), headers, method.equals("HEAD") ? "" : text);
    }

    /** What a client receives when the function fails instead of answering: API Gateway's own 502. */
    public static ApiExchange functionError() {
        return new ApiExchange(502, Map.of("Content-Type", List.of("application/json")),
                "{\"message\": \"Internal server error\"}");
    }

    private static JsonObject requestContext(String method, String path) {
        JsonObject identity = new JsonObject();
        identity.addProperty("sourceIp", "127.0.0.1");
        identity.addProperty("userAgent", "conformance-suite");
        JsonObject context = new JsonObject();
        context.addProperty("accountId", "123456789012");
        context.addProperty("apiId", "abc123xyz");
        context.addProperty("domainName", DOMAIN);
        context.addProperty("domainPrefix", "abc123xyz");
        context.addProperty("extendedRequestId", "Xyz0AFkVIAMFzLg=");
        context.addProperty("httpMethod", method);
        context.add("identity", identity);
        context.addProperty("path", "/" + STAGE + path);
        context.addProperty("protocol", "HTTP/1.1");
        context.addProperty("requestId", UUID.randomUUID().toString());
        context.addProperty("requestTime", "26/Nov/2026:14:00:00 +0000");
        context.addProperty("requestTimeEpoch", 1_795_701_600_000L);
        context.addProperty("resourceId", "a1b2c3");
        context.addProperty("resourcePath", "/{proxy+}");
        context.addProperty("stage", STAGE);
        return context;
    }

    /** API Gateway decodes the query string and keeps every value of a repeated parameter, in order. */
    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static JsonObject single(Map<String, List<String>> values) {
        JsonObject object = new JsonObject();
        values.forEach((name, list) -> object.addProperty(name, list.get(list.size() - 1)));
        return object;
    }

    private static JsonObject multi(Map<String, List<String>> values) {
        JsonObject object = new JsonObject();
        values.forEach((name, list) -> {
            JsonArray array = new JsonArray();
            list.forEach(array::add);
            object.add(name, array);
        });
        return object;
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
