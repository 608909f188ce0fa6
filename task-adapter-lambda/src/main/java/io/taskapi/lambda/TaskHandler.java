package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.taskapi.application.AuthMode;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.Problems;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.application.TaskApplication;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaComponent;
import io.taskapi.lambda.di.LambdaSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    /** The API's answer to an invocation that is not an API Gateway event at all. */
    static final HttpResponse UNSUPPORTED_EVENT = Problems.forRequest(400, "Unsupported event");

    /** Pieces of maintenance work per round; each is bounded, so a round takes seconds at most. */
    static final int MAINTENANCE_STEPS = 10;
    /** Time a maintenance invocation leaves unused, so that a round never runs into the function's timeout. */
    static final long MAINTENANCE_MARGIN_MS = 10_000;

    private final TaskApplication application;
    private final TaskApi api;
    private final RequestLog log;
    private final AuthMode auth;

    /** Used by the Lambda runtime: wires the application from the function's environment. */
    public TaskHandler() {
        this(DaggerLambdaComponent.factory().create(LambdaSettings.fromEnvironment(System.getenv())));
        // Registered only here: a snapshot is taken of the runtime's instance, never of a test's.
        Core.getGlobalContext().register(this);
    }

    private TaskHandler(LambdaComponent component) {
        this(component.application(), component.settings().auth());
    }

    /** Serves {@code application}, identifying callers as {@code auth} says. */
    TaskHandler(TaskApplication application, AuthMode auth) {
        this.application = application;
        this.api = application.api();
        this.log = application.log();
        this.auth = auth;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String lambdaRequestId = context == null ? null : context.getAwsRequestId();
        HttpRequest request;
        try {
            JsonObject event = ProxyEvents.parse(input);
            if (ProxyEvents.isMaintenance(event)) {
                maintain(output, context);
                return;
            }
            request = ProxyEvents.read(event, lambdaRequestId, auth);
        } catch (JsonParseException | IllegalStateException e) {
            // Not an API Gateway event at all (a misconfigured trigger); answer in proxy form rather than crash.
            ProxyEvents.write(UNSUPPORTED_EVENT, output);
            return;
        }
        ProxyEvents.write(api.handle(request), output);
    }

    /**
     * Works through the maintenance queue (what list deletions and member removals left) in bounded steps while the
     * invocation has time, and answers whether work is left for the next scheduled run.
     */
    private void maintain(OutputStream output, Context context) throws IOException {
        boolean workLeft;
        do {
            workLeft = application.maintain(MAINTENANCE_STEPS);
        } while (workLeft && (context == null ? false : context.getRemainingTimeInMillis() > MAINTENANCE_MARGIN_MS));
        output.write(("{\"work_left\":" + workLeft + "}").getBytes(StandardCharsets.UTF_8));
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
        log.expectColdStart();
    }

    /** Handles {@link #PRIMING_EVENT} once and returns the proxy result it produced. */
    String prime() {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try {
            handleRequest(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)), result, null);
        } catch (IOException | RuntimeException e) {
            log.warning("priming_failed", e);
        }
        return result.toString(StandardCharsets.UTF_8);
    }
}
