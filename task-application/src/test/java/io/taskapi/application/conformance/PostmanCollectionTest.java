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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Postman collection (run by newman in CI against the local server) asks only for what the OpenAPI document
 * describes, tests every answer it gets, and exercises every operation except HEAD.
 */
class PostmanCollectionTest {
    private static final Path COLLECTION = Path.of("..", "postman", "task-api.postman_collection.json");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^{}]+)}}");

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

    /**
     * {@code METHOD /template}: the request's path matched against the document's path templates segment by segment. A
     * segment that is a variable ({@code {{...}}}) stands for a path parameter and matches only a templated segment
     * ({@code {id}}, {@code {user_id}}, ...); any other segment matches an equal literal segment or, as in OpenAPI, a
     * templated one, where a template with more equal literal segments wins. A path no template matches is returned as
     * it is, which no documented operation equals.
     */
    private static String operation(JsonObject item) {
        JsonObject request = item.getAsJsonObject("request");
        List<String> path = new ArrayList<>();
        for (JsonElement segment : request.getAsJsonObject("url").getAsJsonArray("path")) {
            path.add(segment.getAsString());
        }
        String best = null;
        int bestLiterals = -1;
        for (String template : templates()) {
            int literals = literalMatches(template, path);
            if (literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return request.get("method").getAsString() + " " + (best != null ? best : "/" + String.join("/", path));
    }

    /** The document's path templates, such as {@code /lists/{id}/members/{user_id}}. */
    private static Set<String> templates() {
        Set<String> templates = new TreeSet<>();
        for (String operation : OpenApiContract.documentedOperations()) {
            templates.add(operation.substring(operation.indexOf(' ') + 1));
        }
        return templates;
    }

    /** How many literal segments of {@code template} {@code path} matches, or -1 when it does not match it. */
    private static int literalMatches(String template, List<String> path) {
        String[] segments = template.substring(1).split("/", -1);
        if (segments.length != path.size()) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < segments.length; i++) {
            String given = path.get(i);
            boolean parameter = segments[i].startsWith("{") && segments[i].endsWith("}");
            boolean variable = given.startsWith("{{") && given.endsWith("}}");
            if (parameter) {
                if (given.isEmpty()) {
                    return -1;
                }
            } else if (variable || !segments[i].equals(given)) {
                return -1;
            } else {
                literals++;
            }
        }
        return literals;
    }

    @Test
    void operationsMapEachVariableSegmentToTheTemplatesParameter() {
        assertThat(operation(request("PUT", "lists", "{{list_id}}", "members", "{{user_id}}")))
                .isEqualTo("PUT /lists/{id}/members/{user_id}");
        assertThat(operation(request("POST", "invitations", "{{invitation_code}}")))
                .isEqualTo("POST /invitations/{code}");
        assertThat(operation(request("GET", "lists", "{{list_id}}", "members")))
                .isEqualTo("GET /lists/{id}/members");
        assertThat(operation(request("GET", "tasks", "0198f3c4-0000-7000-8000-000000000000")))
                .isEqualTo("GET /tasks/{id}");
        assertThat(operation(request("POST", "tasks", "{{history_task_id}}", "comments")))
                .isEqualTo("POST /tasks/{id}/comments");
        assertThat(operation(request("DELETE", "tasks", "{{history_task_id}}", "comments", "{{comment_id}}")))
                .isEqualTo("DELETE /tasks/{id}/comments/{comment_id}");
        assertThat(operation(request("GET", "tasks", "{{history_task_id}}", "activity")))
                .isEqualTo("GET /tasks/{id}/activity");
        assertThat(operation(request("POST", "tasks", "{{attachment_task_id}}", "attachments")))
                .isEqualTo("POST /tasks/{id}/attachments");
        assertThat(operation(request("POST", "tasks", "{{attachment_task_id}}", "attachments", "{{attachment_id}}",
                "complete"))).isEqualTo("POST /tasks/{id}/attachments/{attachment_id}/complete");
        assertThat(operation(request("GET", "tasks", "{{attachment_task_id}}", "attachments", "{{attachment_id}}")))
                .isEqualTo("GET /tasks/{id}/attachments/{attachment_id}");
        assertThat(operation(request("DELETE", "tasks", "{{attachment_task_id}}", "attachments",
                "{{attachment_id}}"))).isEqualTo("DELETE /tasks/{id}/attachments/{attachment_id}");
        assertThat(operation(request("GET", "me"))).isEqualTo("GET /me");
        assertThat(operation(request("GET", "{{me}}"))).isEqualTo("GET /{{me}}");
        assertThat(operation(request("GET", "lists", "{{list_id}}", "{{members}}")))
                .isEqualTo("GET /lists/{{list_id}}/{{members}}");
        assertThat(operation(request("GET", "tasks", "{{history_task_id}}", "{{activity}}")))
                .isEqualTo("GET /tasks/{{history_task_id}}/{{activity}}");
        assertThat(operation(request("POST", "tasks", "{{attachment_task_id}}", "attachments", "{{attachment_id}}",
                "{{complete}}")))
                .isEqualTo("POST /tasks/{{attachment_task_id}}/attachments/{{attachment_id}}/{{complete}}");
    }

    private static JsonObject request(String method, String... path) {
        JsonArray segments = new JsonArray();
        for (String segment : path) {
            segments.add(segment);
        }
        JsonObject url = new JsonObject();
        url.add("path", segments);
        JsonObject request = new JsonObject();
        request.addProperty("method", method);
        request.add("url", url);
        JsonObject item = new JsonObject();
        item.add("request", request);
        return item;
    }

    @Test
    void everyRequestIsAnOperationOfTheOpenApiDocument() throws IOException {
        for (JsonObject item : requests()) {
            assertThat(OpenApiContract.documentedOperations()).as(item.get("name").getAsString())
                    .contains(operation(item));
            JsonObject url = item.getAsJsonObject("request").getAsJsonObject("url");
            assertThat(url.get("host").toString()).isEqualTo("[\"{{api_url}}\"]");
            assertThat(url.get("raw").getAsString()).as(item.get("name").getAsString() + ": raw URL")
                    .isEqualTo(raw(url));
        }
    }

    /** The URL that the path and query of {@code url} spell, as its {@code raw} form must read. */
    private static String raw(JsonObject url) {
        List<String> path = new ArrayList<>();
        url.getAsJsonArray("path").forEach(segment -> path.add(segment.getAsString()));
        List<String> query = new ArrayList<>();
        if (url.has("query")) {
            url.getAsJsonArray("query").forEach(parameter -> query.add(parameter.getAsJsonObject().get("key")
                    .getAsString() + "=" + parameter.getAsJsonObject().get("value").getAsString()));
        }
        return "{{api_url}}/" + String.join("/", path) + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    @Test
    void everyRequestTestsItsAnswer() throws IOException {
        for (JsonObject item : requests()) {
            String scripts = item.getAsJsonArray("event").toString();
            assertThat(scripts).as(item.get("name").getAsString()).contains("\"listen\":\"test\"", "pm.test(",
                    "pm.response.to.have.status(");
        }
    }

    /**
     * Every variable a request uses is the environment's {@code api_url} or one the collection declares, so that a
     * request that runs before the one setting it sends an empty value rather than the variable's name.
     */
    @Test
    void everyVariableARequestUsesIsDeclared() throws IOException {
        JsonObject collection = JsonParser.parseString(Files.readString(COLLECTION, StandardCharsets.UTF_8))
                .getAsJsonObject();
        Set<String> declared = new TreeSet<>(Set.of("api_url"));
        collection.getAsJsonArray("variable").forEach(variable -> declared.add(variable.getAsJsonObject().get("key")
                .getAsString()));
        for (JsonObject item : requests()) {
            Matcher used = VARIABLE.matcher(item.getAsJsonObject("request").toString());
            while (used.find()) {
                assertThat(declared).as(item.get("name").getAsString()).contains(used.group(1));
            }
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
