package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The custom runtime's package ({@code task-lambda-runtime.zip}) passes the whole conformance suite as Lambda's
 * {@code provided.al2023} runs it: its {@code bootstrap} starts the jlinked JDK 25 on its jars with the cache made at
 * build time. The JVM runs with {@code -XX:AOTMode=on}, which refuses to start unless it can map that cache, so the
 * suite also proves that the extracted package still matches its cache. Skipped, saying so, where no JDK 25 built it.
 */
class PackagedCustomRuntimeConformanceIT extends PackagedFunctionConformance {
    /** Strict mode: a cache the JVM cannot map fails the start instead of falling back silently. */
    static final String STRICT_CACHE = "-XX:AOTMode=on";

    @Override
    LambdaJavaRuntime startRuntime(LambdaJavaRuntime.FunctionSettings function, LambdaRuntimeApi runtimeApi) {
        return LambdaJavaRuntime.startCustom(CustomRuntimePackage.taskRoot(), function, runtimeApi,
                "custom-runtime-conformance.log", STRICT_CACHE);
    }

    @Test
    void theRuntimeMappedItsCacheAndAskedForNoSnapStartRestore() throws Exception {
        assertThat(runtime().isAlive()).isTrue();
        assertThat(runtimeApi().restores()).isZero();
        assertThat(Files.readString(runtime().log())).contains("JAVA_TOOL_OPTIONS: " + STRICT_CACHE)
                .doesNotContain("[error]").doesNotContain("[warning]");
    }

    @Test
    void aFunctionThatCannotStartReportsAnInitErrorInItsOwnWordsAndExits() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("arn:aws:lambda:us-east-1:123456789012:function:broken",
                Duration.ofSeconds(10));
             LambdaJavaRuntime broken = LambdaJavaRuntime.startCustom(CustomRuntimePackage.taskRoot(),
                     function(Map.of()).without("TASKS_PAGE_TOKEN_SECRET"), api,
                     "custom-runtime-init-error.log", "")) {
            assertThatThrownBy(() -> api.awaitInit(Duration.ofSeconds(60))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Runtime.InitError")
                    .hasMessageContaining("The function could not start; see its log");
            assertThat(broken.awaitExit(Duration.ofSeconds(30))).contains(1);
            // The operator's log says which setting is wrong; the error Lambda records says nothing more than above.
            assertThat(Files.readString(broken.log())).contains("\"event\":\"init_failed\"")
                    .contains("TASKS_PAGE_TOKEN_SECRET");
        }
    }
}
