package io.taskapi.lambda.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.domain.IdempotencyStore;
import io.taskapi.dynamodb.DynamoDbClients;
import io.taskapi.dynamodb.DynamoDbIdempotencyStore;
import io.taskapi.dynamodb.DynamoDbTaskRepository;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.Idempotency;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the core, the HTTP layer and the DynamoDB store for the Lambda function. */
@Module
final class LambdaModule {
    private LambdaModule() {
    }

    /** One call may take 5 s in all, retries included: far inside API Gateway's 29 s and the function's timeout. */
    static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb() {
        return DynamoDbClients.create(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT);
    }

    @Provides
    @Singleton
    static TaskRepository repository(DynamoDbClient dynamoDb, LambdaConfig config) {
        return new DynamoDbTaskRepository(dynamoDb, config.tableName());
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
    static IdempotencyStore idempotencyStore(DynamoDbClient dynamoDb, LambdaConfig config) {
        return new DynamoDbIdempotencyStore(dynamoDb, config.idempotencyTable());
    }

    /** Request lines double as CloudWatch embedded metrics, so metrics cost no calls and no extra lines. */
    @Provides
    @Singleton
    static RequestLog requestLog(LambdaConfig config) {
        return RequestLog.withEmbeddedMetrics(System.out, config.functionName());
    }

    @Provides
    @Singleton
    static TaskApi api(
            TaskService tasks, IdempotencyStore idempotencyStore, LambdaConfig config, RequestLog requestLog) {
        return new TaskApi(tasks, CorsPolicy.parse(config.corsOrigins()), requestLog,
                new Idempotency(idempotencyStore, Clock.systemUTC()));
    }
}
