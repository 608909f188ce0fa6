package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.http.conformance.ApiExchange;
import io.taskapi.http.conformance.ApiTransport;
import java.io.ByteArrayOutputStream;
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
 * Plays API Gateway (REST API, Lambda proxy integration, payload 1.0) and the Lambda runtime: turns a request into the
 * event JSON API Gateway sends, deserialises it with the runtime's own serializer, invokes the handler, serialises the
 * result the same way and reads it back as API Gateway would.
 */
final class ApiGatewayRestTransport implements ApiTransport {
    private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS = LambdaEventSerializers.serializerFor(
            APIGatewayProxyRequestEvent.class, ApiGatewayRestTransport.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES = LambdaEventSerializers.serializerFor(
            APIGatewayProxyResponseEvent.class, ApiGatewayRestTransport.class.getClassLoader());

    private final TaskHandler handler;

    ApiGatewayRestTransport(TaskHandler handler) {
        this.handler = handler;
    }

    @Override
    public ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        String eventJson = event(method, pathAndQuery, headers, body).toString();
        APIGatewayProxyRequestEvent event = EVENTS.fromJson(eventJson);

        APIGatewayProxyResponseEvent result = handler.handleRequest(event, null);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(result, out);
        return asApiGatewayWould(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject(), method);
    }

    /** The event as API Gateway builds it for a `/{proxy+}` resource on stage `dev`. */
    static JsonObject event(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);

        Map<String, List<String>> allHeaders = new LinkedHashMap<>();
        allHeaders.put("Host", List.of("abc123xyz.execute-api.us-east-1.amazonaws.com"));
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
        Map<String, List<String>> query = query(rawQuery);
        event.add("queryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : single(query));
        event.add("multiValueQueryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : multi(query));
        JsonObject pathParameters = new JsonObject();
        pathParameters.addProperty("proxy", path.length() > 1 ? path.substring(1) : "");
        event.add("pathParameters", pathParameters);
        event.add("stageVariables", JsonNull.INSTANCE);
        event.add("requestContext", requestContext(method, path));
        if (body == null || body.length == 0) {
            event.add("body", JsonNull.INSTANCE);
            event.addProperty("isBase64Encoded", false);
        } else if (isUtf8(body)) {
            event.addProperty("body", new String(body, StandardCharsets.UTF_8));
            event.addProperty("isBase64Encoded", false);
        } else {
            event.addProperty("body", Base64.getEncoder().encodeToString(body));
            event.addProperty("isBase64Encoded", true);
        }
        return event;
    }

    private static JsonObject requestContext(String method, String path) {
        JsonObject identity = new JsonObject();
        identity.addProperty("sourceIp", "127.0.0.1");
        identity.addProperty("userAgent", "conformance-suite");
        JsonObject context = new JsonObject();
        context.addProperty("accountId", "123456789012");
        context.addProperty("apiId", "abc123xyz");
        context.addProperty("domainName", "abc123xyz.execute-api.us-east-1.amazonaws.com");
        context.addProperty("domainPrefix", "abc123xyz");
        context.addProperty("extendedRequestId", "Xyz0AFkVIAMFzLg=");
        context.addProperty("httpMethod", method);
        context.add("identity", identity);
        context.addProperty("path", "/dev" + path);
        context.addProperty("protocol", "HTTP/1.1");
        context.addProperty("requestId", UUID.randomUUID().toString());
        context.addProperty("requestTime", "26/Nov/2026:14:00:00 +0000");
        context.addProperty("requestTimeEpoch", 1_795_701_600_000L);
        context.addProperty("resourceId", "a1b2c3");
        context.addProperty("resourcePath", "/{proxy+}");
        context.addProperty("stage", "dev");
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
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
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

    /** What a client receives once API Gateway has turned the function's result into an HTTP response. */
    private static ApiExchange asApiGatewayWould(JsonObject result, String method) {
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
        if (result.has("isBase64Encoded") && result.get("isBase64Encoded").getAsBoolean()) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        if (method.equals("HEAD")) {
            text = "";
        }
        return new ApiExchange(result.get("statusCode").getAsInt(), headers, text);
    }
}
