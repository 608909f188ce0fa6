package io.taskapi.lambda.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TaskStore;
import io.taskapi.dynamodb.DynamoDbStore;
import java.time.Duration;
import javax.inject.Singleton;

/** Wires the application on the DynamoDB store for the Lambda function. */
@Module
final class LambdaModule {
    /** One call may take 5 s in all, retries included: far inside API Gateway's 29 s and the function's timeout. */
    static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private LambdaModule() {
    }

    @Provides
    @Singleton
    static TaskStore store(LambdaSettings settings) {
        return DynamoDbStore.builder(settings.tasksTable())
                .idempotencyTable(settings.idempotencyTable())
                .listsTable(settings.listsTable())
                .timeouts(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT)
                .build();
    }

    /** Request lines double as CloudWatch embedded metrics, so metrics cost no calls and no extra lines. */
    @Provides
    @Singleton
    static TaskApplication application(TaskStore store, LambdaSettings settings) {
        return TaskApplication.builder(store)
                .secret(settings.secret())
                .cors(settings.cors())
                .log(RequestLog.withEmbeddedMetrics(System.out, settings.functionName()))
                .build();
    }
}
