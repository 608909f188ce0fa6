package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The black-box contract of the task API, written once and run against every way the API is served. Expectations are
 * exact bytes wherever the seed project documents a shape, so every front door must answer identically. The API is
 * started once per test class and its store emptied before each case; the shared lists' cases come with it
 * ({@link SharedListsSuite}).
 */
public abstract class ApiConformanceSuite extends AttachmentSuite {
    private static final Pattern CREATED = Pattern.compile(
            "\\{\"id\":\"(" + UUID + ")\",\"task\":(\\{\"id\":\"\\1\",\"task\":\"(.*)\",\"status\":\"([a-z_]+)\","
                    + "\"priority\":\"([a-z]+)\",\"created_at\":([0-9]+),\"updated_at\":\\6})}");
    private static final String NOT_FOUND = problem(404, "Task not found");
    /** The start of a validation failure, up to the list of field errors. */
    private static final String VALIDATION_FAILED = "{\"message\":\"Validation failed\",\"type\":\"about:blank\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Validation failed\",\"errors\":[";

    // ---- create ----------------------------------------------------------------------------------------------------

    @Test
    void createReturns201WithTheIdAndTheTaskInTheSeedShape() {
        ApiExchange response = send("POST", "/tasks", JSON,
                "{\"task\": \"Write documentation\", \"status\": \"new\", \"priority\": \"medium\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).contains("application/json");
        Matcher created = CREATED.matcher(response.body());
        assertThat(created.matches()).as(response.body()).isTrue();
        assertThat(created.group(3)).isEqualTo("Write documentation");
        assertThat(created.group(4)).isEqualTo("new");
        assertThat(created.group(5)).isEqualTo("medium");
    }

    @Test
    void createDefaultsStatusToNewAndPriorityToMedium() {
        Matcher created = create("{\"task\":\"Test deployment\"}");

        assertThat(created.group(4)).isEqualTo("new");
        assertThat(created.group(5)).isEqualTo("medium");
    }

    @Test
    void createStoresTheTextWithoutSurroundingWhitespace() {
        assertThat(create("{\"task\":\"  Buy milk \"}").group(3)).isEqualTo("Buy milk");
    }

    @Test
    void textRoundTripsAnyUnicodeAsUtf8() {
        String text = "Écrire la doc 文档 🚀 \\\"quoted\\\"";
        Matcher created = create("{\"task\":\"" + text + "\"}");

        ApiExchange fetched = send("GET", "/tasks/" + created.group(1), Map.of(), null);

        assertThat(fetched.body()).contains("\"task\":\"" + text + "\"");
    }

    // ---- read ------------------------------------------------------------------------------------------------------

    @Test
    void getReturnsTheTaskExactlyAsCreated() {
        Matcher created = create("{\"task\":\"Deploy infrastructure\",\"priority\":\"high\"}");

        ApiExchange response = send("GET", "/tasks/" + created.group(1), Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(created.group(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01890a5d-ac96-774b-bcce-b302099a8057", "not-a-uuid", "01890A5D-AC96-774B-BCCE-B302099A8057"})
    void getOfAnUnknownTaskIs404TaskNotFound(String id) {
        ApiExchange response = send("GET", "/tasks/" + id, Map.of(), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
    }

    // ---- list ------------------------------------------------------------------------------------------------------

    @Test
    void listReturnsEveryTaskNewestFirstWithCountAndNullNext() {
        List<String> tasks = new ArrayList<>();
        for (String text : List.of("first", "second", "third")) {
            tasks.add(0, create("{\"task\":\"" + text + "\"}").group(2));
        }

        ApiExchange response = send("GET", "/tasks", Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[" + String.join(",", tasks) + "],\"count\":3,\"next\":null}");
    }

    @Test
    void listOfNoTasksIsAnEmptyPage() {
        ApiExchange response = send("GET", "/tasks", Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
    }

    @Test
    void pagesFollowTheNextTokenUntilItIsNull() {
        List<String> expectedIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expectedIds.add(0, create("{\"task\":\"task " + i + "\"}").group(1));
        }

        List<String> seenIds = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = null;
        do {
            String query = next == null ? "" : "&next=" + next;
            ApiExchange page = send("GET", "/tasks?limit=2" + query, Map.of(), null);
            assertThat(page.status()).isEqualTo(200);
            JsonObject body = json(page);
            body.getAsJsonArray("items").forEach(item -> seenIds.add(item.getAsJsonObject().get("id").getAsString()));
            pageSizes.add(body.get("count").getAsInt());
            JsonElement token = body.get("next");
            next = token.isJsonNull() ? null : token.getAsString();
            assertThat(next == null || next.matches("[A-Za-z0-9_-]+")).as("token is URL-safe: " + next).isTrue();
        } while (next != null);

        assertThat(seenIds).containsExactlyElementsOf(expectedIds);
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void listReturns25TasksByDefault() {
        for (int i = 0; i < 26; i++) {
            create("{\"task\":\"task " + i + "\"}");
        }

        JsonObject page = json(send("GET", "/tasks", Map.of(), null));

        assertThat(page.get("count").getAsInt()).isEqualTo(25);
        assertThat(page.getAsJsonArray("items")).hasSize(25);
        assertThat(page.get("next").isJsonNull()).isFalse();
    }

    @Test
    void listFiltersByStatusAndPriority() {
        String urgent = create("{\"task\":\"a\",\"priority\":\"urgent\"}").group(1);
        String done = create("{\"task\":\"b\",\"status\":\"completed\"}").group(1);
        create("{\"task\":\"c\"}");

        assertThat(ids(send("GET", "/tasks?priority=urgent", Map.of(), null))).containsExactly(urgent);
        assertThat(ids(send("GET", "/tasks?status=completed", Map.of(), null))).containsExactly(done);
        assertThat(ids(send("GET", "/tasks?status=completed&priority=urgent", Map.of(), null))).isEmpty();
    }

    @Test
    void listFiltersByTagAndDueDatesAndSortsByDueDate() {
        List<String> ids = new ArrayList<>();
        for (String body : List.of(
                "{\"task\":\"a\",\"tags\":[\"work\"],\"due_date\":\"2026-03-01\"}",
                "{\"task\":\"b\",\"tags\":[\"home\"],\"due_date\":\"2026-01-01\"}",
                "{\"task\":\"c\",\"tags\":[\"work\",\"home\"]}",
                "{\"task\":\"d\",\"status\":\"completed\",\"due_date\":\"2026-02-01\"}")) {
            ApiExchange created = send("POST", "/tasks", JSON, body);
            assertThat(created.status()).isEqualTo(201);
            ids.add(json(created).get("id").getAsString());
        }

        assertThat(ids(send("GET", "/tasks?tag=work", Map.of(), null))).containsExactly(ids.get(2), ids.get(0));
        assertThat(ids(send("GET", "/tasks?sort=due_date", Map.of(), null)))
                .containsExactly(ids.get(1), ids.get(3), ids.get(0));
        assertThat(ids(send("GET", "/tasks?sort=due_date&due_after=2026-01-01&due_before=2026-03-01", Map.of(), null)))
                .containsExactly(ids.get(3));
        assertThat(ids(send("GET", "/tasks?sort=due_date&status=new&tag=home", Map.of(), null)))
                .containsExactly(ids.get(1));
        List<String> paged = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = json(send("GET", "/tasks?sort=due_date&limit=1" + (next == null ? "" : "&next=" + next),
                    Map.of(), null));
            page.getAsJsonArray("items").forEach(item -> paged.add(item.getAsJsonObject().get("id").getAsString()));
            next = page.get("next").isJsonNull() ? null : page.get("next").getAsString();
        } while (next != null);
        assertThat(paged).containsExactly(ids.get(1), ids.get(3), ids.get(0));
    }

    @Test
    void listRejectsAnUnsupportedCombinationNamingTheSupportedOnes() {
        ApiExchange response = send("GET", "/tasks?due_before=2026-01-01", Map.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"query\",\"message\":"
                + "\"this combination is not supported; supported: sort=created_at (the default) with any of status,"
                + " priority, tag; sort=due_date with any of status, due_after, due_before, tag\"}]}");
    }

    @Test
    void aPageTokenReusedWithAnotherSortIsRejected() {
        for (int i = 1; i <= 3; i++) {
            assertThat(send("POST", "/tasks", JSON, "{\"task\":\"t\",\"due_date\":\"2026-01-0" + i + "\"}").status())
                    .isEqualTo(201);
        }
        String token = json(send("GET", "/tasks?limit=1", Map.of(), null)).get("next").getAsString();

        assertThat(send("GET", "/tasks?limit=1&sort=due_date&next=" + token, Map.of(), null).status()).isEqualTo(400);
        assertThat(send("GET", "/tasks?limit=1&tag=x&next=" + token, Map.of(), null).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "2e1", "%205", "limit=1&limit=2"})
    void listRejectsALimitThatIsNotAnIntegerFrom1To100(String limit) {
        String query = limit.startsWith("limit=") ? limit : "limit=" + limit;
        ApiExchange response = send("GET", "/tasks?" + query, Map.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith(VALIDATION_FAILED + "{\"field\":\"limit\"");
    }

    @Test
    void anEmptyLimitCountsAsAbsentLikeEveryEmptyParameter() {
        for (int i = 0; i < 30; i++) {
            create("{\"task\":\"task " + i + "\"}");
        }

        ApiExchange response = send("GET", "/tasks?limit=&status=&next=", Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("count").getAsInt()).isEqualTo(25);
    }

    @Test
    void listRejectsAMalformedLimitWithTheExactMessage() {
        ApiExchange response = send("GET", "/tasks?limit=101", Map.of(), null);

        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"limit\","
                + "\"message\":\"must be an integer from 1 to 100\"}]}");
    }

    @Test
    void listRejectsATamperedOrForeignPageToken() {
        for (int i = 0; i < 3; i++) {
            create("{\"task\":\"task " + i + "\"}");
        }
        String token = json(send("GET", "/tasks?limit=1", Map.of(), null)).get("next").getAsString();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String invalid = VALIDATION_FAILED + "{\"field\":\"next\","
                + "\"message\":\"is not a valid page token for this query\"}]}";

        for (String query : List.of("next=" + tampered, "next=garbage", "next=" + token + "&status=completed",
                "next=" + token.substring(0, token.length() / 2))) {
            ApiExchange response = send("GET", "/tasks?limit=1&" + query, Map.of(), null);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).isEqualTo(invalid);
        }
    }

    @Test
    void listRejectsAnUnknownStatusFilter() {
        ApiExchange response = send("GET", "/tasks?status=NEW", Map.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"status\","
                + "\"message\":\"must be one of: new, in_progress, completed, cancelled\"}]}");
    }

    // ---- update ----------------------------------------------------------------------------------------------------

    @Test
    void putUpdatesOnlyTheNamedFieldsAndReturnsTheSeedShape() {
        Matcher created = create("{\"task\":\"Test deployment\",\"priority\":\"high\"}");
        String id = created.group(1);

        ApiExchange response = send("PUT", "/tasks/" + id, JSON, "{\"status\":\"in_progress\",\"priority\":\"urgent\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.keySet()).containsExactly("message", "task");
        assertThat(body.get("message").getAsString()).isEqualTo("Task updated successfully");
        JsonObject task = body.getAsJsonObject("task");
        assertThat(task.get("id").getAsString()).isEqualTo(id);
        assertThat(task.get("task").getAsString()).isEqualTo("Test deployment");
        assertThat(task.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(task.get("priority").getAsString()).isEqualTo("urgent");
        assertThat(task.get("created_at").getAsLong()).isEqualTo(Long.parseLong(created.group(6)));
        assertThat(task.get("updated_at").getAsLong()).isGreaterThanOrEqualTo(task.get("created_at").getAsLong());
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).body()).isEqualTo(task.toString());
    }

    @Test
    void putOfAnUnknownTaskIs404AndCreatesNothing() {
        ApiExchange response = send("PUT", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057", JSON,
                "{\"status\":\"completed\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
        assertThat(send("GET", "/tasks", Map.of(), null).body()).isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
    }

    @Test
    void putWithoutAnyFieldIs400AndChangesNothing() {
        Matcher created = create("{\"task\":\"unchanged\"}");

        ApiExchange response = send("PUT", "/tasks/" + created.group(1), JSON, "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"body\","
                + "\"message\":\"must name at least one of: task, status, priority, description, due_date, tags,"
                + " list_id, assignee\"}]}");
        assertThat(send("GET", "/tasks/" + created.group(1), Map.of(), null).body()).isEqualTo(created.group(2));
    }

    @Test
    void putWithAnInvalidFieldIs400AndChangesNothing() {
        Matcher created = create("{\"task\":\"unchanged\"}");

        ApiExchange response = send("PUT", "/tasks/" + created.group(1), JSON,
                "{\"task\":\"changed\",\"status\":\"done\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(send("GET", "/tasks/" + created.group(1), Map.of(), null).body()).isEqualTo(created.group(2));
    }

    // ---- delete ----------------------------------------------------------------------------------------------------

    @Test
    void deleteReturnsTheSeedMessageAndTheTaskIsGone() {
        String id = create("{\"task\":\"short-lived\"}").group(1);

        ApiExchange response = send("DELETE", "/tasks/" + id, Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Task deleted successfully\",\"id\":\"" + id + "\"}");
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).body()).isEqualTo(NOT_FOUND);
        ApiExchange again = send("DELETE", "/tasks/" + id, Map.of(), null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(NOT_FOUND);
        assertThat(send("PUT", "/tasks/" + id, JSON, "{\"status\":\"new\"}").status()).isEqualTo(404);
    }

    // ---- entity tags and conditional requests ----------------------------------------------------------------------

    @Test
    void createAnswersTheTasksLocationAndETag() {
        ApiExchange response = send("POST", "/tasks", JSON, "{\"task\":\"located\"}");
        Matcher created = CREATED.matcher(response.body());
        assertThat(created.matches()).isTrue();

        assertThat(response.header("Location")).contains(api.basePath() + "/tasks/" + created.group(1));
        assertThat(response.header("ETag")).contains("\"1\"");
        assertThat(send("GET", "/tasks/" + created.group(1), Map.of(), null).header("ETag")).contains("\"1\"");
    }

    @Test
    void putWithTheCurrentETagSucceedsAndAnswersTheNextOne() {
        String id = create("{\"task\":\"tagged\"}").group(1);

        ApiExchange response = send("PUT", "/tasks/" + id, headers("If-Match", "\"1\""), "{\"status\":\"completed\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).contains("\"2\"");
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).header("ETag")).contains("\"2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE"})
    void aStaleIfMatchIs412AndChangesNothing(String method) {
        Matcher created = create("{\"task\":\"tagged\"}");
        String id = created.group(1);
        assertThat(send("PUT", "/tasks/" + id, JSON, "{\"priority\":\"high\"}").status()).isEqualTo(200);
        String current = send("GET", "/tasks/" + id, Map.of(), null).body();

        for (String stale : List.of("\"1\"", "W/\"2\"", "\"3\", \"1\"")) {
            ApiExchange response = send(method, "/tasks/" + id, headers("If-Match", stale), "{\"task\":\"lost\"}");

            assertThat(response.status()).as(stale).isEqualTo(412);
            assertThat(response.header("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).isEqualTo(
                    problem(412, "Task has changed since the version in If-Match; fetch it again"));
        }
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).body()).isEqualTo(current);
    }

    @Test
    void deleteWithTheCurrentOrAnyETagSucceeds() {
        String first = create("{\"task\":\"one\"}").group(1);
        String second = create("{\"task\":\"two\"}").group(1);

        assertThat(send("DELETE", "/tasks/" + first, Map.of("If-Match", "\"1\""), null).status()).isEqualTo(200);
        assertThat(send("DELETE", "/tasks/" + second, Map.of("If-Match", "*"), null).status()).isEqualTo(200);
        assertThat(send("DELETE", "/tasks/" + second, Map.of("If-Match", "*"), null).body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void getWithACurrentIfNoneMatchIs304WithoutABody() {
        String id = create("{\"task\":\"cached\"}").group(1);

        ApiExchange notModified = send("GET", "/tasks/" + id, Map.of("If-None-Match", "\"1\""), null);
        ApiExchange modified = send("GET", "/tasks/" + id, Map.of("If-None-Match", "\"0\""), null);

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).contains("\"1\"");
        assertThat(notModified.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(notModified.header("Content-Type")).as("a 304 has no body to describe").isEmpty();
        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.body()).isNotEmpty();
    }

    @Test
    void errorsAreProblemDetailsThatKeepTheSeedsMessage() {
        ApiExchange response = send("GET", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057", Map.of(), null);

        assertThat(response.header("Content-Type")).contains("application/problem+json");
        JsonObject problem = json(response);
        assertThat(problem.keySet()).containsExactly("message", "type", "title", "status", "detail");
        assertThat(problem.get("message").getAsString()).isEqualTo("Task not found");
        assertThat(problem.get("status").getAsInt()).isEqualTo(404);
    }

    // ---- details and merge patches ----------------------------------------------------------------------------------

    @Test
    void detailsAreKeptAndWrittenAfterTheSeedFieldsOnlyWhenSet() {
        ApiExchange response = send("POST", "/tasks", JSON, "{\"task\":\"plan\",\"description\":\"Line 1\\nLine 2\","
                + "\"due_date\":\"2026-12-31\",\"tags\":[\"work\",\"q4\",\"work\"]}");
        assertThat(response.status()).isEqualTo(201);
        JsonObject task = json(response).getAsJsonObject("task");
        String id = task.get("id").getAsString();

        assertThat(task.keySet()).containsExactly(
                "id", "task", "status", "priority", "created_at", "updated_at", "description", "due_date", "tags");
        assertThat(task.get("description").getAsString()).isEqualTo("Line 1\nLine 2");
        assertThat(task.get("due_date").getAsString()).isEqualTo("2026-12-31");
        assertThat(task.get("tags").toString()).isEqualTo("[\"work\",\"q4\"]");
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).body()).isEqualTo(task.toString());
    }

    @Test
    void detailsBreakingARuleAreRefusedPerField() {
        ApiExchange response = send("POST", "/tasks", JSON,
                "{\"task\":\"x\",\"due_date\":\"2026-02-30\",\"tags\":[\"ok\",\"Upper\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED
                + "{\"field\":\"due_date\",\"message\":\"must be a date that exists, such as 2026-02-28\"},"
                + "{\"field\":\"tags[1]\",\"message\":\"must be lowercase\"}]}");
        assertStoreIsEmpty();
    }

    @Test
    void patchMergesChangesRemovesDetailsWithNullAndAnswersTheTask() {
        String id = json(send("POST", "/tasks", JSON, "{\"task\":\"plan\",\"description\":\"d\",\"tags\":[\"a\"]}"))
                .get("id").getAsString();

        ApiExchange response = send("PATCH", "/tasks/" + id, MERGE_PATCH,
                "{\"status\":\"in_progress\",\"description\":null,\"due_date\":\"2027-01-15\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).contains("\"2\"");
        JsonObject task = json(response);
        assertThat(task.keySet()).containsExactly(
                "id", "task", "status", "priority", "created_at", "updated_at", "due_date", "tags");
        assertThat(task.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).body()).isEqualTo(response.body());
    }

    @Test
    void patchCannotRemoveARequiredFieldAndChangesNothing() {
        Matcher created = create("{\"task\":\"kept\"}");

        ApiExchange response = send("PATCH", "/tasks/" + created.group(1), MERGE_PATCH, "{\"task\":null}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED
                + "{\"field\":\"task\",\"message\":\"is required and cannot be removed\"}]}");
        assertThat(send("GET", "/tasks/" + created.group(1), Map.of(), null).body()).isEqualTo(created.group(2));
    }

    @Test
    void patchAcceptsOnlyAMergePatch() {
        String id = create("{\"task\":\"x\"}").group(1);

        ApiExchange response = send("PATCH", "/tasks/" + id, JSON, "{\"status\":\"completed\"}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).isEqualTo(problem(415, "Content-Type must be application/merge-patch+json"));
    }

    // ---- idempotency keys ---------------------------------------------------------------------------------------

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCreatesOneTask() {
        Map<String, String> keyed = headers("Idempotency-Key", "create-once-1");

        ApiExchange first = send("POST", "/tasks", keyed, "{\"task\":\"once\"}");
        ApiExchange retry = send("POST", "/tasks", keyed, "{\"task\":\"once\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(json(send("GET", "/tasks", Map.of(), null)).get("count").getAsInt()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIs422() {
        Map<String, String> keyed = headers("Idempotency-Key", "create-once-2");
        assertThat(send("POST", "/tasks", keyed, "{\"task\":\"once\"}").status()).isEqualTo(201);

        ApiExchange reused = send("POST", "/tasks", keyed, "{\"task\":\"other\"}");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).isEqualTo(
                problem(422, "This Idempotency-Key was already used with a different request"));
    }

    @Test
    void aRetryIsTheSameRequestWhateverItsWhitespaceOrMemberOrder() {
        Map<String, String> keyed = headers("Idempotency-Key", "create-once-3");
        ApiExchange first = send("POST", "/tasks", keyed, "{\"task\":\"once\",\"priority\":\"high\"}");

        ApiExchange retry = send("POST", "/tasks", keyed,
                "{ \"priority\" : \"high\",\n  \"task\" : \"\\u006fnce\" }");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(json(send("GET", "/tasks", Map.of(), null)).get("count").getAsInt()).isEqualTo(1);
    }

    @Test
    void aRetryWithAnotherIfMatchIsAnotherRequestAndIsNeverAnsweredWithTheFirstOutcome() {
        String id = create("{\"task\":\"guarded\"}").group(1);
        Map<String, String> first = new LinkedHashMap<>(MERGE_PATCH);
        first.put("Idempotency-Key", "patch-guarded");
        first.put("If-Match", "\"1\"");
        assertThat(send("PATCH", "/tasks/" + id, first, "{\"priority\":\"high\"}").status()).isEqualTo(200);
        Map<String, String> stale = new LinkedHashMap<>(first);
        stale.put("If-Match", "\"7\"");

        ApiExchange retry = send("PATCH", "/tasks/" + id, stale, "{\"priority\":\"high\"}");

        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.body()).isEqualTo(
                problem(422, "This Idempotency-Key was already used with a different request"));
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).header("ETag")).contains("\"2\"");
    }

