package io.taskapi.javalin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.taskapi.application.Operations;

/** The routes for operators and readers: liveness and readiness probes, metrics, and the API's documentation. */
final class OperationsRoutes {
    private final Operations operations;

    OperationsRoutes(Operations operations) {
        this.operations = operations;
    }

    void addTo(JavalinConfig config) {
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
            config.routes.addHttpHandler(method, "/health", ctx -> ApiBridge.write(ctx, operations.liveness()));
            config.routes.addHttpHandler(method, "/health/ready", ctx -> ApiBridge.write(ctx, operations.readiness()));
        }
        config.routes.addHttpHandler(HandlerType.GET, "/metrics", ctx -> ApiBridge.write(ctx, operations.metrics()));
        config.routes.addHttpHandler(HandlerType.GET, "/openapi.json", ApiDocs::document);
        config.routes.addHttpHandler(HandlerType.GET, "/docs", ApiDocs::page);
        config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-initializer.js", ApiDocs::initializer);
        config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-ui/*", ApiDocs::swaggerUi);
    }
}
