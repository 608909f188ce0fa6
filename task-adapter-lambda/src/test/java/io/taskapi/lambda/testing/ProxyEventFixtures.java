package io.taskapi.lambda.testing;

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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway's side of a Lambda proxy integration: the events it sends for a REST API (payload 1.0) and an HTTP API
 * (payload 2.0), and the HTTP response it makes of a function's result.
 *
 * <p>Shared with the deployment checks through this module's test-jar, which holds only this package: they load the
 * adapter from the packaged zip, as Lambda does, so nothing here may name a class of the adapter itself.
 */
public final class ProxyEventFixtures {
    /** The stage every event comes from; clients' URLs, and so the API's links, start with {@code /dev}. */
    public static final String STAGE = "dev";
    private static final String DOMAIN = "abc123xyz.execute-api.us-east-1.amazonaws.com";

    private ProxyEventFixtures() {
    }

    /** A REST API event for a {@code /{proxy+}} resource on {@link #STAGE}, on a method without an authorizer. */
    public static JsonObject restApiEvent(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return restApiEvent(method, pathAndQuery, headers, body, null);
    }

    /**
     * A REST API event for a {@code /{proxy+}} resource on {@link #STAGE}. With a {@code user}, the method has a
     * Cognito user pool authorizer that accepted that user's ID token: the request context carries the token's claims,
     * all as strings, the way API Gateway passes them.
     */
    public static JsonObject restApiEvent(
            String method, String pathAndQuery, Map<String, String> headers, byte[] body, String user) {
        String path = path(pathAndQuery);
        Map<String, List<String>> allHeaders = gatewayHeaders(headers, false);
        Map<String, List<String>> query = query(rawQuery(pathAndQuery));

        JsonObject event = new JsonObject();
        event.addProperty("resource", "/{proxy+}");
        event.addProperty("path", path);
        event.addProperty("httpMethod", method);
        event.add("headers", single(allHeaders));
        event.add("multiValueHeaders", multi(allHeaders));
        // API Gateway sends null, not an empty object, when the request has no query string.
        event.add("queryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : single(query));
        event.add("multiValueQueryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : multi(query));
        JsonObject pathParameters = new JsonObject();
        pathParameters.addProperty("proxy", path.length() > 1 ? path.substring(1) : "");
        event.add("pathParameters", pathParameters);
        event.add("stageVariables", JsonNull.INSTANCE);

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
        if (user != null) {
            JsonObject authorizer = new JsonObject();
            authorizer.add("claims", claims(user));
            context.add("authorizer", authorizer);
        }
        event.add("requestContext", context);
        addBody(event, body);
        return event;
    }

    /** An HTTP API event for the {@code $default} route on {@link #STAGE}, on a route without authorizer. */
    public static JsonObject httpApiEvent(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return httpApiEvent(method, pathAndQuery, headers, body, null);
    }

    /**
     * An HTTP API event for the {@code $default} route on {@link #STAGE}: the raw path carries the stage, headers are
     * lower-case with repeated values joined by commas, and the raw query string is kept as sent. With a {@code user},
     * the route has a JWT authorizer that accepted that user's token, whose claims the request context carries under
     * {@code authorizer.jwt}.
     */
    public static JsonObject httpApiEvent(
            String method, String pathAndQuery, Map<String, String> headers, byte[] body, String user) {
        String path = path(pathAndQuery);
        String rawQuery = rawQuery(pathAndQuery);
        Map<String, List<String>> query = query(rawQuery);

        JsonObject event = new JsonObject();
        event.addProperty("version", "2.0");
        event.addProperty("routeKey", "$default");
        event.addProperty("rawPath", "/" + STAGE + path);
        event.addProperty("rawQueryString", rawQuery == null ? "" : rawQuery);
        JsonObject joined = new JsonObject();
        gatewayHeaders(headers, true).forEach((name, values) -> joined.addProperty(name, String.join(",", values)));
        event.add("headers", joined);
        if (!query.isEmpty()) {
            JsonObject parameters = new JsonObject();
            query.forEach((name, values) -> parameters.addProperty(name, String.join(",", values)));
            event.add("queryStringParameters", parameters);
        }

        JsonObject http = new JsonObject();
        http.addProperty("method", method);
        http.addProperty("path", "/" + STAGE + path);
        http.addProperty("protocol", "HTTP/1.1");
        http.addProperty("sourceIp", "127.0.0.1");
        http.addProperty("userAgent", "conformance-suite");
        JsonObject context = new JsonObject();
        context.addProperty("accountId", "123456789012");
        context.addProperty("apiId", "abc123xyz");
        context.addProperty("domainName", DOMAIN);
        context.addProperty("domainPrefix", "abc123xyz");
        context.add("http", http);
        context.addProperty("requestId", UUID.randomUUID().toString());
        context.addProperty("routeKey", "$default");
        context.addProperty("stage", STAGE);
        context.addProperty("time", "26/Nov/2026:14:00:00 +0000");
        context.addProperty("timeEpoch", 1_795_701_600_000L);
        if (user != null) {
            JsonObject jwt = new JsonObject();
            jwt.add("claims", claims(user));
            jwt.add("scopes", JsonNull.INSTANCE);
            JsonObject authorizer = new JsonObject();
            authorizer.add("jwt", jwt);
            context.add("authorizer", authorizer);
        }
        event.add("requestContext", context);
        addBody(event, body);
        return event;
    }

    /** The claims of a Cognito ID token of {@code user}, whose subject is derived from the name, as strings. */
    public static JsonObject claims(String user) {
        JsonObject claims = new JsonObject();
        claims.addProperty("sub", subject(user));
        claims.addProperty("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1");
        claims.addProperty("aud", "example-app-client");
        claims.addProperty("token_use", "id");
        claims.addProperty("cognito:username", user);
        claims.addProperty("email", user + "@example.com");
        claims.addProperty("auth_time", "1795701500");
        claims.addProperty("exp", "Thu Nov 26 15:00:00 UTC 2026");
        claims.addProperty("iat", "Thu Nov 26 14:00:00 UTC 2026");
        return claims;
    }

    /** A Cognito-style subject (a UUID) that is always the same for one user name. */
    public static String subject(String user) {
        return UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * What a client receives once API Gateway has turned a function's proxy result (either payload format) into an
     * HTTP response: the status, the headers (multi-valued ones too) and the body, base64-decoded when so marked.
     */
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

    private static Map<String, List<String>> gatewayHeaders(Map<String, String> headers, boolean lowerCase) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of(DOMAIN));
        all.put("User-Agent", List.of("conformance-suite"));
        all.put("X-Amzn-Trace-Id", List.of("Root=1-5e9f1234-abcdef0123456789abcdef01"));
        all.put("X-Forwarded-For", List.of("127.0.0.1"));
        all.put("X-Forwarded-Port", List.of("443"));
        all.put("X-Forwarded-Proto", List.of("https"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        if (!lowerCase) {
            return all;
        }
        Map<String, List<String>> lower = new LinkedHashMap<>();
        all.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
        return lower;
    }

    private static void addBody(JsonObject event, byte[] body) {
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
    }

    private static String path(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }

    private static String rawQuery(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? null : pathAndQuery.substring(question + 1);
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
