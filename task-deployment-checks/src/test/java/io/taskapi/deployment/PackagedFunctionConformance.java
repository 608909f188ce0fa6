package io.taskapi.deployment;

import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.dynamodb.ListTableSchema;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import io.taskapi.s3.testing.S3rverExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment package passes the whole conformance suite the way it runs on AWS: API Gateway REST proxy events, handed
 * through the Lambda Runtime API to the package's runtime process, against a DynamoDB-compatible engine and an
 * S3-compatible one. The function runs as Terraform configures it by default ({@code auth_mode = "cognito"}, so
 * {@code TASKS_AUTH=jwt}): each user's events carry the claims API Gateway's authorizer adds, and the suite proves
 * that users never see each other's tasks. Subclasses say which package and which runtime.
 *
 * <p>One runtime process serves the whole class, as one warm execution environment serves many requests; its table
 * names are fixed by its environment, so each case starts with those tables recreated empty rather than new ones.
 */
abstract class PackagedFunctionConformance extends ApiConformanceSuite {
    /** The JVM's one engine; the function's own JVM reaches it through AWS_ENDPOINT_URL_DYNAMODB. */
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    /** The class's S3 engine for attachments' files; the function's JVM reaches it through AWS_ENDPOINT_URL_S3. */
    @RegisterExtension
    static final S3rverExtension S3 = new S3rverExtension();

    private static final String FUNCTION = "task-api-test";
    static final String TABLE = "task-api-test-tasks";
    private static final String BUCKET = "task-api-test-attachments";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION + ":live";
    /** A cold JVM, the SDK's first use and SnapStart's priming request take seconds; a minute means something hangs. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    private LambdaRuntimeApi runtimeApi;
    private LambdaJavaRuntime runtime;

    /**
     * Deploys the package once for the class. Done here rather than in a {@code @BeforeAll} of this class, which would
     * run after the suite's own {@code @BeforeAll} has already asked for the transport.
     */
    @Override
    protected ApiTransport newTransport() throws Exception {
        Dynalite engine = DYNALITE.engine();
        engine.recreateTable(TABLE);
        S3.engine().createBucket(BUCKET);
        try {
            deploy(engine);
        } catch (Exception | AssertionError e) {
            tearDown();
            throw e;
        }
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
                return "/" + ProxyEventFixtures.STAGE;
            }

            /** Both of the function's tables, tasks and idempotency keys, as a fresh deployment has them. */
            @Override
            public void reset() {
                engine.recreateTable(TABLE);
            }

            @Override
            public void close() {
                tearDown();
            }
        };
    }

    private void deploy(Dynalite engine) throws InterruptedException {
        runtimeApi = LambdaRuntimeApi.start(ARN, TerraformFunction.timeout());
        long started = System.nanoTime();
        runtime = startRuntime(function(Map.of("AWS_ENDPOINT_URL_DYNAMODB", engine.endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", S3.engine().endpoint().toString())), runtimeApi);
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
        System.out.printf("%s init: %d ms; log %s%n", getClass().getSimpleName(),
                (System.nanoTime() - started) / 1_000_000, runtime.log());
    }

    private void tearDown() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            runtime = null;
            if (runtimeApi != null) {
                runtimeApi.close();
            }
            runtimeApi = null;
        }
    }

    /** The function as Terraform configures it by default, plus {@code extra} variables (endpoints, for example). */
    static LambdaJavaRuntime.FunctionSettings function(Map<String, String> extra) {
        return TerraformFunction.settings(FUNCTION,
                Map.ofEntries(Map.entry("TASKS_TABLE", TABLE),
                        Map.entry("TASKS_PAGE_TOKEN_SECRET", randomSecret()),
                        Map.entry("TASKS_CORS_ORIGINS", "*"),
                        Map.entry("TASKS_IDEMPOTENCY_TABLE", TABLE + IdempotencyTableSchema.DEFAULT_SUFFIX),
                        Map.entry("TASKS_LISTS_TABLE", TABLE + ListTableSchema.DEFAULT_SUFFIX),
                        Map.entry("TASKS_AUTH", "jwt"), Map.entry("TASKS_ATTACHMENTS_BUCKET", BUCKET),
                        // The limits as Terraform's defaults set them, which the suite's cases rely on.
                        Map.entry("TASKS_ATTACHMENT_MAX_BYTES", "26214400"),
                        Map.entry("TASKS_ATTACHMENTS_PER_TASK", "20"),
                        Map.entry("TASKS_ATTACHMENT_TYPES", String.join(",",
                                AttachmentLimits.DEFAULT_CONTENT_TYPES)),
                        Map.entry("TASKS_ATTACHMENT_URL_SECONDS", "300")),
                extra);
    }

    /** Starts the package's runtime for {@code function}, polling {@code runtimeApi}. */
    abstract LambdaJavaRuntime startRuntime(LambdaJavaRuntime.FunctionSettings function, LambdaRuntimeApi runtimeApi);

    /** The runtime process serving the class. */
    final LambdaJavaRuntime runtime() {
        return runtime;
    }

    /** The Runtime API the runtime polls. */
    final LambdaRuntimeApi runtimeApi() {
        return runtimeApi;
    }

    private ApiExchange invoke(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        byte[] event = ProxyEventFixtures.restApiEvent(method, pathAndQuery, ApiTransport.withoutUser(headers), body,
                ApiTransport.userOf(headers)).toString().getBytes(StandardCharsets.UTF_8);
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
        return ProxyEventFixtures.response(outcome.body(), method);
    }

    private static String randomSecret() {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
