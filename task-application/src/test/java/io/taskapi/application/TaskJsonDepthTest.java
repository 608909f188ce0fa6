package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nesting is limited before parsing: the depth limit is checked on the raw bytes, brackets inside strings aside. */
class TaskJsonDepthTest {
    @Test
    void aBodyNestedDeeperThanTheLimitIsRefusedBeforeParsing() {
        String deep = "{\"task\":" + "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH) + "}";

        assertThatThrownBy(() -> JsonBodies.text(request(deep), JsonBodies.JSON))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("Request body is nested too deeply (at most 32 levels)");
    }

    @Test
    void nestingAtTheLimitIsParsedAndJudgedByTheFieldRules() {
        String atLimit = "{\"task\":" + "[".repeat(JsonBodies.MAX_DEPTH - 1) + "]".repeat(JsonBodies.MAX_DEPTH - 1) + "}";

        String text = JsonBodies.text(request(atLimit), JsonBodies.JSON);

        assertThatThrownBy(() -> TaskJson.newTask(text)).isInstanceOf(BadRequestException.class)
                .extracting(failure -> ((BadRequestException) failure).fields())
                .isEqualTo(List.of(new Problems.Field("task", "must be a string")));
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "{\"task\":\"" + "[{".repeat(100) + "\\\"" + "]}".repeat(100) + "\"}";

        assertThat(TaskJson.newTask(JsonBodies.text(request(text), JsonBodies.JSON)).text())
                .startsWith("[{[{").endsWith("]}]}").hasSize(401);
    }

    /** Depth is how deeply brackets nest, not how many there are: closing one gives its level back. */
    @Test
    void aWideButShallowBodyIsNotDeep() {
        String wide = "{\"task\":\"a\",\"tags\":[" + "[],".repeat(100) + "[]]}";

        assertThat(JsonBodies.depth(wide.getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(JsonBodies.text(request(wide), JsonBodies.JSON)).isEqualTo(wide);
    }

    private static HttpRequest request(String json) {
        return HttpRequest.builder("POST", "/tasks").headers(Map.of("Content-Type", List.of(JsonBodies.JSON)))
                .body(json.getBytes(StandardCharsets.UTF_8)).requestId("r").caller(Caller.anonymous()).build();
    }
}
