package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import org.junit.jupiter.api.Test;

/**
 * The managed runtime's zip ({@code task-lambda.zip}) passes the whole conformance suite: the real Runtime Interface
 * Client in its own JVM loads the handler Terraform names from the extracted zip and runs it, SnapStart hooks first.
 */
class PackagedLambdaConformanceIT extends PackagedFunctionConformance {
    @Override
    LambdaJavaRuntime startRuntime(LambdaJavaRuntime.FunctionSettings function, LambdaRuntimeApi runtimeApi) {
        return LambdaJavaRuntime.start(LambdaPackage.taskRoot(), HandlerString.fromTerraform(), function, runtimeApi,
                "conformance.log");
    }

    @Test
    void theRuntimeRanTheSnapStartCheckpointHooksAndWasRestoredOnce() {
        // A failing beforeCheckpoint hook makes the client report an init error and exit instead of asking this.
        assertThat(runtimeApi().restores()).isEqualTo(1);
        assertThat(runtime().isAlive()).isTrue();
    }
}
