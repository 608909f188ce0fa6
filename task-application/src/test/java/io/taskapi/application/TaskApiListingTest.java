package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.ID2;
import static io.taskapi.application.TaskApiHarness.PRIORITY_VALUES;
import static io.taskapi.application.TaskApiHarness.STATUS_VALUES;
import static io.taskapi.application.TaskApiHarness.T0;
import static io.taskapi.application.TaskApiHarness.anyOriginHeaders;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.parse;
import static io.taskapi.application.TaskApiHarness.taskJson;
import static io.taskapi.application.TaskApiHarness.validation;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static io.taskapi.domain.SequentialIdGenerator.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.taskapi.application.TaskApiHarness.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /tasks beyond the suite: headers, ties in time, combined filters, and each refused query's exact answer. */
class TaskApiListingTest {
    static final String LIMIT_RANGE = "must be an integer from 1 to 100";
    static final String BAD_TOKEN = "is not a valid page token for this query";

    TaskApiHarness harness = new TaskApiHarness();

    @Test
    void anEmptyListingHasTheDocumentedShape() {
        HttpResponse response = harness.send(Request.get("/tasks"));

        assertResponse(response, 200, "{\"items\":[],\"count\":0,\"next\":null}");
        assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(anyOriginHeaders(Map.of()));
    }

