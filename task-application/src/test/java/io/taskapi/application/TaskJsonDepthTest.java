package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Nesting is limited before parsing: the depth limit is checked on the raw bytes, brackets inside strings aside. */
class TaskJsonDepthTest {
    @Test
    void aBodyNestedDeeperThanTheLimitIsRefusedBeforeParsing() {
        String deep = "{\"task\":" + "[".repeat(TaskJson.MAX_DEPTH) + "]".repeat(TaskJson.MAX_DEPTH) + "}";

        assertThatThrownBy(() -> TaskJson.readTaskFields(deep.getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("Request body is nested too deeply (at most 32 levels)");
    }

    @Test
    void nestingAtTheLimitIsParsedAndJudgedByTheFieldRules() {
        String atLimit = "{\"task\":" + "[".repeat(TaskJson.MAX_DEPTH - 1) + "]".repeat(TaskJson.MAX_DEPTH - 1) + "}";

        assertThatThrownBy(() -> TaskJson.readTaskFields(atLimit.getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "{\"task\":\"" + "[{".repeat(100) + "\\\"" + "]}".repeat(100) + "\"}";

        TaskFields fields = TaskJson.readTaskFields(text.getBytes(StandardCharsets.UTF_8), false);

        assertThat(fields.task()).startsWith("[{[{").endsWith("]}]}").hasSize(401);
    }
}
