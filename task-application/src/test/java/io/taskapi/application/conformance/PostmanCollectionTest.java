package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Postman collection (run by newman in CI against the local server) asks only for what the OpenAPI document
 * describes, tests every answer it gets, and exercises every operation except HEAD.
 */
class PostmanCollectionTest {
    private static final Path COLLECTION = Path.of("..", "postman", "task-api.postman_collection.json");

    private static List<JsonObject> requests() throws IOException {
        JsonObject collection = JsonParser.parseString(Files.readString(COLLECTION, StandardCharsets.UTF_8))
                .getAsJsonObject();
        List<JsonObject> requests = new ArrayList<>();
        collect(collection.getAsJsonArray("item"), requests);
        return requests;
    }

    private static void collect(JsonArray items, List<JsonObject> into) {
        for (JsonElement item : items) {
            JsonObject object = item.getAsJsonObject();
            if (object.has("item")) {
                collect(object.getAsJsonArray("item"), into);
            } else {
                into.add(object);
            }
        }
    }

    /** {@code METHOD /template}: each path segment in {@code {{...}}} stands for a path parameter. */
    private static String operation(JsonObject item) {
        JsonObject request = item.getAsJsonObject("request");
        StringBuilder path = new StringBuilder();
        for (JsonElement segment : request.getAsJsonObject("url").getAsJsonArray("path")) {
            String text = segment.getAsString();
            path.append('/').append(text.startsWith("{{") ? "{id}" : text);
        }
        return request.get("method").getAsString() + " " + path;
    }

    @Test
    void everyRequestIsAnOperationOfTheOpenApiDocument() throws IOException {
        for (JsonObject item : requests()) {
            assertThat(OpenApiContract.documentedOperations()).as(item.get("name").getAsString())
                    .contains(operation(item));
            assertThat(item.getAsJsonObject("request").getAsJsonObject("url").get("host").toString())
                    .isEqualTo("[\"{{api_url}}\"]");
        }
    }

    @Test
    void everyRequestTestsItsAnswer() throws IOException {
        for (JsonObject item : requests()) {
            String scripts = item.getAsJsonArray("event").toString();
            assertThat(scripts).as(item.get("name").getAsString()).contains("\"listen\":\"test\"", "pm.test(",
                    "pm.response.to.have.status(");
        }
    }

    @Test
    void everyOperationButHeadIsExercised() throws IOException {
        Set<String> exercised = new TreeSet<>();
        for (JsonObject item : requests()) {
            exercised.add(operation(item));
        }
        Set<String> expected = new TreeSet<>(OpenApiContract.documentedOperations());
        expected.removeIf(operation -> operation.startsWith("HEAD "));

        assertThat(exercised).containsAll(expected);
    }
}