    /** All seven tasks are created in the same second, so the order newest first falls back on their ids. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100})
    void pagesThroughEveryTaskOnceWithSealedTokens(int limit) {
        for (int i = 0; i < 7; i++) {
            harness.create("t" + i);
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Request request = Request.get("/tasks").query("limit", String.valueOf(limit));
            if (next != null) {
                request.query("next", next);
            }
            HttpResponse response = harness.send(request);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonObject page = parse(response.body()).getAsJsonObject();
            page.getAsJsonArray("items").forEach(item -> seen.add(item.getAsJsonObject().get("id").getAsString()));
            assertThat(page.get("count").getAsInt()).isEqualTo(page.getAsJsonArray("items").size())
                    .isLessThanOrEqualTo(limit);
            next = page.get("next").isJsonNull() ? null : page.get("next").getAsString();
            pages++;
        } while (next != null);

        assertThat(seen).containsExactly(id(7), id(6), id(5), id(4), id(3), id(2), id(1));
        assertThat(pages).isEqualTo((7 + limit - 1) / limit);
    }

    @Test
    void filtersByStatusAndPriority() {
        harness.send(Request.post("/tasks").json("{\"task\":\"a\",\"status\":\"completed\",\"priority\":\"high\"}"));
        harness.send(Request.post("/tasks").json("{\"task\":\"b\",\"status\":\"completed\",\"priority\":\"low\"}"));
        harness.send(Request.post("/tasks").json("{\"task\":\"c\",\"status\":\"new\",\"priority\":\"high\"}"));

        assertThat(texts(Request.get("/tasks").query("status", "completed"))).containsExactly("b", "a");
        assertThat(texts(Request.get("/tasks").query("priority", "high"))).containsExactly("c", "a");
        assertThat(texts(Request.get("/tasks").query("status", "completed").query("priority", "high")))
                .containsExactly("a");
        assertThat(texts(Request.get("/tasks").query("status", "cancelled"))).isEmpty();
    }

    @Test
    void emptyFilterAndTokenParametersAreIgnored() {
        harness.create("a");

        assertThat(texts(Request.get("/tasks").query("status", "").query("priority", "").query("next", "")))
                .containsExactly("a");
    }

    @Test
    void filtersByTagAndListsByDueDateEarliestFirst() {
        harness.send(Request.post("/tasks").json("{\"task\":\"a\",\"tags\":[\"work\"],\"due_date\":\"2026-03-01\"}"));
        harness.send(Request.post("/tasks").json("{\"task\":\"b\",\"tags\":[\"home\"],\"due_date\":\"2026-01-01\"}"));
        harness.send(Request.post("/tasks").json("{\"task\":\"c\",\"tags\":[\"work\"]}"));
        harness.send(Request.post("/tasks").json("{\"task\":\"d\",\"due_date\":\"2026-02-01\",\"status\":\"completed\"}"));

        assertThat(texts(Request.get("/tasks").query("tag", "work"))).containsExactly("c", "a");
        assertThat(texts(Request.get("/tasks").query("sort", "due_date"))).containsExactly("b", "d", "a");
        assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("due_after", "2026-01-01")))
                .containsExactly("d", "a");
        assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("due_before", "2026-03-01")
                .query("status", "new"))).containsExactly("b");
        assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("tag", "work"))).containsExactly("a");
        assertThat(texts(Request.get("/tasks").query("sort", "created_at").query("tag", ""))).hasSize(4);
    }

    @Test
    void aTagGivenTwiceIsRejected() {
        Request twoTags = Request.get("/tasks").query("sort", "due_date").query("tag", "a").query("tag", "b");

        assertResponse(harness.send(twoTags), 400, validation("tag", "must be given at most once"));
    }

    @Test
    void aPageTokenIsBoundToTheWholeQuery() {
        for (int i = 0; i < 3; i++) {
            harness.send(Request.post("/tasks").json("{\"task\":\"t" + i + "\",\"tags\":[\"x\"],\"due_date\":\"2026-01-0"
                    + (i + 1) + "\"}"));
        }
        String next = nextToken(Request.get("/tasks").query("limit", "1").query("sort", "due_date"));

        assertThat(harness.send(Request.get("/tasks").query("limit", "1").query("sort", "due_date")
                .query("next", next)).status()).isEqualTo(200);
        for (Request other : List.of(Request.get("/tasks"), Request.get("/tasks").query("sort", "due_date")
                        .query("tag", "x"), Request.get("/tasks").query("sort", "due_date")
                        .query("due_before", "2027-01-01"))) {
            assertResponse(harness.send(other.query("limit", "1").query("next", next)), 400,
                    validation("next", BAD_TOKEN));
        }
    }

    /** The suite checks each of its limits by the field alone, and the message only for 101. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "1e2", " 5", "5 ", "+5", "1000", "99999999999", "0x10",
            "\u0665", "２", "101", "1:", "/1", "0000000100", "000000000"})
    void rejectsALimitThatIsNotAnIntegerFrom1To100(String limit) {
        assertResponse(harness.send(Request.get("/tasks").query("limit", limit)), 400,
                validation("limit", LIMIT_RANGE));
    }

    /** Both ends of 1 to 100, every digit, and leading zeros up to nine digits in all (which always fit an int). */
    @ParameterizedTest
    @ValueSource(strings = {"1", "100", "25", "9", "99", "10", "007", "000000100"})
    void acceptsALimitFrom1To100(String limit) {
        harness.create("a");
        harness.create("b");

        HttpResponse page = harness.send(Request.get("/tasks").query("limit", limit));

        assertThat(page.status()).isEqualTo(200);
        assertThat(parse(page.body()).getAsJsonObject().getAsJsonArray("items"))
                .hasSize(Math.min(2, Integer.parseInt(limit)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit", "status", "priority", "next"})
    void rejectsAParameterGivenTwice(String name) {
        String value = name.equals("limit") ? "5" : name.equals("priority") ? "low" : "new";

        assertResponse(harness.send(Request.get("/tasks").query(name, value, value)), 400,
                validation(name, "must be given at most once"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"New", "done", " new", "in-progress", "all"})
    void rejectsAnUnknownStatusFilter(String status) {
        assertResponse(harness.send(Request.get("/tasks").query("status", status)), 400,
                validation("status", STATUS_VALUES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGH", "High", "critical", "low "})
    void rejectsAnUnknownPriorityFilter(String priority) {
        assertResponse(harness.send(Request.get("/tasks").query("priority", priority)), 400,
                validation("priority", PRIORITY_VALUES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00", "a+b/c="})
    void rejectsAGarbagePageToken(String next) {
        assertResponse(harness.send(Request.get("/tasks").query("next", next)), 400,
                validation("next", BAD_TOKEN));
    }

    @Test
    void rejectsAnOverlongPageToken() {
        assertResponse(harness.send(Request.get("/tasks").query("next", "A".repeat(5000))), 400,
                validation("next", BAD_TOKEN));
    }

    @Test
    void rejectsAPageTokenFromAnotherFilter() {
        for (int i = 0; i < 3; i++) {
            harness.create("t" + i);
        }
        String next = nextToken(Request.get("/tasks").query("limit", "1"));

        assertResponse(harness.send(Request.get("/tasks").query("limit", "1").query("status", "new")
                .query("next", next)), 400, validation("next", BAD_TOKEN));
        assertResponse(harness.send(Request.get("/tasks").query("limit", "2").query("next", next)), 200,
                "{\"items\":[" + taskJson(ID2, "t1", "new", "medium", T0, T0) + ","
                        + taskJson(ID1, "t0", "new", "medium", T0, T0) + "],\"count\":2,\"next\":null}");
    }

    @Test
    void reportsOneQueryProblemAtATime() {
        // Unlike a body, a query is checked one parameter at a time, so only the first problem found is reported.
        HttpResponse response = harness.send(Request.get("/tasks").query("limit", "abc").query("status", "bad")
                .query("priority", "bad").query("next", "bad"));

        assertResponse(response, 400, validation("limit", LIMIT_RANGE));
    }

    private List<String> texts(Request request) {
        HttpResponse response = harness.send(request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        parse(response.body()).getAsJsonObject().getAsJsonArray("items")
                .forEach(item -> texts.add(item.getAsJsonObject().get("task").getAsString()));
        return texts;
    }

    private String nextToken(Request request) {
        JsonElement next = parse(harness.send(request).body()).getAsJsonObject().get("next");
        assertThat(next.isJsonNull()).isFalse();
        return next.getAsString();
    }
}
