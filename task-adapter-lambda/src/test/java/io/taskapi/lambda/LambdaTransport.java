package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.google.gson.JsonObject;
import io.taskapi.application.AuthMode;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.testing.SharedDynalite;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaComponent;
import io.taskapi.lambda.di.LambdaSettings;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays API Gateway and the Lambda runtime: turns a request into the proxy event API Gateway sends (REST API payload
 * 1.0 or HTTP API payload 2.0), invokes the handler with its bytes, and reads the result back as API Gateway would.
 *
 * <p>Both directions also go through AWS's own event types with the runtime's serializer, so an event this transport
 * builds is one AWS defines and a result the handler writes is one the runtime accepts.
 */
final class LambdaTransport implements ApiTransport {
    /** The front door whose events are sent. */
    enum Format { REST_API, HTTP_API }

    private static final ClassLoader LOADER = LambdaTransport.class.getClassLoader();

    private final TaskApplication application;
    private final TaskHandler handler;
    private final Format format;
    private final boolean authorizer;
    private final Runnable reset;

    /**
     * Events for a handler serving {@code application}. With {@link AuthMode#JWT} the API's methods have an
     * authorizer: each request of the suite's user carries that user's claims in its request context, as API Gateway
     * adds them after checking the token, and a request without credentials carries none (what a function behind a
     * misconfigured gateway would get). With {@link AuthMode#NONE} they have none, and the function serves one shared
     * owner.
     *
     * @param reset empties the application's store, as a fresh start would
     */
    LambdaTransport(TaskApplication application, AuthMode auth, Format format, Runnable reset) {
        this.application = application;
        this.handler = new TaskHandler(application, auth);
        this.format = format;
        this.authorizer = auth == AuthMode.JWT;
        this.reset = reset;
    }

    @Override
    public void reset() {
        reset.run();
    }

    /** Releases the store's connections, as the end of an execution environment would. */
    @Override
    public void close() {
        application.store().close();
    }

    @Override
    public boolean authenticates() {
        return authorizer;
    }

    /** Both kinds of event come from stage {@code dev}, which the client's URL therefore starts with. */
    @Override
    public String basePath() {
        return "/" + ProxyEventFixtures.STAGE;
    }

    @Override
    public ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        String user = authorizer ? ApiTransport.userOf(headers) : null;
        Map<String, String> sent = ApiTransport.withoutUser(headers);
        if (user != null) {
            // The gateway passes the token on; the function never reads it, only the claims the authorizer added.
            sent.put("Authorization", "Bearer eyJraWQiOiJleGFtcGxlIiwiYWxnIjoiUlMyNTYifQ.for-" + user + ".signature");
        }
        JsonObject event = format == Format.REST_API
                ? ProxyEventFixtures.restApiEvent(method, pathAndQuery, sent, body, user)
                : ProxyEventFixtures.httpApiEvent(method, pathAndQuery, sent, body, user);
        String eventJson = event.toString();
        assertAwsCanReadEvent(eventJson);

        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), result, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return asApiGatewayWould(result.toString(StandardCharsets.UTF_8), method);
    }

    private void assertAwsCanReadEvent(String eventJson) {
        if (format == Format.REST_API) {
            APIGatewayProxyRequestEvent event = serializer(APIGatewayProxyRequestEvent.class).fromJson(eventJson);
            if (event.getHttpMethod() == null || event.getRequestContext() == null) {
                throw new AssertionError("not a REST API proxy event: " + eventJson);
            }
        } else {
            APIGatewayV2HTTPEvent event = serializer(APIGatewayV2HTTPEvent.class).fromJson(eventJson);
            if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
                throw new AssertionError("not an HTTP API event: " + eventJson);
            }
        }
    }

    /** What a client receives once API Gateway has turned the function's result into an HTTP response. */
    private ApiExchange asApiGatewayWould(String resultJson, String method) {
        int status;
        Map<String, String> single;
        String body;
        boolean base64;
        if (format == Format.REST_API) {
            APIGatewayProxyResponseEvent result = serializer(APIGatewayProxyResponseEvent.class).fromJson(resultJson);
            status = result.getStatusCode();
            single = result.getHeaders();
            body = result.getBody();
            base64 = Boolean.TRUE.equals(result.getIsBase64Encoded());
        } else {
            APIGatewayV2HTTPResponse result = serializer(APIGatewayV2HTTPResponse.class).fromJson(resultJson);
            status = result.getStatusCode();
            single = result.getHeaders();
            body = result.getBody();
            base64 = result.getIsBase64Encoded();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (single != null) {
            single.forEach((name, value) -> headers.put(name, List.of(value)));
        }
        String text = body == null ? "" : body;
        if (base64) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        return new ApiExchange(status, headers, method.equals("HEAD") ? "" : text);
    }

    /**
     * {@code count} handlers wired as in production (REST API events, a random page-token secret shared by all), each
     * its own instance of the function over the same tables in {@code dynalite}, as concurrent Lambda instances are.
     * Resetting any of them recreates the tables, so one reset empties them for all, and the table name stays the same.
     */
    static List<LambdaTransport> instances(SharedDynalite dynalite, String table, int count) {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of("TASKS_TABLE", table,
                "TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(secret), "TASKS_CORS_ORIGINS", "*"));
        List<LambdaTransport> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LambdaComponent function = DaggerLambdaComponent.factory().create(settings);
            instances.add(new LambdaTransport(function.application(), function.settings().auth(), Format.REST_API,
                    () -> dynalite.engine().recreateTable(table)));
        }
        return instances;
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LOADER);
    }
}
