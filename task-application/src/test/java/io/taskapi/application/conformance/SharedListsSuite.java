package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box contract of shared lists, run with every way the API is served: lists, members by role, invitations,
 * tasks in lists, assignment and {@code /me}. With authentication, four users act on one list: its owner, an editor, a
 * viewer and a stranger; every route is tried with every role, and a stranger never learns that the list exists.
 * Without authentication everyone is the one shared user, who owns every list.
 */
abstract class SharedListsSuite extends ConformanceBase {
    /** The list's owner: the suite's default user. */
    static final String OWNER = ApiTransport.DEFAULT_USER;
    static final String EDITOR = "erin";
    static final String VIEWER = "vic";
    static final String STRANGER = "sam";
    private static final String LIST_NOT_FOUND = problem(404, "List not found");
    private static final String TASK_NOT_FOUND = problem(404, "Task not found");
    private static final String OWNER_NEEDED = problem(403, "This needs the owner role in the list");
    private static final String EDITOR_NEEDED = problem(403, "This needs the editor or owner role in the list");
    private static final String LAST_OWNER =
            problem(409, "A list needs at least one owner: make another member an owner first");

    // ---- the caller ------------------------------------------------------------------------------------------------

    @Test
    void meNamesTheCallersUserId() {
        ApiExchange me = send("GET", "/me", Map.of(), null);

        assertThat(me.status()).isEqualTo(200);
        JsonObject body = json(me);
        assertThat(body.keySet()).containsExactly("user_id", "name");
        assertThat(body.get("name").isJsonNull() || body.get("name").getAsJsonPrimitive().isString()).isTrue();
        if (api.authenticates()) {
            assertThat(userId(OWNER)).isNotEqualTo(userId(EDITOR)).isNotEqualTo("shared");
        } else {
            assertThat(body.get("user_id").getAsString()).isEqualTo("shared");
            assertThat(userId(EDITOR)).isEqualTo("shared");
        }
    }

    @Test
    void everyListRouteRefusesAClientWithoutCredentials() {
        assumeTrue(api.authenticates());
        String list = createList(OWNER, "Launch");
        String member = "/lists/" + list + "/members/someone";

        for (String[] request : List.of(new String[] {"GET", "/me"}, new String[] {"HEAD", "/me"},
                new String[] {"GET", "/lists"}, new String[] {"HEAD", "/lists"}, new String[] {"GET", "/lists/" + list},
                new String[] {"HEAD", "/lists/" + list}, new String[] {"DELETE", "/lists/" + list},
                new String[] {"GET", "/lists/" + list + "/members"}, new String[] {"HEAD", "/lists/" + list + "/members"},
                new String[] {"DELETE", member}, new String[] {"POST", "/invitations/" + "A".repeat(43)})) {
            ApiExchange refused = send(request[0], request[1], as("", Map.of()), null);
            assertThat(refused.status()).as(request[0] + " " + request[1]).isEqualTo(401);
        }
        assertThat(send("POST", "/lists", as("", JSON), "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(send("PATCH", "/lists/" + list, as("", MERGE_PATCH), "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(send("PUT", member, as("", JSON), "{\"role\":\"viewer\"}").status()).isEqualTo(401);
        assertThat(send("POST", "/lists/" + list + "/invitations", as("", JSON), "{\"role\":\"viewer\"}").status())
                .isEqualTo(401);
        assertThat(json(send("GET", "/lists/" + list, Map.of(), null)).get("name").getAsString()).isEqualTo("Launch");
        assertThat(memberIds(list)).containsExactly(userId(OWNER));
    }

    @Test
    void headAnswersAsGetWithoutABody() {
        String list = createList(OWNER, "Heads");
        for (String path : List.of("/me", "/lists", "/lists/" + list, "/lists/" + list + "/members",
                "/lists?limit=0", "/lists/" + list + "/members?next=forged",
                "/lists/01890a5d-ac96-774b-bcce-b302099a8057", "/lists/01890a5d-ac96-774b-bcce-b302099a8057/members",
                "/tasks?list_id=01890a5d-ac96-774b-bcce-b302099a8057")) {
            ApiExchange get = send("GET", path, Map.of(), null);
            ApiExchange head = send("HEAD", path, Map.of(), null);

            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.body()).as(path).isEmpty();
        }
        ApiExchange notModified = send("HEAD", "/lists/" + list, Map.of("If-None-Match", "\"1\""), null);
        assertThat(notModified.status()).isEqualTo(304);
    }

    @Test
    void membersAndInvitationsRefuseWhatTheyCannotRead() {
        String list = createList(OWNER, "x");

        assertThat(send("GET", "/lists/" + list + "/members?limit=101", Map.of(), null).body())
                .isEqualTo(validation("limit", "must be an integer from 1 to 100"));
        assertThat(send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"king\"}").body())
                .isEqualTo(validation("role", "must be one of: owner, editor, viewer"));
        assertThat(send("POST", "/lists/" + list + "/invitations", JSON, "[]").status()).isEqualTo(400);
        assertThat(send("POST", "/lists/" + list + "/invitations", Map.of("Content-Type", "text/plain"),
                "{\"role\":\"viewer\"}").status()).isEqualTo(415);
        assertThat(send("PUT", "/lists/" + list + "/members/someone", Map.of("Content-Type", "text/plain"),
                "{\"role\":\"viewer\"}").status()).isEqualTo(415);
        assertThat(send("POST", "/lists", Map.of("Content-Type", "text/plain"), "{\"name\":\"x\"}").status())
                .isEqualTo(415);
        assertThat(memberIds(list)).containsExactly(userId(OWNER));
    }

