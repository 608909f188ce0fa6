package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.MALFORMED;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.parse;
import static io.taskapi.application.TaskApiHarness.validation;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lists through the core: bodies read strictly, member ids decoded from the path, and If-Match with several tags. */
class TaskApiListsTest {
    TaskApiHarness harness = new TaskApiHarness();

    private String createList(String name) {
        HttpResponse response = harness.send(Request.post("/lists").json("{\"name\":\"" + name + "\"}"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return parse(response.body()).getAsJsonObject().get("id").getAsString();
    }

    /** RFC 8259 only: no {@code \'} escape, no raw control characters, no literals in other cases. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"it\\'s\"}", "{\"name\":\"a\u0001b\"}", "{\"name\":\"a\tb\"}",
        "{\"name\":\"a\"} x", "{\"name\":\"a\",}"})
    void aListBodyMustBeStrictJson(String body) {
        assertResponse(harness.send(Request.post("/lists").json(body)), 400, error(MALFORMED));
        assertThat(harness.send(Request.get("/lists")).body()).contains("\"items\":[]");
    }

    /** A duplicated member is reported, and the members after it are still read. */
    @Test
    void aMemberGivenTwiceIsReportedAndReadingGoesOn() {
        assertResponse(harness.send(Request.post("/lists").json("{\"name\":\"a\",\"name\":{\"x\":[1]},\"colour\":1}")),
                400, validation("name", "must not appear more than once", "colour", "is not a known field"));
    }

    /** An escape is decoded wherever it is in the segment, its first character included. */
    @Test
    void aUserIdInAPathIsDecodedFromItsFirstCharacterOn() {
        String list = createList("x");

        HttpResponse added = harness.send(Request.put("/lists/" + list + "/members/%61uth0%7C42")
                .json("{\"role\":\"viewer\"}"));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(parse(added.body()).getAsJsonObject().get("user_id").getAsString()).isEqualTo("auth0|42");
        assertThat(harness.send(Request.delete("/lists/" + list + "/members/%61uth0|42")).status()).isEqualTo(200);
    }

    @Test
    void aMalformedEscapeInAUserIdIsRefusedAsNoUserId() {
        String list = createList("x");

        assertResponse(harness.send(Request.put("/lists/" + list + "/members/%zzuser").json("{\"role\":\"viewer\"}")),
                400, validation("user_id", "must be a user id: 1 to 256 characters, not blank, no control characters"));
    }

    /** If-Match with several tags succeeds when the list's current version is one of them, and is a 412 otherwise. */
    @Test
    void severalTagsInIfMatchAreResolvedAgainstTheCurrentVersion() {
        String list = createList("x");

        HttpResponse stale = harness.send(Request.of("PATCH", "/lists/" + list).header("If-Match", "\"7\", \"8\"")
                .header("Content-Type", "application/merge-patch+json").body(TaskApiHarness.utf8("{\"name\":\"y\"}")));
        HttpResponse renamed = harness.send(Request.of("PATCH", "/lists/" + list).header("If-Match", "\"7\", \"1\"")
                .header("Content-Type", "application/merge-patch+json").body(TaskApiHarness.utf8("{\"name\":\"y\"}")));
        HttpResponse deleted = harness.send(Request.delete("/lists/" + list).header("If-Match", "\"2\"")
                .header("If-Match", "\"9\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body()).contains("\"name\":\"y\"");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    }
}
