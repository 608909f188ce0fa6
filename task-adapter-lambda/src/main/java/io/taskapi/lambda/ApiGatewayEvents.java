package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.taskapi.domain.OwnerId;
import io.taskapi.http.HttpRequest;
import io.taskapi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Translation between API Gateway REST proxy events and the core's HTTP-neutral request and response. */
final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    static HttpRequest toRequest(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
        return new HttpRequest(
                event.getHttpMethod() == null ? "GET" : event.getHttpMethod(),
                event.getPath() == null ? "/" : event.getPath(),
                values(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters()),
                values(event.getMultiValueHeaders(), event.getHeaders()),
                body(event),
                requestId(event, fallbackRequestId),
                OwnerId.SHARED);
    }

    static APIGatewayProxyResponseEvent toResponseEvent(HttpResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    /**
     * API Gateway sends each map twice, single- and multi-valued, and either may be null. The multi-valued one is
     * complete, so it wins.
     */
    private static Map<String, List<String>> values(Map<String, List<String>> multi, Map<String, String> single) {
        if (multi != null) {
            return multi;
        }
        Map<String, List<String>> values = new HashMap<>();
        if (single != null) {
            single.forEach((name, value) -> values.put(name, List.of(value)));
        }
        return values;
    }

    private static byte[] body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                // API Gateway does not send malformed base64; if something does, the body is treated as unreadable.
                return new byte[] {(byte) 0xFF};
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String requestId(APIGatewayProxyRequestEvent event, String fallback) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return fallback != null ? fallback : UUID.randomUUID().toString();
    }
}
