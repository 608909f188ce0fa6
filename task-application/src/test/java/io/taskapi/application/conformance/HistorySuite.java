package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box contract of a task's comments and activity, run with every way the API is served: every role on every
 * route (an owner, an editor and a viewer of a list, and a stranger who never learns that the task exists), one entry
 * per change and none for a change that did not happen, and the history gone with its task.
 */
abstract class HistorySuite extends SharedListsSuite {
    private static final String TASK_NOT_FOUND = problem(404, "Task not found");
    private static final String COMMENT_NOT_FOUND = problem(404, "Comment not found");
    private static final String AUTHOR_OR_OWNER =
            problem(403, "Only the comment's author or an owner of the list can delete it");
    private static final String MISSING_TASK = "01890a5d-ac96-774b-bcce-b302099a8057";

    // ---- roles -----------------------------------------------------------------------------------------------------

    @Test
    void everyMemberCommentsAndReadsAndAStrangerLearnsNothing() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(EDITOR, "{\"task\":\"shared\",\"list_id\":\"" + list + "\"}");

        for (String member : List.of(OWNER, EDITOR, VIEWER)) {
            ApiExchange posted = comment(member, task, "from " + member);
            assertThat(posted.status()).as(member).isEqualTo(201);
            assertThat(json(posted).get("author").getAsString()).isEqualTo(userId(member));
            assertThat(send("GET", "/tasks/" + task + "/comments", by(member), null).status()).isEqualTo(200);
            assertThat(send("GET", "/tasks/" + task + "/activity", by(member), null).status()).isEqualTo(200);
        }
        String someComment = commentIds(task).get(0);
        for (String[] request : List.of(new String[] {"GET", "/tasks/" + task + "/comments"},
                new String[] {"HEAD", "/tasks/" + task + "/comments"}, new String[] {"GET", "/tasks/" + task + "/activity"},
                new String[] {"HEAD", "/tasks/" + task + "/activity"},
                new String[] {"DELETE", "/tasks/" + task + "/comments/" + someComment},
                new String[] {"DELETE", "/tasks/" + task + "/comments/not-a-comment"})) {
            ApiExchange refused = send(request[0], request[1], by(STRANGER), null);
            assertThat(refused.status()).as(request[0] + " " + request[1]).isEqualTo(404);
            if (!request[0].equals("HEAD")) {
                assertThat(refused.body()).isEqualTo(TASK_NOT_FOUND);
            }
        }
        assertThat(comment(STRANGER, task, "let me in").body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(commentIds(task)).hasSize(3);
    }

    @Test
    void aCommentIsDeletedByItsAuthorOrAnOwnerOfTheListOnly() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(OWNER, "{\"task\":\"shared\",\"list_id\":\"" + list + "\"}");
        String owners = json(comment(OWNER, task, "owner's")).get("id").getAsString();
        String editors = json(comment(EDITOR, task, "editor's")).get("id").getAsString();
        String viewers = json(comment(VIEWER, task, "viewer's")).get("id").getAsString();

        assertThat(deleteComment(EDITOR, task, owners).body()).isEqualTo(AUTHOR_OR_OWNER);
        assertThat(deleteComment(VIEWER, task, editors).body()).isEqualTo(AUTHOR_OR_OWNER);
        assertThat(deleteComment(STRANGER, task, viewers).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(commentIds(task)).containsExactly(owners, editors, viewers);

        ApiExchange ownDeleted = deleteComment(VIEWER, task, viewers);
        assertThat(ownDeleted.status()).isEqualTo(200);
        assertThat(ownDeleted.body())
                .isEqualTo("{\"message\":\"Comment deleted successfully\",\"id\":\"" + viewers + "\"}");
        assertThat(deleteComment(OWNER, task, editors).status()).isEqualTo(200);
        assertThat(deleteComment(OWNER, task, editors).body()).isEqualTo(COMMENT_NOT_FOUND);
        assertThat(deleteComment(OWNER, task, "not-a-comment").body()).isEqualTo(COMMENT_NOT_FOUND);
        assertThat(commentIds(task)).containsExactly(owners);
    }

