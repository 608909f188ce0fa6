package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonParseException;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaComponent;
import io.taskapi.lambda.di.LambdaConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point: answers API Gateway proxy events of both payload formats, 1.0 (REST API) and 2.0 (HTTP API
 * and function URLs), from the same core.
 *
 * <p>The runtime creates one instance per execution environment during the init phase; building the object graph in
 * the no-arg constructor keeps all one-time work there. With SnapStart, the instance also primes the request path
 * before the snapshot is taken, so restored environments start warm.
 */
public final class TaskHandler implements RequestStreamHandler, Resource {
    /**
     * A read of a task that cannot exist: it runs the whole path (event parsing, routing, the store's GetItem, JSON,
     * the result) yet changes nothing and creates nothing that must differ between restored environments.
     */
    static final String PRIMING_EVENT = "{\"httpMethod\":\"GET\",\"path\":\"/tasks/00000000-0000-7000-8000-000000000000\","
            + "\"headers\":{\"Accept\":\"application/json\"},\"requestContext\":{\"requestId\":\"snapstart-priming\","
            + "\"authorizer\":{\"claims\":{\"sub\":\"snapstart-priming\"}}},\"body\":null,\"isBase64Encoded\":false}";

    /** The API's problem-details shape, for an invocation that is not an API Gateway event at all. */
    static final String UNSUPPORTED_EVENT = "{\"message\":\"Unsupported event\",\"type\":\"about:blank\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Unsupported event\"}";

    private final TaskApi api;
    private final RequestLog log;
    private final AuthMode auth;

    /** Used by the Lambda runtime: wires the application from the function's environment. */
    public TaskHandler() {
        this(DaggerLambdaComponent.factory().create(LambdaConfig.fromEnvironment(System.getenv())));
        // Registered only here: a snapshot is taken of the runtime's instance, never of a test's.
        Core.getGlobalContext().register(this);
    }

    /** Serves the API a component wired, identifying callers as its configuration says. */
    TaskHandler(LambdaComponent component) {
        this(component.api(), component.requestLog(), component.config().authMode());
    }

    /** Used by tests: serves the given API without authentication (one shared owner). */
    TaskHandler(TaskApi api) {
        this(api, null, AuthMode.NONE);
    }

    /** Used by tests: serves the given API, identifying callers as {@code auth} says. */
    TaskHandler(TaskApi api, AuthMode auth) {
        this(api, null, auth);
    }

    /** Used by tests: serves the given API without authentication, whose request log is {@code log}. */
    TaskHandler(TaskApi api, RequestLog log) {
        this(api, log, AuthMode.NONE);
    }

    private TaskHandler(TaskApi api, RequestLog log, AuthMode auth) {
        this.api = api;
        this.log = log;
        this.auth = auth;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String lambdaRequestId = context == null ? null : context.getAwsRequestId();
        ProxyEvents.Invocation invocation;
        try {
            invocation = ProxyEvents.read(input, lambdaRequestId, auth);
        } catch (JsonParseException | IllegalStateException e) {
            // Not an API Gateway event at all (a misconfigured trigger); answer in proxy form rather than crash.
            ProxyEvents.write(new HttpResponse(400, Map.of("Content-Type", "application/problem+json"),
                    UNSUPPORTED_EVENT), output);
            return;
        }
        ProxyEvents.write(api.handle(invocation.request()), output);
    }

    /** Runs the priming request before SnapStart takes the snapshot; failures only cost the warm start. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Ids draw on a random source created at first use, after restore, so nothing needs refreshing; but the
        // priming request used up the log's cold-start flag, and the first real request here is a cold start.
        if (log != null) {
            log.expectColdStart();
        }
    }

    /** Handles {@link #PRIMING_EVENT} once and returns the proxy result it produced. */
    String prime() {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try {
            handleRequest(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)), result, null);
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"WARN\",\"event\":\"priming_failed\",\"exception\":\""
                    + e.getClass().getName() + "\"}");
        }
        return result.toString(StandardCharsets.UTF_8);
    }
}
