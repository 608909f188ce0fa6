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
 * The conformance suite against the Lambda handler with {@code TASKS_AUTH=none} ({@code auth_mode = "none"}), fed
 * REST API events of methods without an authorizer: every caller shares one owner's tasks.
 */
class LambdaSharedOwnerConformanceTest extends ApiConformanceSuite {
    @Override
    protected ApiTransport newTransport() {
        Clock clock = Clock.systemUTC();
        TaskService tasks = new TaskService(
                new InMemoryTaskRepository(), clock, new UuidV7Generator(clock), PageTokenSealer.withRandomSecret());
        return new LambdaTransport(new TaskHandler(new TaskApi(tasks, CorsPolicy.anyOrigin(), RequestLog.stdout()),
                AuthMode.NONE), LambdaTransport.Format.REST_API, false);
    }
}
