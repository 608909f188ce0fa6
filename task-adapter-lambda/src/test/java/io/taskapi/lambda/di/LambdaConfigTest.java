package io.taskapi.lambda.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.lambda.AuthMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function's settings: {@code TASKS_AUTH} is Cognito unless a deployment asks for none. */
class LambdaConfigTest {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void cognitoIsTheDefaultAndNoneMustBeAskedFor() {
        assertThat(LambdaConfig.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET)).authMode())
                .isEqualTo(AuthMode.COGNITO);
        assertThat(LambdaConfig.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "none"))
                .authMode()).isEqualTo(AuthMode.NONE);
        assertThat(LambdaConfig.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "Cognito"))
                .authMode()).isEqualTo(AuthMode.COGNITO);
    }

    @Test
    void anUnknownModeStopsTheFunctionAtInitNamingTheVariable() {
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(
                Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "jwt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TASKS_AUTH must be cognito or none, got: jwt");
    }

    @Test
    void theVariablesTerraformMustSetIncludeTheAuthMode() {
        assertThat(LambdaConfig.ENVIRONMENT_VARIABLES).contains("TASKS_AUTH");
    }
}