    @Test
    void anOwnTaskIsDiscussedByItsOwnerAloneAndAnotherUserFindsNothing() {
        String task = createTask(OWNER, "{\"task\":\"mine\"}");
        String comment = json(comment(OWNER, task, "note to self")).get("id").getAsString();

        assertThat(commentIds(task)).containsExactly(comment);
        if (api.authenticates()) {
            assertThat(comment(BOB, task, "hi").body()).isEqualTo(TASK_NOT_FOUND);
            assertThat(send("GET", "/tasks/" + task + "/comments", by(BOB), null).body()).isEqualTo(TASK_NOT_FOUND);
            assertThat(send("GET", "/tasks/" + task + "/activity", by(BOB), null).body()).isEqualTo(TASK_NOT_FOUND);
            assertThat(deleteComment(BOB, task, comment).body()).isEqualTo(TASK_NOT_FOUND);
        }
        assertThat(deleteComment(OWNER, task, comment).status()).isEqualTo(200);
        for (String path : List.of("/tasks/" + MISSING_TASK + "/comments", "/tasks/" + MISSING_TASK + "/activity",
                "/tasks/not-an-id/comments", "/tasks/not-an-id/activity")) {
            assertThat(send("GET", path, Map.of(), null).body()).as(path).isEqualTo(TASK_NOT_FOUND);
        }
        assertThat(comment(OWNER, MISSING_TASK, "x").body()).isEqualTo(TASK_NOT_FOUND);
    }

    @Test
    void everyHistoryRouteRefusesAClientWithoutCredentials() {
        assumeTrue(api.authenticates());
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String comment = json(comment(OWNER, task, "c")).get("id").getAsString();

        for (String[] request : List.of(new String[] {"GET", "/tasks/" + task + "/comments"},
                new String[] {"HEAD", "/tasks/" + task + "/comments"}, new String[] {"GET", "/tasks/" + task + "/activity"},
                new String[] {"HEAD", "/tasks/" + task + "/activity"},
                new String[] {"DELETE", "/tasks/" + task + "/comments/" + comment})) {
            assertThat(send(request[0], request[1], as("", Map.of()), null).status())
                    .as(request[0] + " " + request[1]).isEqualTo(401);
        }
        assertThat(send("POST", "/tasks/" + task + "/comments", as("", JSON), "{\"text\":\"x\"}").status())
                .isEqualTo(401);
        assertThat(commentIds(task)).containsExactly(comment);
    }

    @Test
    void theRoutesAllowTheirMethodsAndHeadAnswersAsGet() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        comment(OWNER, task, "c");

        assertThat(send("PUT", "/tasks/" + task + "/comments", JSON, "{}").header("Allow"))
                .contains("GET, HEAD, POST, OPTIONS");
        assertThat(send("GET", "/tasks/" + task + "/comments/" + MISSING_TASK, Map.of(), null).header("Allow"))
                .contains("DELETE, OPTIONS");
        assertThat(send("POST", "/tasks/" + task + "/activity", JSON, "{}").header("Allow"))
                .contains("GET, HEAD, OPTIONS");
        for (String path : List.of("/tasks/" + task + "/comments", "/tasks/" + task + "/activity",
                "/tasks/" + task + "/comments?limit=0", "/tasks/" + task + "/activity?next=forged",
                "/tasks/" + MISSING_TASK + "/comments")) {
            ApiExchange get = send("GET", path, Map.of(), null);
            ApiExchange head = send("HEAD", path, Map.of(), null);
            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    // ---- comments --------------------------------------------------------------------------------------------------

    @Test
    void aCommentIsCreatedWithItsLocationAndListedOldestFirstInPages() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        ApiExchange created = comment(OWNER, task, "  first line\nsecond line  ");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"id\":\"(" + UUID + ")\",\"task_id\":\"" + task + "\",\"author\":\""
                + userId(OWNER) + "\",\"text\":\"first line\\\\nsecond line\",\"created_at\":[0-9]+}");
        String first = json(created).get("id").getAsString();
        assertThat(created.header("Location")).contains(api.basePath() + "/tasks/" + task + "/comments/" + first);
        String second = json(comment(OWNER, task, "two")).get("id").getAsString();
        String third = json(comment(OWNER, task, "three")).get("id").getAsString();

