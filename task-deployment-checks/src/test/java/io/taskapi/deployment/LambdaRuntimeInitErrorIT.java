package io.taskapi.deployment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaJavaRuntime.FunctionSettings;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function that cannot start fails through the emulated Runtime API as it would on Lambda, reported by the real
 * runtime client, rather than the emulation hanging or passing.
 */
class LambdaRuntimeInitErrorIT {
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:task-api-broken:live";
    /** Nothing listens on the discard port: these functions must fail before they reach any store. */
    private static final Map<String, String> NO_STORE = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9");

    /** The client defers a missing class to the invocations, as Lambda reports it: on every call, not at init. */
    @Test
    void aHandlerStringNamingAClassMissingFromTheZipFailsEveryInvocation() throws Exception {
        try (LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start(ARN, TerraformFunction.timeout());
                LambdaJavaRuntime runtime = LambdaJavaRuntime.start(LambdaPackage.taskRoot(),
                        HandlerString.parse("io.taskapi.lambda.NoSuchHandler::handleRequest"), settings(), runtimeApi,
                        "missing-class.log")) {
            assertThat(runtimeApi.awaitInit(INIT_TIMEOUT)).as("init; runtime log:%n%s", runtime.logTail(40)).isTrue();

            LambdaRuntimeApi.Outcome outcome = runtimeApi.invoke(
                    ProxyEventFixtures.restApiEvent("GET", "/tasks", Map.of(), null).toString().getBytes(UTF_8),
                    TerraformFunction.timeout());

            assertThat(outcome.isError()).isTrue();
            assertThat(outcome.body()).contains("ClassNotFoundException", "io.taskapi.lambda.NoSuchHandler");
        }
    }

    /** The client reports the constructor's exception to /runtime/init/error and exits. */
    @Test
    void aFunctionWithoutItsPageTokenSecretFailsTheInitPhase() throws Exception {
        String initError = initErrorOf(HandlerString.fromTerraform(), settings().without("TASKS_PAGE_TOKEN_SECRET"),
                "missing-secret.log");

        assertThat(initError).contains("TASKS_PAGE_TOKEN_SECRET");
    }

    /**
     * {@code TASKS_AUTH} speaks the local server's words now: a function still told {@code cognito} (Terraform's
     * auth_mode value, which main.tf no longer passes on as it is) must refuse to start rather than guess.
     */
    @Test
    void aFunctionToldTheOldAuthModeCognitoFailsTheInitPhaseNamingTheValuesItAccepts() throws Exception {
        String initError = initErrorOf(HandlerString.fromTerraform(), settings().with("TASKS_AUTH", "cognito"),
                "old-auth-mode.log");

        assertThat(initError).contains("TASKS_AUTH must be none or jwt, got: cognito");
    }

    private static FunctionSettings settings() {
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        return TerraformFunction.settings("task-api-broken",
                Map.ofEntries(Map.entry("TASKS_TABLE", "tasks"), Map.entry("TASKS_PAGE_TOKEN_SECRET", secret),
                        Map.entry("TASKS_CORS_ORIGINS", "*"), Map.entry("TASKS_IDEMPOTENCY_TABLE", "tasks-idempotency"),
                        Map.entry("TASKS_LISTS_TABLE", "tasks-lists"), Map.entry("TASKS_AUTH", "jwt"),
                        Map.entry("TASKS_ATTACHMENTS_BUCKET", "tasks-attachments"),
                        Map.entry("TASKS_ATTACHMENT_MAX_BYTES", "26214400"),
                        Map.entry("TASKS_ATTACHMENTS_PER_TASK", "20"),
                        Map.entry("TASKS_ATTACHMENT_TYPES", "application/pdf,text/plain"),
                        Map.entry("TASKS_ATTACHMENT_URL_SECONDS", "300")),
                NO_STORE);
    }

    private static String initErrorOf(HandlerString handler, FunctionSettings settings, String log)
            throws InterruptedException {
        try (LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start(ARN, TerraformFunction.timeout());
                LambdaJavaRuntime runtime = LambdaJavaRuntime.start(
                        LambdaPackage.taskRoot(), handler, settings, runtimeApi, log)) {
            assertThatThrownBy(() -> runtimeApi.awaitInit(INIT_TIMEOUT))
                    .as("init error expected; runtime log:%n%s", runtime.logTail(40))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(runtimeApi.initError()).as("reported to /runtime/init/error").isPresent();
            assertThat(runtime.awaitExit(Duration.ofSeconds(10))).as("exit code").hasValueSatisfying(
                    code -> assertThat(code).isNotZero());
            return runtimeApi.initError().get();
        }
    }
}
