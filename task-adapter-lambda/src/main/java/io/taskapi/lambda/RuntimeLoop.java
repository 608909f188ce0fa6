package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The custom runtime's entry point ({@code provided.al2023}; the package's {@code bootstrap} starts it): builds one
 * {@link TaskHandler} in the init phase, then hands it every event the Runtime API gives, one at a time, for the life
 * of the execution environment.
 *
 * <p>Lambda's managed Java runtime does the same through its Runtime Interface Client; this loop is what replaces it
 * when the function carries its own JDK, and it adds nothing the handler does not already load.
 */
public final class RuntimeLoop {
    /** What Lambda records when the handler throws; the function's log has the details. */
    static final String HANDLER_ERROR = "Runtime.HandlerError";
    /** What Lambda records when the handler cannot be built. */
    static final String INIT_ERROR = "Runtime.InitError";
    /** The X-Ray trace header the AWS SDK propagates, set per invocation as the managed runtime sets it. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final RuntimeApi api;
    private final TaskHandler handler;
    private final Map<String, String> environment;

    RuntimeLoop(RuntimeApi api, TaskHandler handler, Map<String, String> environment) {
        this.api = api;
        this.handler = handler;
        this.environment = environment;
    }

    /**
     * Runs the loop until the Runtime API goes away, which on Lambda means the environment is being shut down: the
     * process then exits with status 1, as Lambda expects of a runtime that lost its API.
     */
    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        RuntimeApi api = RuntimeApi.fromEnvironment(environment);
        TaskHandler handler;
        try {
            handler = new TaskHandler();
        } catch (RuntimeException | LinkageError e) {
            fail(api, e);
            return;
        }
        try {
            new RuntimeLoop(api, handler, environment).serve();
        } catch (IOException e) {
            logError("runtime_api_unreachable", null);
            System.exit(1);
        }
    }

    /** Serves events until the Runtime API fails; only that ends the loop. */
    void serve() throws IOException {
        while (true) {
            serveOne(api.next());
        }
    }

    /** Handles one event and posts its result, or its error when the handler throws. */
    void serveOne(RuntimeApi.Invocation invocation) throws IOException {
        invocation.traceId().ifPresentOrElse(trace -> System.setProperty(TRACE_PROPERTY, trace),
                () -> System.clearProperty(TRACE_PROPERTY));
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        Context context = new InvocationContext(invocation, environment);
        try {
            handler.handleRequest(new ByteArrayInputStream(invocation.event()), result, context);
        } catch (IOException | RuntimeException e) {
            // The handler answers every API Gateway event itself (a 500 at worst); reaching here means the result
            // could not even be written. The log line names the kind of failure for the operator, nothing more.
            logError("invocation_failed", e.getClass().getSimpleName());
            api.reportError(invocation.requestId(), HANDLER_ERROR, "The function failed; see its log");
            return;
        }
        api.respond(invocation.requestId(), result.toByteArray());
    }

    private static void fail(RuntimeApi api, Throwable cause) {
        // The operator needs the reason (a configuration error names the variable it cannot use); the message is
        // the application's own, and the log is the operator's, never a client's.
        logError("init_failed", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        try {
            api.reportInitError(INIT_ERROR, "The function could not start; see its log");
        } catch (IOException e) {
            logError("runtime_api_unreachable", null);
        }
        System.exit(1);
    }

    /** One JSON line on stderr, which Lambda sends to the function's log. */
    private static void logError(String event, String error) {
        JsonObject line = new JsonObject();
        line.addProperty("level", "ERROR");
        line.addProperty("event", event);
        if (error != null) {
            line.addProperty("error", error);
        }
        System.err.println(line);
    }
}
