package io.taskapi.lambda;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Clock;

/**
 * The conformance suite against the Lambda handler with the in-memory store, fed API Gateway REST API proxy events (payload
 * 1.0) of a method with a Cognito authorizer, each user's claims in the request context; no network.
 * {@code LambdaSharedOwnerConformanceTest} runs it with {@code TASKS_AUTH=none}, {@code LambdaDynaliteConformanceIT}
 * against the production wiring on a real engine.
 */
class LambdaApiConformanceTest extends ApiConformanceSuite {
    /** The front door whose events this run sends; REST API here, HTTP API in the subclass. */
    LambdaTransport.Format format() {
        return LambdaTransport.Format.REST_API;
    }

    @Override
    protected ApiTransport newTransport() {
        Clock clock = Clock.systemUTC();
        TaskService tasks = new TaskService(
                new InMemoryTaskRepository(), clock, new UuidV7Generator(clock), PageTokenSealer.withRandomSecret());
        return new LambdaTransport(new TaskHandler(new TaskApi(tasks, CorsPolicy.anyOrigin(), RequestLog.stdout()),
                AuthMode.COGNITO), format(), true);
    }
}
