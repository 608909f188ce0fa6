package io.taskapi.lambda.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.application.AuthMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function's settings: {@code TASKS_AUTH} is {@code jwt} unless a deployment asks for {@code none}. */
class LambdaSettingsTest {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void jwtIsTheDefaultAndNoneMustBeAskedFor() {
        assertThat(LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET)).auth())
                .isEqualTo(AuthMode.JWT);
        assertThat(LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "none"))
                .auth()).isEqualTo(AuthMode.NONE);
        assertThat(LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "Jwt"))
                .auth()).isEqualTo(AuthMode.JWT);
    }

    /** The vocabulary is the local server's now; a deployment still saying cognito must fail at init, not serve. */
    @Test
    void anUnknownModeStopsTheFunctionAtInitNamingTheVariable() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(
                Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_AUTH", "cognito")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TASKS_AUTH must be none or jwt, got: cognito");
    }

    @Test
    void theListsTableIsNamedAfterTheTasksTableUnlessSetAndIsATableOfItsOwn() {
        assertThat(LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_TABLE", "t"))
                .listsTable()).isEqualTo("t-lists");
        assertThat(LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET, "TASKS_LISTS_TABLE", "l"))
                .listsTable()).isEqualTo("l");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("TASKS_PAGE_TOKEN_SECRET", SECRET,
                "TASKS_LISTS_TABLE", "tasks"))).hasMessage("TASKS_LISTS_TABLE must name a table of its own");
    }

    @Test
    void theVariablesTerraformMustSetIncludeTheAuthModeAndTheListsTable() {
        assertThat(LambdaSettings.ENVIRONMENT_VARIABLES).contains("TASKS_AUTH", "TASKS_LISTS_TABLE");
    }
}
