package io.taskapi.lambda.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.application.FileStores;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TaskStore;
import io.taskapi.domain.FileStore;
import io.taskapi.dynamodb.DynamoDbStore;
import io.taskapi.s3.S3FileStore;
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
        TaskApplication.Builder application = TaskApplication.builder(store)
                .secret(settings.secret())
                .cors(settings.cors())
                .log(RequestLog.withEmbeddedMetrics(System.out, settings.functionName()));
        if (settings.attachmentsBucket() != null) {
            // Built on first use: most requests never touch attachments, and the S3 client is the largest part of
            // what a cold start would otherwise load.
            application.files(FileStores.lazy(() -> files(settings.attachmentsBucket())))
                    .attachmentLimits(settings.attachmentLimits());
        }
        return application.build();
    }

    /**
     * The attachments' files in S3, through the SDK's standard configuration; a local S3 engine (named by
     * {@code AWS_ENDPOINT_URL_S3}) is addressed path-style, as such engines need, AWS itself by virtual host.
     */
    private static FileStore files(String bucket) {
        boolean localEngine = System.getenv("AWS_ENDPOINT_URL_S3") != null
                || System.getProperty("aws.endpointUrlS3") != null;
        return S3FileStore.builder(bucket).pathStyle(localEngine)
                .timeouts(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT)
                .build();
    }
}
