package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.TaskTableSchema;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The packaged zip passes the whole conformance suite the way it runs on AWS: API Gateway REST proxy events, handed
 * through the Lambda Runtime API to the real Runtime Interface Client in its own JVM, which loads the handler Terraform
 * names from the extracted zip and runs it, SnapStart hooks first, against a DynamoDB-compatible engine. The function
 * runs with Terraform's default {@code auth_mode}, Cognito: each user's events carry the claims API Gateway's authorizer
 * adds, and the suite proves that users never see each other's tasks.
 *
 * <p>One runtime process serves the whole class, as one warm execution environment serves many requests; its table
 * name is fixed by its environment, so each test starts by deleting every item rather than with a new table.
 */
class PackagedLambdaConformanceIT extends ApiConformanceSuite {
    private static final String FUNCTION = "task-api-test";
    private static final String TABLE = "task-api-test-tasks";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION + ":live";
    /** A cold JVM, the SDK's first use and SnapStart's priming request take seconds; a minute means something hangs. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    private static Dynalite dynalite;
    private static LambdaRuntimeApi runtimeApi;
    private static LambdaJavaRuntime runtime;

    @BeforeAll
    static void deployThePackage() throws Exception {
        dynalite = Dynalite.start();
        dynalite.createTable(TABLE);
        runtimeApi = LambdaRuntimeApi.start(ARN, TerraformFunction.timeout());
        long started = System.nanoTime();
        runtime = LambdaJavaRuntime.start(LambdaPackage.taskRoot(), HandlerString.fromTerraform(),
                TerraformFunction.settings(FUNCTION,
                        Map.of("TASKS_TABLE", TABLE, "TASKS_PAGE_TOKEN_SECRET", randomSecret(), "TASKS_CORS_ORIGINS", "*",
                                "TASKS_IDEMPOTENCY_TABLE", TABLE + "-idempotency", "TASKS_AUTH", "cognito"),
                        Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString())),
                runtimeApi, "conformance.log");
        boolean initialised;
        try {
            initialised = runtimeApi.awaitInit(INIT_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; runtime log:\n" + runtime.logTail(40), e);
        }
        if (!initialised) {
            throw new AssertionError("the runtime did not finish its init phase within " + INIT_TIMEOUT
                    + "; log " + runtime.log() + ":\n" + runtime.logTail(40));
        }
        System.out.printf("Lambda runtime (RIC) init, SnapStart hooks included: %d ms; log %s%n",
                (System.nanoTime() - started) / 1_000_000, runtime.log());
    }

    @AfterAll
    static void tearDown() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            try {
                if (runtimeApi != null) {
                    runtimeApi.close();
                }
            } finally {
                if (dynalite != null) {
                    dynalite.close();
                }
            }
        }
    }

    @Override
    protected ApiTransport newTransport() {
        deleteEveryItem();
        return new ApiTransport() {
            @Override
            public ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
                return invoke(method, pathAndQuery, headers, body);
            }

            /** Terraform's default auth_mode: each user's requests carry the claims of the Cognito authorizer. */
            @Override
            public boolean authenticates() {
                return true;
            }

            @Override
            public String basePath() {
                return "/" + ApiGatewayRestEvents.STAGE;
            }
        };
    }

    @Test
    void theRuntimeRanTheSnapStartCheckpointHooksAndWasRestoredOnce() {
        // A failing beforeCheckpoint hook makes the client report an init error and exit instead of asking this.
        assertThat(runtimeApi.restores()).isEqualTo(1);
        assertThat(runtime.isAlive()).isTrue();
    }

    private static ApiExchange invoke(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        String user = ApiTransport.userOf(headers);
        byte[] event = ApiGatewayRestEvents.event(method, pathAndQuery, ApiTransport.withoutUser(headers), body,
                        user == null ? null : UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString())
                .toString().getBytes(StandardCharsets.UTF_8);
        LambdaRuntimeApi.Outcome outcome;
        try {
            outcome = runtimeApi.invoke(event, TerraformFunction.timeout());
        } catch (TimeoutException e) {
            throw new AssertionError("no result for " + method + " " + pathAndQuery + " within the function's timeout "
                    + TerraformFunction.timeout() + "; runtime log:\n" + runtime.logTail(40), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; runtime log:\n" + runtime.logTail(40), e);
        }
        if (outcome.isError()) {
            // API Gateway would answer 502 Internal server error; no case accepts that, so report the cause instead.
            throw new AssertionError("the function failed " + method + " " + pathAndQuery + " with "
                    + outcome.errorType() + ": " + outcome.body());
        }
        return ApiGatewayRestEvents.response(outcome.body(), method);
    }

    private static void deleteEveryItem() {
        DynamoDbClient client = dynalite.client();
        client.scanPaginator(request -> request.tableName(TABLE)).items().forEach(item -> {
            Map<String, AttributeValue> key = new HashMap<>();
            TaskTableSchema.tableKeys().forEach(name -> key.put(name, item.get(name)));
            client.deleteItem(request -> request.tableName(TABLE).key(key));
        });
    }

    private static String randomSecret() {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
