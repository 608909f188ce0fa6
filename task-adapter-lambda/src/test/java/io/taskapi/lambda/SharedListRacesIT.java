package io.taskapi.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Races on shared lists on the real engine, each request through its own handler instance (as separate Lambda
 * environments would be) on the same tables: owners demoting each other never leave a list without an owner, an
 * invitation accepted at once by several people adds exactly one of them, and a member removed while creating a task
 * leaves no task the removal should have stopped.
 */
class SharedListRacesIT {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final String TABLE = "lambda-SharedListRacesIT";
    private static final int INSTANCES = 4;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static List<LambdaTransport> instances;

    @BeforeAll
    static void startInstances() {
        instances = LambdaTransport.instances(DYNALITE, TABLE, INSTANCES);
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(LambdaTransport::close);
    }

    @BeforeEach
    void emptyTables() {
        instances.get(0).reset();
    }

    @RepeatedTest(3)
    void ownersDemotingEachOtherAtOnceLeaveTheListAnOwner() throws Exception {
        List<String> owners = List.of("alice", "bob", "carol", "dave");
        String list = createList("alice");
        for (String owner : owners.subList(1, owners.size())) {
            assertThat(send(0, "alice", "PUT", "/lists/" + list + "/members/" + userId(owner), "{\"role\":\"owner\"}")
                    .status()).isEqualTo(201);
        }

        // Each owner demotes the next one, all at once, each through another instance.
        List<ApiExchange> answers = race(i -> send(i, owners.get(i), "PUT", "/lists/" + list + "/members/"
                + userId(owners.get((i + 1) % owners.size())), "{\"role\":\"editor\"}"));

        assertThat(answers).extracting(ApiExchange::status).isSubsetOf(200, 403, 404, 409);
        long remaining = members(list).stream().filter(member -> member.get("role").getAsString().equals("owner"))
                .count();
        assertThat(remaining).as(answers.toString()).isPositive();
        assertThat(answers.stream().filter(answer -> answer.status() == 200).count())
                .as("every demotion that succeeded took one owner away").isEqualTo(owners.size() - remaining);
    }

    @RepeatedTest(3)
    void anInvitationAcceptedByManyAtOnceAddsOneMember() throws Exception {
        String list = createList("alice");
        String code = json(send(0, "alice", "POST", "/lists/" + list + "/invitations", "{\"role\":\"editor\"}"))
                .get("code").getAsString();
        List<String> guests = List.of("bob", "carol", "dave", "erin");

        List<ApiExchange> answers = race(i -> send(i, guests.get(i), "POST", "/invitations/" + code, null));

        assertThat(answers).extracting(ApiExchange::status).containsOnlyOnce(200).containsOnly(200, 404);
        assertThat(members(list)).hasSize(2);
    }

    @RepeatedTest(3)
    void anInvitationAcceptedTwiceAtOnceByOnePersonAddsThemOnce() throws Exception {
        String list = createList("alice");
        String code = json(send(0, "alice", "POST", "/lists/" + list + "/invitations", "{\"role\":\"viewer\"}"))
                .get("code").getAsString();

        List<ApiExchange> answers = race(i -> send(i, "bob", "POST", "/invitations/" + code, null));

        assertThat(answers).extracting(ApiExchange::status).containsOnly(200);
        assertThat(answers).extracting(answer -> json(answer).get("role").getAsString()).containsOnly("viewer");
        assertThat(members(list)).extracting(member -> member.get("user_id").getAsString())
                .containsExactlyInAnyOrder(userId("alice"), userId("bob"));
    }

    /**
     * Three creators race their own removal by the owner. A create that was answered {@code 201} may stand (it was
     * written while its author was still a member); any other leaves no task behind, and no task is left assigned to
     * a removed member.
     */
    @RepeatedTest(3)
    void aMemberRemovedWhileCreatingLeavesNoTaskTheyCouldNotHaveCreated() throws Exception {
        String list = createList("alice");
        List<String> editors = List.of("bob", "carol", "dave");
        for (String editor : editors) {
            send(0, "alice", "PUT", "/lists/" + list + "/members/" + userId(editor), "{\"role\":\"editor\"}");
        }

        List<ApiExchange> answers = race(i -> i == 0
                ? removeAll(list, editors)
                : send(i, editors.get(i - 1), "POST", "/tasks", "{\"task\":\"by " + editors.get(i - 1)
                        + "\",\"list_id\":\"" + list + "\",\"assignee\":\"" + userId(editors.get(i - 1)) + "\"}"));

        Set<String> created = new HashSet<>();
        for (ApiExchange answer : answers.subList(1, answers.size())) {
            assertThat(answer.status()).as(answer.body()).isIn(201, 404);
            if (answer.status() == 201) {
                created.add(json(answer).get("id").getAsString());
            }
        }
        List<JsonObject> stored = new ArrayList<>();
        JsonParser.parseString(send(0, "alice", "GET", "/tasks?list_id=" + list, null).body()).getAsJsonObject()
                .getAsJsonArray("items").forEach(item -> stored.add(item.getAsJsonObject()));
        assertThat(stored).extracting(task -> task.get("id").getAsString()).containsExactlyInAnyOrderElementsOf(created);
        assertThat(stored).as("no task stays assigned to a removed member")
                .allSatisfy(task -> assertThat(task.has("assignee")).isFalse());
    }

    /** The owner removes every editor, one after another, on instance 0; answers the last removal. */
    private static ApiExchange removeAll(String list, List<String> editors) {
        ApiExchange last = null;
        for (String editor : editors) {
            last = send(0, "alice", "DELETE", "/lists/" + list + "/members/" + userId(editor), null);
        }
        return last;
    }

    private static String createList(String owner) {
        ApiExchange created = send(0, owner, "POST", "/lists", "{\"name\":\"race\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json(created).get("id").getAsString();
    }

    private static String userId(String user) {
        return json(send(0, user, "GET", "/me", null)).get("user_id").getAsString();
    }

    private static List<JsonObject> members(String list) {
        List<JsonObject> members = new ArrayList<>();
        for (JsonElement item : json(send(0, "alice", "GET", "/lists/" + list + "/members?limit=100", null))
                .getAsJsonArray("items")) {
            members.add(item.getAsJsonObject());
        }
        return members;
    }

    private static ApiExchange send(int instance, String user, String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>(body == null ? Map.of() : JSON);
        headers.put(ApiTransport.USER, user);
        return instances.get(instance).send(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(ApiExchange answer) {
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /** Runs {@code attempt} once per instance, all released at the same moment; their answers in instance order. */
    private static List<ApiExchange> race(IntFunction<ApiExchange> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiExchange>> futures = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                int instance = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.apply(instance);
                }));
            }
            start.countDown();
            List<ApiExchange> answers = new ArrayList<>();
            for (Future<ApiExchange> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