    // ---- lists -----------------------------------------------------------------------------------------------------

    @Test
    void createAListMakesTheCallerItsOwner() {
        ApiExchange created = send("POST", "/lists", JSON, "{\"name\": \"  Launch plan \"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"id\":\"(" + UUID + ")\",\"name\":\"Launch plan\",\"role\":\"owner\","
                + "\"created_at\":([0-9]+),\"updated_at\":\\2}");
        String id = json(created).get("id").getAsString();
        assertThat(created.header("Location")).contains(api.basePath() + "/lists/" + id);
        assertThat(created.header("ETag")).contains("\"1\"");
        ApiExchange read = send("GET", "/lists/" + id, Map.of(), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(read.header("ETag")).contains("\"1\"");
    }

    @Test
    void aListNameFollowsItsRule() {
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"   \"}").body())
                .isEqualTo(validation("name", "must not be empty"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"" + "x".repeat(101) + "\"}").body())
                .isEqualTo(validation("name", "must be at most 100 characters"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"a\\u0007b\"}").body())
                .isEqualTo(validation("name", "must not contain control characters"));
        assertThat(send("POST", "/lists", JSON, "{}").body()).isEqualTo(validation("name", "is required"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":7}").body()).isEqualTo(validation("name", "must be a string"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"x\",\"owner\":\"me\"}").body())
                .isEqualTo(validation("owner", "is not a known field"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"x\",\"id\":\"y\"}").body())
                .isEqualTo(validation("id", "is set by the server and cannot be written"));
        assertThat(send("POST", "/lists", JSON, "{\"name\":\"" + "é".repeat(100) + "\"}").status()).isEqualTo(201);
        assertThat(lists(OWNER)).hasSize(1);
    }

    @Test
    void listsAreListedNewestFirstInPagesWithTheCallersRole() {
        String first = createList(OWNER, "first");
        String second = createList(OWNER, "second");
        String third = createList(OWNER, "third");

        ApiExchange page = send("GET", "/lists?limit=2", Map.of(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(ids(page)).containsExactly(third, second);
        assertThat(json(page).get("count").getAsInt()).isEqualTo(2);
        String next = json(page).get("next").getAsString();
        ApiExchange rest = send("GET", "/lists?limit=2&next=" + next, Map.of(), null);
        assertThat(ids(rest)).containsExactly(first);
        assertThat(json(rest).get("next").isJsonNull()).isTrue();
        assertThat(json(rest).getAsJsonArray("items").get(0).getAsJsonObject().get("role").getAsString())
                .isEqualTo("owner");
        assertThat(send("GET", "/lists?limit=0", Map.of(), null).body())
                .isEqualTo(validation("limit", "must be an integer from 1 to 100"));
        assertThat(send("GET", "/lists?next=forged", Map.of(), null).body())
                .isEqualTo(validation("next", "is not a valid page token for this query"));
    }

    @Test
    void renamingIsAMergePatchWithConditions() {
        String list = createList(OWNER, "draft");

        ApiExchange renamed = send("PATCH", "/lists/" + list, headers(MERGE_PATCH, "If-Match", "\"1\""),
                "{\"name\":\"final\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(json(renamed).get("name").getAsString()).isEqualTo("final");
        assertThat(renamed.header("ETag")).contains("\"2\"");

        ApiExchange stale = send("PATCH", "/lists/" + list, headers(MERGE_PATCH, "If-Match", "\"1\""),
                "{\"name\":\"lost\"}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(send("PATCH", "/lists/" + list, MERGE_PATCH, "{\"name\":null}").body())
                .isEqualTo(validation("name", "is required and cannot be removed"));
        assertThat(send("PATCH", "/lists/" + list, JSON, "{\"name\":\"x\"}").status()).isEqualTo(415);
        ApiExchange notModified = send("GET", "/lists/" + list, Map.of("If-None-Match", "\"2\""), null);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(json(send("GET", "/lists/" + list, Map.of(), null)).get("name").getAsString()).isEqualTo("final");
    }

    @Test
    void aRetriedCreateWithAnIdempotencyKeyMakesOneList() {
        Map<String, String> keyed = headers(JSON, "Idempotency-Key", "list-1");

        ApiExchange first = send("POST", "/lists", keyed, "{\"name\":\"once\"}");
        ApiExchange retry = send("POST", "/lists", keyed, "{ \"name\" : \"once\" }");
        ApiExchange other = send("POST", "/lists", keyed, "{\"name\":\"twice\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.status()).isEqualTo(422);
        assertThat(lists(OWNER)).hasSize(1);
        String list = json(first).get("id").getAsString();
        Map<String, String> rename = headers(MERGE_PATCH, "Idempotency-Key", "rename-1");
        assertThat(send("PATCH", "/lists/" + list, rename, "{\"name\":\"one\"}").status()).isEqualTo(200);
        assertThat(send("PATCH", "/lists/" + list, rename, "{\"name\":\"two\"}").status()).isEqualTo(422);
        assertThat(json(send("GET", "/lists/" + list, Map.of(), null)).get("name").getAsString()).isEqualTo("one");
        Map<String, String> invite = headers(JSON, "Idempotency-Key", "invite-1");
        ApiExchange invitation = send("POST", "/lists/" + list + "/invitations", invite, "{\"role\":\"viewer\"}");
        assertThat(send("POST", "/lists/" + list + "/invitations", invite, "{\"role\":\"viewer\"}").body())
                .as("the same code again").isEqualTo(invitation.body());
        assertThat(send("POST", "/lists/" + list + "/invitations", invite, "{\"role\":\"owner\"}").status())
                .isEqualTo(422);
    }

    @Test
    void aMalformedOrUnknownListIdIsNotFound() {
        for (String id : List.of("01890a5d-ac96-774b-bcce-b302099a8057", "not-an-id", "01890A5D-AC96-774B-BCCE-B302099A8057")) {
            assertThat(send("GET", "/lists/" + id, Map.of(), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(send("GET", "/lists/" + id + "/members", Map.of(), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(send("GET", "/tasks?list_id=" + id, Map.of(), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(send("POST", "/tasks", JSON, "{\"task\":\"x\",\"list_id\":\"" + id + "\"}").body())
                    .isEqualTo(LIST_NOT_FOUND);
        }
        assertThat(send("GET", "/tasks", Map.of(), null).body()).isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
    }

    @Test
    void theRoutesAnswerTheirMethodsAndPreflights() {
        String list = createList(OWNER, "x");
        for (String[] route : List.of(new String[] {"/me", "GET, HEAD, OPTIONS", "POST"},
                new String[] {"/lists", "GET, HEAD, POST, OPTIONS", "PUT"},
                new String[] {"/lists/" + list, "GET, HEAD, PATCH, DELETE, OPTIONS", "POST"},
                new String[] {"/lists/" + list + "/members", "GET, HEAD, OPTIONS", "POST"},
                new String[] {"/lists/" + list + "/members/someone", "PUT, DELETE, OPTIONS", "GET"},
                new String[] {"/lists/" + list + "/invitations", "POST, OPTIONS", "GET"},
                new String[] {"/invitations/abc", "POST, OPTIONS", "GET"})) {
            ApiExchange preflight = send("OPTIONS", route[0], as("", Map.of("Origin", "https://app.example.com",
                    "Access-Control-Request-Method", route[1].split(", ")[0])), null);
            ApiExchange wrong = send(route[2], route[0], Map.of(), null);

            assertThat(preflight.status()).as(route[0]).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Methods")).as(route[0]).contains(route[1]);
            assertThat(wrong.status()).as(route[0]).isEqualTo(405);
            assertThat(wrong.header("Allow")).as(route[0]).contains(route[1]);
        }
    }

    // ---- roles -----------------------------------------------------------------------------------------------------

    @Test
    void everyMemberReadsTheListAndItsMembersAndAStrangerGetsTheSame404AsForNoList() {
        String list = sharedList();

        for (String user : List.of(OWNER, EDITOR, VIEWER)) {
            assertThat(send("GET", "/lists/" + list, by(user), null).status()).as(user).isEqualTo(200);
            assertThat(send("GET", "/lists/" + list + "/members", by(user), null).status()).as(user).isEqualTo(200);
            assertThat(send("GET", "/tasks?list_id=" + list, by(user), null).status()).as(user).isEqualTo(200);
        }
        if (api.authenticates()) {
            assertThat(roleIn(list, EDITOR)).isEqualTo("editor");
            assertThat(roleIn(list, VIEWER)).isEqualTo("viewer");
            assertThat(send("GET", "/lists/" + list, by(STRANGER), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(send("GET", "/lists/" + list + "/members", by(STRANGER), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(send("GET", "/tasks?list_id=" + list, by(STRANGER), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(lists(STRANGER)).isEmpty();
        }
    }

    @Test
    void onlyOwnersRenameDeleteManageMembersAndInvite() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String strangerId = userId(STRANGER);

        for (String user : List.of(EDITOR, VIEWER, STRANGER)) {
            String expected = user.equals(STRANGER) ? LIST_NOT_FOUND : OWNER_NEEDED;
            assertThat(send("PATCH", "/lists/" + list, as(user, MERGE_PATCH), "{\"name\":\"mine\"}").body()).as(user)
                    .isEqualTo(expected);
            assertThat(send("DELETE", "/lists/" + list, by(user), null).body()).as(user).isEqualTo(expected);
            assertThat(send("PUT", "/lists/" + list + "/members/" + strangerId, as(user, JSON), "{\"role\":\"owner\"}")
                    .body()).as(user).isEqualTo(expected);
            assertThat(send("DELETE", "/lists/" + list + "/members/" + userId(OWNER), by(user), null).body()).as(user)
                    .isEqualTo(expected);
            assertThat(send("POST", "/lists/" + list + "/invitations", as(user, JSON), "{\"role\":\"owner\"}").body())
                    .as(user).isEqualTo(expected);
        }
        assertThat(json(send("GET", "/lists/" + list, Map.of(), null)).get("name").getAsString()).isEqualTo("Team");
        assertThat(memberIds(list)).containsExactlyInAnyOrder(userId(OWNER), userId(EDITOR), userId(VIEWER));
        assertThat(send("PATCH", "/lists/" + list, MERGE_PATCH, "{\"name\":\"Renamed\"}").status()).isEqualTo(200);
        assertThat(send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"viewer\"}").status())
                .isEqualTo(201);
    }

    @Test
    void editorsAndOwnersWriteTheListsTasksViewersReadThemAndStrangersSeeNone() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        for (String user : List.of(OWNER, EDITOR, VIEWER, STRANGER)) {
            ApiExchange created = send("POST", "/tasks", as(user, JSON), "{\"task\":\"by " + user + "\",\"list_id\":\""
                    + list + "\"}");
            int expected = user.equals(VIEWER) ? 403 : user.equals(STRANGER) ? 404 : 201;
            assertThat(created.status()).as(user).isEqualTo(expected);
        }
        String task = createTask(OWNER, "{\"task\":\"shared\",\"list_id\":\"" + list + "\"}");
        String path = "/tasks/" + task;

        for (String user : List.of(OWNER, EDITOR, VIEWER)) {
            ApiExchange read = send("GET", path, by(user), null);
            assertThat(read.status()).as(user).isEqualTo(200);
            assertThat(json(read).get("list_id").getAsString()).isEqualTo(list);
        }
        assertThat(send("GET", path, by(STRANGER), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("PUT", path, as(VIEWER, JSON), "{\"task\":\"v\"}").body()).isEqualTo(EDITOR_NEEDED);
        assertThat(send("PATCH", path, as(VIEWER, MERGE_PATCH), "{\"task\":\"v\"}").body()).isEqualTo(EDITOR_NEEDED);
        assertThat(send("DELETE", path, by(VIEWER), null).body()).isEqualTo(EDITOR_NEEDED);
        assertThat(send("PUT", path, as(STRANGER, JSON), "{\"task\":\"s\"}").body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("PATCH", path, as(STRANGER, MERGE_PATCH), "{\"task\":\"s\"}").body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("DELETE", path, by(STRANGER), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("PUT", path, as(EDITOR, JSON), "{\"task\":\"edited\"}").status()).isEqualTo(200);
        assertThat(send("PATCH", path, as(OWNER, MERGE_PATCH), "{\"status\":\"completed\"}").status()).isEqualTo(200);
        assertThat(json(send("GET", path, by(VIEWER), null)).get("task").getAsString()).isEqualTo("edited");
        assertThat(send("DELETE", path, by(EDITOR), null).status()).isEqualTo(200);
        assertThat(send("GET", path, by(OWNER), null).body()).isEqualTo(TASK_NOT_FOUND);
    }

    @Test
    void aListsTasksAreListedForEveryMemberWithTheFiltersOfTasksAndNeverAmongOwnTasks() {
        String list = sharedList();
        String own = createTask(OWNER, "{\"task\":\"mine\"}");
        List<String> shared = new ArrayList<>();
        for (String status : List.of("new", "completed", "new")) {
            shared.add(0, createTask(OWNER, "{\"task\":\"" + status + "\",\"status\":\"" + status + "\",\"list_id\":\""
                    + list + "\",\"due_date\":\"2026-03-0" + (shared.size() + 1) + "\"}"));
        }

        assertThat(ids(send("GET", "/tasks", Map.of(), null))).containsExactly(own);
        for (String user : List.of(OWNER, EDITOR, VIEWER)) {
            assertThat(ids(send("GET", "/tasks?list_id=" + list, by(user), null))).as(user)
                    .containsExactlyElementsOf(shared);
        }
        assertThat(ids(send("GET", "/tasks?list_id=" + list + "&status=completed", by(VIEWER), null)))
                .containsExactly(shared.get(1));
        assertThat(ids(send("GET", "/tasks?list_id=" + list + "&sort=due_date&due_before=2026-03-03", by(EDITOR), null)))
                .containsExactly(shared.get(2), shared.get(1));
        ApiExchange page = send("GET", "/tasks?list_id=" + list + "&limit=2", by(VIEWER), null);
        assertThat(ids(page)).containsExactly(shared.get(0), shared.get(1));
        String next = json(page).get("next").getAsString();
        assertThat(ids(send("GET", "/tasks?list_id=" + list + "&limit=2&next=" + next, by(VIEWER), null)))
                .containsExactly(shared.get(2));
        assertThat(send("GET", "/tasks?limit=2&next=" + next, by(VIEWER), null).status())
                .as("a token of one listing does not open another").isEqualTo(400);
        if (api.authenticates()) {
            assertThat(send("GET", "/tasks?list_id=" + list + "&limit=2&next=" + next, by(EDITOR), null).status())
                    .as("a token of one user does not open another's").isEqualTo(400);
            assertThat(ids(send("GET", "/tasks", by(EDITOR), null))).isEmpty();
        }
    }

    @Test
    void aTaskWithoutListOrAssigneeKeepsTheShapeClientsAlwaysHad() {
        String task = createTask(OWNER, "{\"task\":\"plain\"}");

        assertThat(send("GET", "/tasks/" + task, Map.of(), null).body()).matches("\\{\"id\":\"" + task
                + "\",\"task\":\"plain\",\"status\":\"new\",\"priority\":\"medium\",\"created_at\":[0-9]+,"
                + "\"updated_at\":[0-9]+}");
    }

    // ---- members ---------------------------------------------------------------------------------------------------

    @Test
    void ownersAddChangeAndRemoveMembers() {
        assumeTrue(api.authenticates());
        String list = createList(OWNER, "Team");
        String editor = userId(EDITOR);
        String path = "/lists/" + list + "/members/" + editor;

        ApiExchange added = send("PUT", path, JSON, "{\"role\":\"viewer\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).contains(api.basePath() + path);
        assertThat(added.body()).matches("\\{\"user_id\":\"" + editor + "\",\"role\":\"viewer\",\"name\":null,"
                + "\"joined_at\":[0-9]+}");
        assertThat(send("PUT", path, JSON, "{\"role\":\"viewer\"}").status()).isEqualTo(200);
        ApiExchange changed = send("PUT", path, JSON, "{\"role\":\"editor\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(json(changed).get("role").getAsString()).isEqualTo("editor");
        assertThat(json(changed).get("joined_at")).isEqualTo(json(added).get("joined_at"));
        assertThat(send("PUT", path, JSON, "{\"role\":\"admin\"}").body())
                .isEqualTo(validation("role", "must be one of: owner, editor, viewer"));
        assertThat(send("PUT", path, JSON, "{}").body()).isEqualTo(validation("role", "is required"));

        ApiExchange members = send("GET", "/lists/" + list + "/members", by(EDITOR), null);
        assertThat(members.status()).isEqualTo(200);
        List<String> expected = new ArrayList<>(List.of(userId(OWNER), editor));
        expected.sort(null);
        assertThat(memberIds(list)).containsExactlyElementsOf(expected);
        assertThat(json(members).get("count").getAsInt()).isEqualTo(2);

        ApiExchange removed = send("DELETE", path, Map.of(), null);
        assertThat(removed.body()).isEqualTo("{\"message\":\"Member removed successfully\",\"user_id\":\"" + editor + "\"}");
        assertThat(send("DELETE", path, Map.of(), null).body()).isEqualTo(problem(404, "Member not found"));
        assertThat(send("GET", "/lists/" + list, by(EDITOR), null).body()).isEqualTo(LIST_NOT_FOUND);
    }

    @Test
    void theLastOwnerCannotBeDemotedRemovedOrLeave() {
        String list = createList(OWNER, "Solo");
        String owner = userId(OWNER);

        assertThat(send("PUT", "/lists/" + list + "/members/" + owner, JSON, "{\"role\":\"editor\"}").body())
                .isEqualTo(LAST_OWNER);
        assertThat(send("DELETE", "/lists/" + list + "/members/" + owner, Map.of(), null).body()).isEqualTo(LAST_OWNER);
        assertThat(roleIn(list, OWNER)).isEqualTo("owner");
        if (api.authenticates()) {
            addMember(list, EDITOR, "owner");
            assertThat(send("DELETE", "/lists/" + list + "/members/" + owner, Map.of(), null).status()).isEqualTo(200);
            assertThat(send("GET", "/lists/" + list, Map.of(), null).body()).isEqualTo(LIST_NOT_FOUND);
            assertThat(roleIn(list, EDITOR)).isEqualTo("owner");
        }
    }

    @Test
    void anyMemberMayLeaveAndThenSeesNothingOfTheList() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(OWNER, "{\"task\":\"t\",\"list_id\":\"" + list + "\"}");

        assertThat(send("DELETE", "/lists/" + list + "/members/" + userId(VIEWER), by(VIEWER), null).status())
                .isEqualTo(200);

        assertThat(send("GET", "/lists/" + list, by(VIEWER), null).body()).isEqualTo(LIST_NOT_FOUND);
        assertThat(send("GET", "/tasks/" + task, by(VIEWER), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(lists(VIEWER)).isEmpty();
        assertThat(memberIds(list)).doesNotContain(userId(VIEWER));
    }

    @Test
    void aUserIdIsPercentDecodedFromThePath() {
        String list = createList(OWNER, "x");

        ApiExchange added = send("PUT", "/lists/" + list + "/members/auth0%7C42%20a+b", JSON, "{\"role\":\"viewer\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(json(added).get("user_id").getAsString()).isEqualTo("auth0|42 a+b");
        assertThat(memberIds(list)).contains("auth0|42 a+b");
        assertThat(send("DELETE", "/lists/" + list + "/members/auth0%7c42%20a%2Bb", Map.of(), null).status())
                .isEqualTo(200);
    }

    @Test
    void aMalformedUserIdInAPathIsRefused() {
        String list = createList(OWNER, "x");

        assertThat(send("PUT", "/lists/" + list + "/members/" + "u".repeat(257), JSON, "{\"role\":\"viewer\"}").body())
                .isEqualTo(validation("user_id", "must be a user id: 1 to 256 characters, not blank, no control"
                        + " characters"));
    }

    // ---- invitations -----------------------------------------------------------------------------------------------

    @Test
    void anInvitationLetsOnePersonJoinWithItsRoleOnce() {
        assumeTrue(api.authenticates());
        String list = createList(OWNER, "Open");

        ApiExchange invited = send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"editor\"}");
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body()).matches("\\{\"code\":\"[A-Za-z0-9_-]{43}\",\"role\":\"editor\",\"expires_at\":[0-9]+}");
        String code = json(invited).get("code").getAsString();
        assertThat(invited.header("Location")).contains(api.basePath() + "/invitations/" + code);
        assertThat(json(invited).get("expires_at").getAsLong() - json(send("GET", "/lists/" + list, Map.of(), null))
                .get("created_at").getAsLong()).isBetween(7 * 86_400L - 60, 7 * 86_400L + 60);

        ApiExchange joined = send("POST", "/invitations/" + code, by(STRANGER), null);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(json(joined).get("id").getAsString()).isEqualTo(list);
        assertThat(json(joined).get("role").getAsString()).isEqualTo("editor");
        assertThat(send("POST", "/invitations/" + code, by(STRANGER), null).status()).as("the same person again")
                .isEqualTo(200);
        assertThat(send("POST", "/invitations/" + code, by(VIEWER), null).body()).as("used up")
                .isEqualTo(problem(404, "Invitation not found"));
        assertThat(lists(STRANGER)).containsExactly(list);
        assertThat(lists(VIEWER)).isEmpty();
    }

    @Test
    void aMemberWhoRedeemsAnInvitationKeepsTheirRoleAndLeavesItUnused() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String code = json(send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"owner\"}")).get("code")
                .getAsString();

        ApiExchange again = send("POST", "/invitations/" + code, by(VIEWER), null);

        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).get("role").getAsString()).isEqualTo("viewer");
        assertThat(json(send("POST", "/invitations/" + code, by(STRANGER), null)).get("role").getAsString())
                .isEqualTo("owner");
    }

    @Test
    void aForgedCodeOrOneOfADeletedListIsNotFound() {
        String list = createList(OWNER, "Gone");
        String code = json(send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"viewer\"}")).get("code")
                .getAsString();
        String notFound = problem(404, "Invitation not found");

        assertThat(send("POST", "/invitations/" + "A".repeat(43), by(STRANGER), null).body()).isEqualTo(notFound);
        assertThat(send("POST", "/invitations/short", by(STRANGER), null).body()).isEqualTo(notFound);
        assertThat(send("DELETE", "/lists/" + list, Map.of(), null).status()).isEqualTo(200);
        assertThat(send("POST", "/invitations/" + code, by(STRANGER), null).body()).isEqualTo(notFound);
        assertThat(send("POST", "/lists/" + list + "/invitations", JSON, "{\"role\":\"viewer\"}").body())
                .isEqualTo(LIST_NOT_FOUND);
    }

    // ---- deleting a list -------------------------------------------------------------------------------------------

    @Test
    void deletingAListTakesItsTasksAndMembershipsWithItForEveryone() {
        String list = sharedList();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(createTask(OWNER, "{\"task\":\"t" + i + "\",\"list_id\":\"" + list + "\"}"));
        }
        String own = createTask(OWNER, "{\"task\":\"mine\"}");

        ApiExchange deleted = send("DELETE", "/lists/" + list, Map.of(), null);

        assertThat(deleted.body()).isEqualTo("{\"message\":\"List deleted successfully\",\"id\":\"" + list + "\"}");
        for (String user : List.of(OWNER, EDITOR, VIEWER)) {
            assertThat(send("GET", "/lists/" + list, by(user), null).body()).as(user).isEqualTo(LIST_NOT_FOUND);
            assertThat(lists(user)).as(user).doesNotContain(list);
            for (String task : tasks) {
                assertThat(send("GET", "/tasks/" + task, by(user), null).body()).isEqualTo(TASK_NOT_FOUND);
            }
        }
        assertThat(send("DELETE", "/lists/" + list, Map.of(), null).body()).isEqualTo(LIST_NOT_FOUND);
        assertThat(ids(send("GET", "/tasks", Map.of(), null))).containsExactly(own);
    }

    @Test
    void deletingAListHonoursIfMatch() {
        String list = createList(OWNER, "x");

        assertThat(send("DELETE", "/lists/" + list, Map.of("If-Match", "\"7\""), null).status()).isEqualTo(412);
        assertThat(send("DELETE", "/lists/" + list, Map.of("If-Match", "\"1\""), null).status()).isEqualTo(200);
    }

    // ---- assignment ------------------------------------------------------------------------------------------------

    @Test
    void aListsTaskIsAssignedToMembersOnlyAndAnOwnTaskToItsOwnerOnly() {
        String list = sharedList();
        String me = userId(OWNER);

        String assigned = createTask(OWNER, "{\"task\":\"a\",\"list_id\":\"" + list + "\",\"assignee\":\""
                + userId(EDITOR) + "\"}");
        assertThat(json(send("GET", "/tasks/" + assigned, Map.of(), null)).get("assignee").getAsString())
                .isEqualTo(userId(EDITOR));
        assertThat(send("POST", "/tasks", JSON, "{\"task\":\"b\",\"list_id\":\"" + list + "\",\"assignee\":\"nobody\"}")
                .body()).isEqualTo(validation("assignee", "must be a member of the task's list"));
        String own = createTask(OWNER, "{\"task\":\"c\",\"assignee\":\"" + me + "\"}");
        assertThat(json(send("GET", "/tasks/" + own, Map.of(), null)).get("assignee").getAsString()).isEqualTo(me);
        assertThat(send("POST", "/tasks", JSON, "{\"task\":\"d\",\"assignee\":\"nobody\"}").body())
                .isEqualTo(validation("assignee", "must be you: a task in no list can only be assigned to its owner"));
        ApiExchange cleared = send("PATCH", "/tasks/" + assigned, MERGE_PATCH, "{\"assignee\":null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(json(cleared).has("assignee")).isFalse();
        assertThat(send("PATCH", "/tasks/" + assigned, MERGE_PATCH, "{\"assignee\":\"\\u0000\"}").body())
                .isEqualTo(validation("assignee", "must be a user id: 1 to 256 characters, not blank, no control"
                        + " characters"));
    }

    @Test
    void assignedToMeListsTheCallersTasksAcrossListsNewestFirst() {
        String list = sharedList();
        String other = createList(OWNER, "other");
        String editor = userId(EDITOR);
        if (api.authenticates()) {
            addMember(other, EDITOR, "editor");
        }
        String first = createTask(OWNER, "{\"task\":\"1\",\"list_id\":\"" + list + "\",\"assignee\":\"" + editor + "\"}");
        createTask(OWNER, "{\"task\":\"2\",\"list_id\":\"" + list + "\"}");
        String third = createTask(OWNER, "{\"task\":\"3\",\"list_id\":\"" + other + "\",\"assignee\":\"" + editor
                + "\"}");

        ApiExchange mine = send("GET", "/tasks?assignee=me", by(EDITOR), null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(ids(mine)).containsExactly(third, first);
        ApiExchange page = send("GET", "/tasks?assignee=me&limit=1", by(EDITOR), null);
        assertThat(ids(page)).containsExactly(third);
        assertThat(ids(send("GET", "/tasks?assignee=me&limit=1&next=" + json(page).get("next").getAsString(),
                by(EDITOR), null))).containsExactly(first);
        assertThat(send("GET", "/tasks?assignee=bob", Map.of(), null).body())
                .isEqualTo(validation("assignee", "must be me (the tasks assigned to you)"));
        assertThat(send("GET", "/tasks?assignee=me&status=new", Map.of(), null).body())
                .isEqualTo(validation("assignee", "cannot be combined with other criteria"));
        if (api.authenticates()) {
            assertThat(ids(send("GET", "/tasks?assignee=me", by(STRANGER), null))).isEmpty();
        }
    }

    @Test
    void removingAMemberUnassignsTheirTasksInThatList() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String editor = userId(EDITOR);
        String task = createTask(OWNER, "{\"task\":\"x\",\"list_id\":\"" + list + "\",\"assignee\":\"" + editor + "\"}");

        assertThat(send("DELETE", "/lists/" + list + "/members/" + editor, Map.of(), null).status()).isEqualTo(200);

        assertThat(json(send("GET", "/tasks/" + task, Map.of(), null)).has("assignee")).isFalse();
        assertThat(ids(send("GET", "/tasks?assignee=me", by(EDITOR), null))).isEmpty();
    }

    // ---- moving a task ---------------------------------------------------------------------------------------------

    @Test
    void aTaskMovesBetweenListsWhereTheCallerWritesInBoth() {
        String from = sharedList();
        String to = createList(OWNER, "Later");
        String task = createTask(OWNER, "{\"task\":\"move me\",\"list_id\":\"" + from + "\"}");

        ApiExchange moved = send("PATCH", "/tasks/" + task, MERGE_PATCH, "{\"list_id\":\"" + to + "\"}");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(json(moved).get("list_id").getAsString()).isEqualTo(to);
        assertThat(ids(send("GET", "/tasks?list_id=" + to, Map.of(), null))).containsExactly(task);
        assertThat(ids(send("GET", "/tasks?list_id=" + from, Map.of(), null))).isEmpty();
        if (api.authenticates()) {
            assertThat(send("GET", "/tasks/" + task, by(EDITOR), null).body()).as("no longer in a list of theirs")
                    .isEqualTo(TASK_NOT_FOUND);
            addMember(to, EDITOR, "viewer");
            String back = createTask(OWNER, "{\"task\":\"stay\",\"list_id\":\"" + from + "\"}");
            assertThat(send("PATCH", "/tasks/" + back, as(EDITOR, MERGE_PATCH), "{\"list_id\":\"" + to + "\"}").body())
                    .isEqualTo(EDITOR_NEEDED);
            String strangers = createList(STRANGER, "theirs");
            assertThat(send("PATCH", "/tasks/" + back, MERGE_PATCH, "{\"list_id\":\"" + strangers + "\"}").body())
                    .isEqualTo(LIST_NOT_FOUND);
            assertThat(ids(send("GET", "/tasks?list_id=" + from, Map.of(), null))).containsExactly(back);
        }
    }

    @Test
    void aTaskDoesNotMoveBetweenAListAndOwnTasks() {
        String list = createList(OWNER, "x");
        String inList = createTask(OWNER, "{\"task\":\"a\",\"list_id\":\"" + list + "\"}");
        String own = createTask(OWNER, "{\"task\":\"b\"}");

        assertThat(send("PATCH", "/tasks/" + inList, MERGE_PATCH, "{\"list_id\":null}").body())
                .isEqualTo(validation("list_id", "cannot be removed from a list's task; move it to another list"));
        assertThat(send("PATCH", "/tasks/" + own, MERGE_PATCH, "{\"list_id\":\"" + list + "\"}").body())
                .isEqualTo(validation("list_id", "a task moves only between lists; create it in the list instead"));
        assertThat(ids(send("GET", "/tasks", Map.of(), null))).containsExactly(own);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /**
     * A list of {@link #OWNER}'s named Team, with {@link #EDITOR} and {@link #VIEWER} as members of those roles when
     * the API authenticates (without authentication everyone is its one owner).
     */
    String sharedList() {
        String list = createList(OWNER, "Team");
        if (api.authenticates()) {
            addMember(list, EDITOR, "editor");
            addMember(list, VIEWER, "viewer");
        }
        return list;
    }

    String createList(String user, String name) {
        ApiExchange created = send("POST", "/lists", as(user, JSON), "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json(created).get("id").getAsString();
    }

    /** Makes {@code user} a member of {@link #OWNER}'s list with {@code role}. */
    void addMember(String list, String user, String role) {
        ApiExchange added = send("PUT", "/lists/" + list + "/members/" + userId(user), JSON,
                "{\"role\":\"" + role + "\"}");
        assertThat(added.status()).as(added.body()).isIn(200, 201);
    }

    String createTask(String user, String body) {
        ApiExchange created = send("POST", "/tasks", as(user, JSON), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json(created).get("id").getAsString();
    }

    /** The id by which others know {@code user}: their {@code /me}. */
    String userId(String user) {
        return json(send("GET", "/me", by(user), null)).get("user_id").getAsString();
    }

    /** The ids of the lists {@code user} sees. */
    List<String> lists(String user) {
        return ids(send("GET", "/lists", by(user), null));
    }

    String roleIn(String list, String user) {
        return json(send("GET", "/lists/" + list, by(user), null)).get("role").getAsString();
    }

    List<String> memberIds(String list) {
        List<String> ids = new ArrayList<>();
        json(send("GET", "/lists/" + list + "/members", Map.of(), null)).getAsJsonArray("items")
                .forEach(item -> ids.add(item.getAsJsonObject().get("user_id").getAsString()));
        return ids;
    }

    static Map<String, String> by(String user) {
        return as(user, Map.of());
    }

    /** {@code base} plus one header. */
    static Map<String, String> headers(Map<String, String> base, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(base);
        headers.put(name, value);
        return headers;
    }

    /** The exact body of a validation failure with one field error. */
    static String validation(String field, String message) {
        return "{\"message\":\"Validation failed\",\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"Validation failed\",\"errors\":[{\"field\":\"" + field + "\",\"message\":\"" + message
                + "\"}]}";
    }
}