    @Test
    void aRetriedPatchIsNotAppliedTwice() {
        String id = create("{\"task\":\"patched once\"}").group(1);
        Map<String, String> keyed = new LinkedHashMap<>(MERGE_PATCH);
        keyed.put("Idempotency-Key", "patch-once");

        ApiExchange first = send("PATCH", "/tasks/" + id, keyed, "{\"priority\":\"high\"}");
        ApiExchange retry = send("PATCH", "/tasks/" + id, keyed, "{\"priority\":\"high\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(send("GET", "/tasks/" + id, Map.of(), null).header("ETag")).contains("\"2\"");
    }

    @Test
    void anIdempotencyKeyMustBeVisibleAscii() {
        ApiExchange response = send("POST", "/tasks", headers("Idempotency-Key", "has space"), "{\"task\":\"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"Idempotency-Key\",\"message\":"
                + "\"must be given once, as 1 to 255 visible ASCII characters\"}]}");
        assertStoreIsEmpty();
    }

    @Test
    void headOfATaskAnswersLikeGetWithoutABody() {
        String id = create("{\"task\":\"x\"}").group(1);

        ApiExchange found = send("HEAD", "/tasks/" + id, Map.of(), null);
        ApiExchange current = send("HEAD", "/tasks/" + id, Map.of("If-None-Match", "\"1\""), null);
        ApiExchange missing = send("HEAD", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057", Map.of(), null);
        ApiExchange badQuery = send("HEAD", "/tasks?limit=0", Map.of(), null);

        assertThat(List.of(found.status(), current.status(), missing.status(), badQuery.status()))
                .containsExactly(200, 304, 404, 400);
        assertThat(found.header("ETag")).contains("\"1\"");
        assertThat(found.body() + current.body() + missing.body() + badQuery.body()).isEmpty();
    }

    @Test
    void patchAnswersLikePutForMissingTasksAndStaleTags() {
        String id = create("{\"task\":\"x\"}").group(1);
        Map<String, String> stale = new LinkedHashMap<>(MERGE_PATCH);
        stale.put("If-Match", "\"9\"");

        ApiExchange missing = send("PATCH", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057", MERGE_PATCH,
                "{\"status\":\"new\"}");
        ApiExchange conflict = send("PATCH", "/tasks/" + id, stale, "{\"status\":\"completed\"}");

        assertThat(missing.body()).isEqualTo(NOT_FOUND);
        assertThat(conflict.status()).isEqualTo(412);
    }

    @Test
    void aPatchRetriedWithAnotherBodyUnderTheSameKeyIs422() {
        String id = create("{\"task\":\"x\"}").group(1);
        Map<String, String> keyed = new LinkedHashMap<>(MERGE_PATCH);
        keyed.put("Idempotency-Key", "patch-key");
        assertThat(send("PATCH", "/tasks/" + id, keyed, "{\"status\":\"completed\"}").status()).isEqualTo(200);

        assertThat(send("PATCH", "/tasks/" + id, keyed, "{\"status\":\"new\"}").status()).isEqualTo(422);
    }

    @Test
    void putRefusesANonJsonBody() {
        String id = create("{\"task\":\"x\"}").group(1);

        assertThat(send("PUT", "/tasks/" + id, Map.of("Content-Type", "text/plain"), "{\"status\":\"new\"}").body())
                .isEqualTo(problem(415, "Content-Type must be application/json"));
    }

    @Test
    void preflightOfTheCollectionNamesItsMethods() {
        ApiExchange response = send("OPTIONS", "/tasks", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST"), null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("GET, HEAD, POST, OPTIONS");
    }

    // ---- validation and malformed input ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"task\":\"\"}|task|must not be empty",
            "{\"task\":\"   \"}|task|must not be empty",
            "{\"status\":\"new\"}|task|is required",
            "{\"task\":\"x\",\"status\":\"NEW\"}|status|must be one of: new, in_progress, completed, cancelled",
            "{\"task\":\"x\",\"priority\":\"High\"}|priority|must be one of: low, medium, high, urgent",
            "{\"task\":42}|task|must be a string",
            "{\"task\":null}|task|must be a string",
            "{\"task\":[\"x\"]}|task|must be a string",
            "{\"task\":\"x\",\"owner\":\"me\"}|owner|is not a known field",
            "{\"task\":\"x\",\"id\":\"01890a5d-ac96-774b-bcce-b302099a8057\"}|id|is set by the server and cannot be written",
            "{\"task\":\"x\",\"created_at\":1}|created_at|is set by the server and cannot be written",
            "{\"task\":\"x\",\"task\":\"y\"}|task|must not appear more than once",
            "{\"task\":\"a\\u0000b\"}|task|must not contain control characters",
            "{\"task\":\"line\\nbreak\"}|task|must not contain control characters",
    })
    void createRejectsInvalidFieldsNamingEachOneAndStoresNothing(String testCase) {
        String[] parts = testCase.split("\\|");

        ApiExchange response = send("POST", "/tasks", JSON, parts[0]);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"" + parts[1]
                + "\",\"message\":\"" + parts[2] + "\"}]}");
        assertStoreIsEmpty();
    }

    @Test
    void createRejectsTextOver500Characters() {
        assertThat(send("POST", "/tasks", JSON, "{\"task\":\"" + "x".repeat(500) + "\"}").status()).isEqualTo(201);

        ApiExchange response = send("POST", "/tasks", JSON, "{\"task\":\"" + "x".repeat(501) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"task\","
                + "\"message\":\"must be at most 500 characters\"}]}");
    }

    @Test
    void createReportsEveryInvalidFieldAtOnce() {
        ApiExchange response = send("POST", "/tasks", JSON, "{\"task\":\"\",\"status\":\"x\",\"priority\":\"y\"}");

        assertThat(response.body()).isEqualTo(VALIDATION_FAILED + ""
                + "{\"field\":\"task\",\"message\":\"must not be empty\"},"
                + "{\"field\":\"status\",\"message\":\"must be one of: new, in_progress, completed, cancelled\"},"
                + "{\"field\":\"priority\",\"message\":\"must be one of: low, medium, high, urgent\"}]}");
    }

    /** Includes an unpaired surrogate escape, which RFC 8259 calls unpredictable and the parser refuses outright. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"task\":", "{\"task\":\"x\"} trailing", "{'task':'x'}", "{\"task\":NaN}",
            "{\"task\":\"x\",}", "\"just a string\"", "{\"task\":\"\\ud800\"}", "{\"task\":\"\\udc00x\"}"})
    void createRejectsMalformedOrNonObjectJson(String body) {
        ApiExchange response = send("POST", "/tasks", JSON, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isIn(
                problem(400, "Request body is not valid JSON"),
                problem(400, "Request body must be a JSON object"));
        assertStoreIsEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "42", "\"text\""})
    void createRejectsABodyThatIsNotAnObject(String body) {
        ApiExchange response = send("POST", "/tasks", JSON, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(problem(400, "Request body must be a JSON object"));
    }

    @Test
    void createRejectsInvalidUtf8() {
        ApiExchange response = sendBytes("POST", "/tasks", JSON,
                new byte[] {'{', '"', 't', 'a', 's', 'k', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(problem(400, "Request body is not valid UTF-8"));
        assertStoreIsEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
            "application/jsonx"})
    void createRejectsANonJsonContentTypeWith415(String contentType) {
        ApiExchange response = send("POST", "/tasks", Map.of("Content-Type", contentType), "{\"task\":\"x\"}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).isEqualTo(problem(415, "Content-Type must be application/json"));
        assertStoreIsEmpty();
    }

    @Test
    void createAcceptsJsonWithAUtf8CharsetInAnyCase() {
        ApiExchange response = send("POST", "/tasks", Map.of("content-type", "Application/JSON; charset=UTF-8"),
                "{\"task\":\"x\"}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void createRejectsABodyOver64KiBWith413() {
        String padding = " ".repeat(64 * 1024);

        ApiExchange response = send("POST", "/tasks", JSON, "{\"task\":\"x\"}" + padding);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(problem(413, "Request body is too large (at most 65536 bytes)"));
        assertStoreIsEmpty();
    }

    @Test
    void createAcceptsABodyOfExactly64KiB() {
        String body = "{\"task\":\"x\"}";
        ApiExchange response = send("POST", "/tasks", JSON, body + " ".repeat(64 * 1024 - body.length()));

        assertThat(response.status()).isEqualTo(201);
    }

    // ---- routing, methods, CORS ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/task", "/tasks/", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057/extra", "/TASKS"})
    void unknownPathsAre404NotFound(String path) {
        ApiExchange response = send("GET", path, Map.of(), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(problem(404, "Not found"));
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void aMethodARouteDoesNotServeIs405WithAllow() {
        ApiExchange collection = send("DELETE", "/tasks", Map.of(), null);
        ApiExchange item = send("POST", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057", JSON, "{}");

        assertThat(collection.status()).isEqualTo(405);
        assertThat(collection.body()).isEqualTo(problem(405, "Method not allowed"));
        assertThat(collection.header("Allow")).contains("GET, HEAD, POST, OPTIONS");
        assertThat(item.status()).isEqualTo(405);
        assertThat(item.header("Allow")).contains("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    }

    @Test
    void preflightIsAnsweredWithTheRoutesMethodsAndAllowedHeaders() {
        ApiExchange response = send("OPTIONS", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057",
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
                        "Access-Control-Request-Headers", "content-type"), null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.header("Access-Control-Allow-Methods")).contains("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
        assertThat(response.header("Access-Control-Allow-Headers")).contains("Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match");
        assertThat(response.header("Access-Control-Max-Age")).contains("600");
    }

    @Test
    void everyResponseCarriesCorsHeadersIncludingErrors() {
        for (ApiExchange response : List.of(
                send("GET", "/tasks", Map.of("Origin", "https://app.example.com"), null),
                send("GET", "/tasks/not-a-uuid", Map.of(), null),
                send("POST", "/tasks", JSON, "{"),
                send("PATCH", "/tasks", Map.of(), null))) {
            assertThat(response.header("Access-Control-Allow-Origin")).as(response.body()).contains("*");
            assertThat(response.header("Access-Control-Expose-Headers")).contains("ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
            assertThat(response.header("X-Request-Id")).isPresent();
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        create("{\"task\":\"x\"}");

        ApiExchange response = send("HEAD", "/tasks", Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void errorBodiesNeverRevealInternals() {
        List<ApiExchange> errors = List.of(
                send("POST", "/tasks", JSON, "{\"task\":{\"deep\":[[[[[[[]]]]]]]}}"),
                send("POST", "/tasks", JSON, "\u0000"),
                send("GET", "/tasks?limit=99999999999999999999", Map.of(), null),
                send("GET", "/tasks?next=%00%2F..%2F", Map.of(), null),
                send("PUT", "/tasks/..%2F..%2Fetc", JSON, "{\"task\":\"x\"}"));
        for (ApiExchange error : errors) {
            assertThat(error.status()).as(error.body()).isBetween(400, 499);
            assertThat(json(error).get("message").getAsString()).isNotBlank();
            assertThat(error.body()).doesNotContain("Exception", "java.", "io.taskapi", "\tat ", "gson");
        }
    }

    // ---- identity and ownership ------------------------------------------------------------------------------------

    @Test
    void everyOperationButThePreflightNeedsCredentials() {
        Matcher created = create("{\"task\":\"mine\"}");
        String taskId = created.group(1);
        Map<String, String> nobody = as("", Map.of());
        List<ApiExchange> answers = List.of(
                send("GET", "/tasks", nobody, null),
                send("HEAD", "/tasks", nobody, null),
                send("POST", "/tasks", as("", JSON), "{\"task\":\"x\"}"),
                send("GET", "/tasks/" + taskId, nobody, null),
                send("HEAD", "/tasks/" + taskId, nobody, null),
                send("PUT", "/tasks/" + taskId, as("", JSON), "{\"status\":\"completed\"}"),
                send("PATCH", "/tasks/" + taskId, as("", MERGE_PATCH), "{\"priority\":\"low\"}"),
                send("DELETE", "/tasks/" + taskId, nobody, null));
        ApiExchange preflight = send("OPTIONS", "/tasks/" + taskId, as("", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "authorization")), null);

        assertThat(preflight.status()).isEqualTo(204);
        if (!api.authenticates()) {
            // One shared owner: a request without credentials is served like any other.
            assertThat(answers).extracting(ApiExchange::status).containsExactly(200, 200, 201, 200, 200, 200, 200, 200);
            return;
        }
        for (ApiExchange answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"tasks\"");
            assertThat(answer.header("Access-Control-Allow-Origin")).contains("*");
            assertThat(answer.header("X-Request-Id")).isPresent();
            assertThat(answer.body()).isIn("", problem(401,
                    "Authentication required: send a bearer token in the Authorization header"));
        }
        assertThat(send("GET", "/tasks/" + taskId, Map.of(), null).body()).isEqualTo(created.group(2));
        assertThat(json(send("GET", "/tasks", Map.of(), null)).get("count").getAsInt()).isEqualTo(1);
    }

    @Test
    void anotherUsersTaskIsNotFoundByAnyOperationNorListedByAnyFilter() {
        ApiExchange created = send("POST", "/tasks", JSON, "{\"task\":\"alice's\",\"priority\":\"high\","
                + "\"due_date\":\"2026-05-01\",\"tags\":[\"home\"]}");
        String id = json(created).get("id").getAsString();
        String task = json(created).getAsJsonObject("task").toString();
        List<String> listings = List.of("/tasks", "/tasks?status=new", "/tasks?priority=high", "/tasks?tag=home",
                "/tasks?status=new&priority=high", "/tasks?sort=due_date", "/tasks?sort=due_date&status=new&tag=home",
                "/tasks?sort=due_date&due_after=2026-01-01&due_before=2026-12-31");

        if (!api.authenticates()) {
            assertThat(send("GET", "/tasks/" + id, as(BOB, Map.of()), null).body()).isEqualTo(task);
            for (String listing : listings) {
                assertThat(ids(send("GET", listing, as(BOB, Map.of()), null))).as(listing).containsExactly(id);
            }
            return;
        }
        Map<String, String> keyedPatch = new LinkedHashMap<>(MERGE_PATCH);
        keyedPatch.put("Idempotency-Key", "bobs-patch");
        keyedPatch.put("If-Match", "*");
        List<ApiExchange> bobs = List.of(
                send("GET", "/tasks/" + id, as(BOB, Map.of()), null),
                send("GET", "/tasks/" + id, as(BOB, Map.of("If-None-Match", "\"1\"")), null),
                send("HEAD", "/tasks/" + id, as(BOB, Map.of()), null),
                send("PUT", "/tasks/" + id, as(BOB, JSON), "{\"task\":\"bob's now\"}"),
                send("PUT", "/tasks/" + id, as(BOB, headers("If-Match", "\"1\"")), "{\"status\":\"completed\"}"),
                send("PUT", "/tasks/" + id, as(BOB, headers("If-Match", "\"7\"")), "{\"status\":\"completed\"}"),
                send("PATCH", "/tasks/" + id, as(BOB, MERGE_PATCH), "{\"status\":\"cancelled\"}"),
                send("PATCH", "/tasks/" + id, as(BOB, keyedPatch), "{\"description\":null}"),
                send("DELETE", "/tasks/" + id, as(BOB, Map.of("If-Match", "\"1\"")), null),
                send("DELETE", "/tasks/" + id, as(BOB, Map.of()), null));

        for (ApiExchange answer : bobs) {
            // Never 403 or 412: another user's task does not exist for this one, whatever the preconditions say.
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).isIn("", NOT_FOUND);
            assertThat(answer.header("ETag")).isEmpty();
        }
        for (String listing : listings) {
            assertThat(send("GET", listing, as(BOB, Map.of()), null).body()).as(listing)
                    .isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
            assertThat(ids(send("GET", listing, Map.of(), null))).as(listing).containsExactly(id);
        }
        ApiExchange alices = send("GET", "/tasks/" + id, Map.of(), null);
        assertThat(alices.body()).isEqualTo(task);
        assertThat(alices.header("ETag")).contains("\"1\"");
    }

    @Test
    void aPageTokenIsBoundToTheUserItWasIssuedTo() {
        for (int i = 0; i < 3; i++) {
            create("{\"task\":\"alice " + i + "\"}");
        }
        String token = json(send("GET", "/tasks?limit=1", Map.of(), null)).get("next").getAsString();

        ApiExchange bobs = send("GET", "/tasks?limit=1&next=" + token, as(BOB, Map.of()), null);

        if (api.authenticates()) {
            assertThat(bobs.status()).isEqualTo(400);
            assertThat(bobs.body()).isEqualTo(VALIDATION_FAILED + "{\"field\":\"next\","
                    + "\"message\":\"is not a valid page token for this query\"}]}");
        } else {
            assertThat(bobs.status()).isEqualTo(200);
        }
        assertThat(send("GET", "/tasks?limit=1&next=" + token, Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyBelongsToTheUserWhoSentIt() {
        Map<String, String> keyed = headers("Idempotency-Key", "same-key-for-everyone");
        ApiExchange alices = send("POST", "/tasks", keyed, "{\"task\":\"alice's\"}");
        assertThat(alices.status()).isEqualTo(201);

        // The very same request from another user: with one key space it would replay alice's task to bob.
        ApiExchange bobsCopy = send("POST", "/tasks", as(BOB, keyed), "{\"task\":\"alice's\"}");
        ApiExchange bobsOther = send("POST", "/tasks", as(BOB, keyed), "{\"task\":\"bob's\"}");

        if (!api.authenticates()) {
            assertThat(bobsCopy.body()).isEqualTo(alices.body());
            assertThat(bobsOther.status()).isEqualTo(422);
            return;
        }
        assertThat(bobsCopy.status()).isEqualTo(201);
        assertThat(json(bobsCopy).get("id").getAsString()).isNotEqualTo(json(alices).get("id").getAsString());
        assertThat(bobsOther.status()).isEqualTo(422);
        assertThat(ids(send("GET", "/tasks", as(BOB, Map.of()), null)))
                .containsExactly(json(bobsCopy).get("id").getAsString());
        assertThat(ids(send("GET", "/tasks", Map.of(), null))).containsExactly(json(alices).get("id").getAsString());
    }

    @Test
    void identityClaimedInHeadersOrTheQueryIsIgnored() {
        String id = create("{\"task\":\"alice's\"}").group(1);
        Map<String, String> spoofed = new LinkedHashMap<>();
        for (String header : List.of("X-User-Id", "X-Owner", "X-Owner-Id", "X-Forwarded-User", "X-Remote-User",
                "Remote-User", "X-Auth-Request-User", "X-Amzn-Oidc-Identity", "X-Authenticated-User", "X-Principal")) {
            spoofed.put(header, ApiTransport.DEFAULT_USER);
        }
        spoofed.put("X-Amzn-Oidc-Data", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");

        ApiExchange read = send("GET", "/tasks/" + id + "?owner=alice&user=user:alice", as(BOB, spoofed), null);
        ApiExchange list = send("GET", "/tasks?owner=alice&sub=alice", as(BOB, spoofed), null);

        if (api.authenticates()) {
            assertThat(read.status()).isEqualTo(404);
            assertThat(ids(list)).isEmpty();
        } else {
            assertThat(read.status()).isEqualTo(200);
            assertThat(ids(list)).containsExactly(id);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Creates a task and returns the match of the 201 body: 1 id, 2 task JSON, 3 text, 4 status, 5 priority, 6 time. */
    private Matcher create(String body) {
        ApiExchange response = send("POST", "/tasks", JSON, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        Matcher created = CREATED.matcher(response.body());
        assertThat(created.matches()).as(response.body()).isTrue();
        return created;
    }

    private void assertStoreIsEmpty() {
        assertThat(send("GET", "/tasks", Map.of(), null).body()).isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
    }

}