        ApiExchange page = send("GET", "/tasks/" + task + "/comments?limit=2", Map.of(), null);
        assertThat(ids(page)).containsExactly(first, second);
        assertThat(json(page).get("count").getAsInt()).isEqualTo(2);
        String next = json(page).get("next").getAsString();
        ApiExchange rest = send("GET", "/tasks/" + task + "/comments?limit=2&next=" + next, Map.of(), null);
        assertThat(ids(rest)).containsExactly(third);
        assertThat(json(rest).get("next").isJsonNull()).isTrue();

        String other = createTask(OWNER, "{\"task\":\"other\"}");
        assertThat(send("GET", "/tasks/" + other + "/comments?next=" + next, Map.of(), null).body())
                .isEqualTo(validation("next", "is not a valid page token for this query"));
        assertThat(send("GET", "/tasks/" + task + "/comments?limit=101", Map.of(), null).body())
                .isEqualTo(validation("limit", "must be an integer from 1 to 100"));
    }

    @Test
    void aCommentFollowsItsRuleAndABadOneChangesNothing() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String path = "/tasks/" + task + "/comments";

        assertThat(send("POST", path, JSON, "{\"text\":\"   \"}").body())
                .isEqualTo(validation("text", "must not be empty"));
        assertThat(send("POST", path, JSON, "{\"text\":\"" + "x".repeat(2001) + "\"}").body())
                .isEqualTo(validation("text", "must be at most 2000 characters"));
        assertThat(send("POST", path, JSON, "{\"text\":\"a\\tb\"}").body())
                .isEqualTo(validation("text", "must not contain control characters other than line breaks"));
        assertThat(send("POST", path, JSON, "{}").body()).isEqualTo(validation("text", "is required"));
        assertThat(send("POST", path, JSON, "{\"text\":7}").body()).isEqualTo(validation("text", "must be a string"));
        assertThat(send("POST", path, JSON, "{\"text\":\"x\",\"mood\":\"happy\"}").body())
                .isEqualTo(validation("mood", "is not a known field"));
        assertThat(send("POST", path, JSON, "{\"text\":\"x\",\"author\":\"me\"}").body())
                .isEqualTo(validation("author", "is set by the server and cannot be written"));
        assertThat(send("POST", path, JSON, "[]").status()).isEqualTo(400);
        assertThat(send("POST", path, JSON, "{\"text\":").status()).isEqualTo(400);
        assertThat(send("POST", path, Map.of("Content-Type", "text/plain"), "{\"text\":\"x\"}").status())
                .isEqualTo(415);
        assertThat(send("POST", path, JSON, "{\"text\":\"" + "é".repeat(2000) + "\"}").status()).isEqualTo(201);
        assertThat(commentIds(task)).hasSize(1);
        assertThat(actions(task)).containsExactly("commented", "created");
    }

    @Test
    void anIdempotentRetryOfACommentIsOneCommentAndOneEntry() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        Map<String, String> keyed = headers("Idempotency-Key", "comment-retry-1");

        ApiExchange first = send("POST", "/tasks/" + task + "/comments", keyed, "{\"text\":\"once\"}");
        ApiExchange retry = send("POST", "/tasks/" + task + "/comments", keyed, "{ \"text\" : \"once\" }");
        ApiExchange other = send("POST", "/tasks/" + task + "/comments", keyed, "{\"text\":\"twice\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.status()).isEqualTo(422);
        assertThat(commentIds(task)).hasSize(1);
        assertThat(actions(task)).containsExactly("commented", "created");
    }

    @Test
    void commentsDoNotChangeTheTasksVersion() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        comment(OWNER, task, "c");

        assertThat(send("GET", "/tasks/" + task, Map.of(), null).header("ETag")).contains("\"1\"");
        assertThat(send("PUT", "/tasks/" + task, headers("If-Match", "\"1\""), "{\"task\":\"t2\"}").status())
                .isEqualTo(200);
    }

    // ---- activity --------------------------------------------------------------------------------------------------

    @Test
    void theCreationIsTheFirstEntryWithEveryFieldItWasCreatedWith() {
        String task = createTask(OWNER, "{\"task\":\"Plan\",\"priority\":\"high\",\"due_date\":\"2026-09-01\","
                + "\"tags\":[\"q3\",\"launch\"],\"description\":\"the whole plan\"}");

        ApiExchange activity = send("GET", "/tasks/" + task + "/activity", Map.of(), null);

        assertThat(activity.status()).isEqualTo(200);
        assertThat(activity.body()).matches("\\{\"items\":\\[\\{\"id\":\"1\",\"at\":[0-9]+,\"actor\":\""
                + userId(OWNER) + "\",\"action\":\"created\",\"changes\":\\{"
                + "\"task\":\\{\"from\":null,\"to\":\"Plan\"},\"status\":\\{\"from\":null,\"to\":\"new\"},"
                + "\"priority\":\\{\"from\":null,\"to\":\"high\"},"
                + "\"description\":\\{\"from\":null,\"to\":\"the whole plan\"},"
                + "\"due_date\":\\{\"from\":null,\"to\":\"2026-09-01\"},"
                + "\"tags\":\\{\"from\":null,\"to\":\\[\"q3\",\"launch\"]}}}],\"count\":1,\"next\":null}");
    }

    @Test
    void eachChangeIsOneEntryAndAChangeOfNothingIsNone() {
        String task = createTask(OWNER, "{\"task\":\"Plan\",\"tags\":[\"a\"]}");

        send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"priority\":\"urgent\",\"tags\":null}");
        send("PUT", "/tasks/" + task, JSON, "{\"task\":\"Plan\",\"priority\":\"urgent\"}");
        send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"status\":\"completed\"}");

        JsonArray items = json(send("GET", "/tasks/" + task + "/activity", Map.of(), null)).getAsJsonArray("items");
        assertThat(actions(task)).containsExactly("updated", "updated", "created");
        JsonObject priority = items.get(1).getAsJsonObject().getAsJsonObject("changes");
        assertThat(priority.keySet()).containsExactly("priority", "tags");
        assertThat(priority.getAsJsonObject("priority").toString()).isEqualTo("{\"from\":\"medium\",\"to\":\"urgent\"}");
        assertThat(priority.getAsJsonObject("tags").toString()).isEqualTo("{\"from\":[\"a\"],\"to\":null}");
        assertThat(items.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("3");
        assertThat(json(send("GET", "/tasks/" + task, Map.of(), null)).get("status").getAsString())
                .isEqualTo("completed");
    }

    @Test
    void aLostRaceAndARejectedRequestWriteNoEntry() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"task\":\"t2\"}");

        assertThat(send("PUT", "/tasks/" + task, headers("If-Match", "\"1\""), "{\"task\":\"stale\"}").status())
                .isEqualTo(412);
        assertThat(send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"priority\":\"enormous\"}").status())
                .isEqualTo(400);
        assertThat(send("DELETE", "/tasks/" + task, Map.of("If-Match", "\"1\""), null).status()).isEqualTo(412);

        assertThat(actions(task)).containsExactly("updated", "created");
    }

    @Test
    void movesAssignmentsAndCommentsAreNamedForWhatTheyAre() {
        String list = sharedList();
        String other = createList(OWNER, "Other");
        String task = createTask(OWNER, "{\"task\":\"t\",\"list_id\":\"" + list + "\"}");
        String editor = userId(EDITOR);

        send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"assignee\":\"" + editor + "\"}");
        send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"list_id\":\"" + other + "\",\"assignee\":null}");
        String comment = json(comment(OWNER, task, "moved it")).get("id").getAsString();
        deleteComment(OWNER, task, comment);

        assertThat(actions(task)).containsExactly("comment_deleted", "commented", "moved", "assigned", "created");
        JsonArray items = json(send("GET", "/tasks/" + task + "/activity", Map.of(), null)).getAsJsonArray("items");
        assertThat(items.get(0).getAsJsonObject().get("comment_id").getAsString()).isEqualTo(comment);
        assertThat(items.get(0).getAsJsonObject().getAsJsonObject("changes").keySet()).isEmpty();
        assertThat(items.get(2).getAsJsonObject().getAsJsonObject("changes").toString()).isEqualTo(
                "{\"list_id\":{\"from\":\"" + list + "\",\"to\":\"" + other + "\"},\"assignee\":{\"from\":\""
                        + editor + "\",\"to\":null}}");
        assertThat(items.get(3).getAsJsonObject().getAsJsonObject("changes").toString())
                .isEqualTo("{\"assignee\":{\"from\":null,\"to\":\"" + editor + "\"}}");
        assertThat(items.get(3).getAsJsonObject().has("comment_id")).isFalse();
    }

    @Test
    void removingAMemberUnassignsTheirTasksWithAnEntryByWhoRemovedThem() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(OWNER, "{\"task\":\"t\",\"list_id\":\"" + list + "\",\"assignee\":\""
                + userId(EDITOR) + "\"}");

        assertThat(send("DELETE", "/lists/" + list + "/members/" + userId(EDITOR), Map.of(), null).status())
                .isEqualTo(200);

        JsonObject latest = json(send("GET", "/tasks/" + task + "/activity", Map.of(), null)).getAsJsonArray("items")
                .get(0).getAsJsonObject();
        assertThat(latest.get("action").getAsString()).isEqualTo("assigned");
        assertThat(latest.get("actor").getAsString()).isEqualTo(userId(OWNER));
        assertThat(latest.getAsJsonObject("changes").toString())
                .isEqualTo("{\"assignee\":{\"from\":\"" + userId(EDITOR) + "\",\"to\":null}}");
    }

    @Test
    void activityIsPagedNewestFirstAndItsTokenIsBoundToTheTask() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        for (int i = 1; i <= 4; i++) {
            send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"task\":\"t" + i + "\"}");
        }

        ApiExchange page = send("GET", "/tasks/" + task + "/activity?limit=3", Map.of(), null);
        assertThat(ids(page)).containsExactly("5", "4", "3");
        String next = json(page).get("next").getAsString();
        assertThat(ids(send("GET", "/tasks/" + task + "/activity?limit=3&next=" + next, Map.of(), null)))
                .containsExactly("2", "1");
        String other = createTask(OWNER, "{\"task\":\"other\"}");
        assertThat(send("GET", "/tasks/" + other + "/activity?next=" + next, Map.of(), null).body())
                .isEqualTo(validation("next", "is not a valid page token for this query"));
    }

    @Test
    void aDeletedTaskTakesItsCommentsAndActivityWithIt() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String comment = json(comment(OWNER, task, "bye")).get("id").getAsString();

        assertThat(send("DELETE", "/tasks/" + task, Map.of(), null).status()).isEqualTo(200);

        assertThat(send("GET", "/tasks/" + task + "/comments", Map.of(), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("GET", "/tasks/" + task + "/activity", Map.of(), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(deleteComment(OWNER, task, comment).body()).isEqualTo(TASK_NOT_FOUND);
    }

    @Test
    void aViewerReadsTheHistoryButCannotChangeTheTask() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(OWNER, "{\"task\":\"t\",\"list_id\":\"" + list + "\"}");

        assertThat(send("PATCH", "/tasks/" + task, as(VIEWER, MERGE_PATCH), "{\"task\":\"mine\"}").status())
                .isEqualTo(403);

        assertThat(send("GET", "/tasks/" + task + "/activity", by(VIEWER), null).status()).isEqualTo(200);
        assertThat(actions(task)).containsExactly("created");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    ApiExchange comment(String user, String task, String text) {
        JsonObject body = new JsonObject();
        body.addProperty("text", text);
        return send("POST", "/tasks/" + task + "/comments", as(user, JSON), body.toString());
    }

    ApiExchange deleteComment(String user, String task, String comment) {
        return send("DELETE", "/tasks/" + task + "/comments/" + comment, by(user), null);
    }

    List<String> commentIds(String task) {
        return ids(send("GET", "/tasks/" + task + "/comments", Map.of(), null));
    }

    /** The actions of the task's activity as its owner reads them, newest first. */
    List<String> actions(String task) {
        List<String> actions = new ArrayList<>();
        for (JsonElement item : json(send("GET", "/tasks/" + task + "/activity", Map.of(), null))
                .getAsJsonArray("items")) {
            actions.add(item.getAsJsonObject().get("action").getAsString());
        }
        return actions;
    }
}
