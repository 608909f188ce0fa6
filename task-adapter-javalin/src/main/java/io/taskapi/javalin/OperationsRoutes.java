package io.taskapi.javalin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.taskapi.application.Operations;
import io.taskapi.application.TaskApi;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The routes for operators and readers: liveness and readiness probes, metrics, and the API's documentation. Their
 * answers carry the request id and CORS headers and are logged, like the API's. The metrics are served to every client
 * only when the server has no users of its own to keep them from; with tokens verified, only to this machine.
 */
final class OperationsRoutes {
    private final Operations operations;
    private final TaskApi api;
    private final boolean metricsForLoopbackOnly;

    OperationsRoutes(Operations operations, TaskApi api, boolean metricsForLoopbackOnly) {
        this.operations = operations;
        this.api = api;
        this.metricsForLoopbackOnly = metricsForLoopbackOnly;
    }

    void addTo(JavalinConfig config) {
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
            config.routes.addHttpHandler(method, "/health",
                    ctx -> ApiBridge.write(ctx, operations.liveness(ApiBridge.operationsRequest(ctx))));
            config.routes.addHttpHandler(method, "/health/ready",
                    ctx -> ApiBridge.write(ctx, operations.readiness(ApiBridge.operationsRequest(ctx))));
        }
        config.routes.addHttpHandler(HandlerType.GET, "/metrics", this::metrics);
        config.routes.addHttpHandler(HandlerType.GET, "/openapi.json", ApiDocs::document);
        config.routes.addHttpHandler(HandlerType.GET, "/docs", ApiDocs::page);
        config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-initializer.js", ApiDocs::initializer);
        config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-ui/*", ApiDocs::swaggerUi);
    }

    private void metrics(Context ctx) {
        if (metricsForLoopbackOnly && !isLoopback(ctx.req().getRemoteAddr())) {
            // Not for this client: answered as a path the API does not have, which tells it nothing more.
            ApiBridge.write(ctx, api.handle(ApiBridge.operationsRequest(ctx)));
            return;
        }
        ApiBridge.write(ctx, operations.metrics(ApiBridge.operationsRequest(ctx)));
    }

    private static boolean isLoopback(String address) {
        try {
            // A literal address from the connection, so no name is looked up.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
