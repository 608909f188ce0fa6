package io.taskapi.application.conformance;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.Idempotency;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.memory.InMemoryIdempotencyStore;
import io.taskapi.memory.InMemoryTaskRepository;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;

/** The conformance suite against the HTTP core behind a front door without authentication: one shared owner. */
class InProcessSharedOwnerConformanceTest extends ApiConformanceSuite {
    @Override
    protected ApiTransport newTransport() {
        Clock clock = Clock.systemUTC();
        TaskService tasks = new TaskService(new InMemoryTaskRepository(), clock, new UuidV7Generator(clock),
                PageTokenSealer.withRandomSecret());
        return new InProcessTransport(new TaskApi(tasks, CorsPolicy.anyOrigin(),
                new RequestLog(new PrintStream(OutputStream.nullOutputStream())),
                new Idempotency(new InMemoryIdempotencyStore(), clock)));
    }
}
