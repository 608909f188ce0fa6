package io.taskapi.lambda.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.http.CorsPolicy;
import io.taskapi.http.RequestLog;
import io.taskapi.http.TaskApi;
import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Clock;
import javax.inject.Singleton;

/** Wires the core, the HTTP layer and the store for the Lambda function. */
@Module
final class LambdaModule {
    private LambdaModule() {
    }

    @Provides
    @Singleton
    static TaskRepository repository() {
        return new InMemoryTaskRepository();
    }

    @Provides
    @Singleton
    static TaskService taskService(TaskRepository repository, LambdaConfig config) {
        Clock clock = Clock.systemUTC();
        return new TaskService(
                repository, clock, new UuidV7Generator(clock), PageTokenSealer.fromBase64(config.pageTokenSecret()));
    }

    @Provides
    @Singleton
    static TaskApi api(TaskService tasks, LambdaConfig config) {
        return new TaskApi(tasks, CorsPolicy.parse(config.corsOrigins()), RequestLog.stdout());
    }
}
