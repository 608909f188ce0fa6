package io.taskapi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.taskapi.http.TaskApi;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaConfig;

/**
 * The Lambda entry point for API Gateway REST API proxy events (payload 1.0).
 *
 * <p>The runtime creates one instance per execution environment during the init phase; building the object graph in
 * the no-arg constructor puts all one-time work there, outside the first request's latency.
 */
public final class TaskHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final TaskApi api;

    /** Used by the Lambda runtime: wires the application from the function's environment. */
    public TaskHandler() {
        this(DaggerLambdaComponent.factory().create(LambdaConfig.fromEnvironment(System.getenv())).api());
    }

    /** Used by tests: serves the given API. */
    TaskHandler(TaskApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String fallbackRequestId = context == null ? null : context.getAwsRequestId();
        return ApiGatewayEvents.toResponseEvent(api.handle(ApiGatewayEvents.toRequest(event, fallbackRequestId)));
    }
}
