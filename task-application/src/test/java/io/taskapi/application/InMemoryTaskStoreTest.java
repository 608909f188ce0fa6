package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.TaskScope;
import org.junit.jupiter.api.Test;

/** The store of the local server without DynamoDB: always reachable, and emptied whole by a clear, as by a restart. */
class InMemoryTaskStoreTest {
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final TaskApi api = TestApplications.quiet(store).build().api();

    private HttpResponse send(Request request) {
        return api.handle(request.build("r"));
    }

    private String field(HttpResponse response, String... path) {
        com.google.gson.JsonObject object = parse(response.body()).getAsJsonObject();
        for (int i = 0; i < path.length - 1; i++) {
            object = object.getAsJsonObject(path[i]);
        }
        return object.get(path[path.length - 1]).getAsString();
    }

    private static String sha256Hex(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void isAlwaysReachableAndSaysItKeepsNothingAcrossARestart() {
        assertThat(store.isReachable()).isTrue();
        assertThat(store.description()).contains("memory").contains("lost");
    }

    /** A clear forgets tasks, lists, invitations, attachments and idempotency keys alike. */
    @Test
    void clearingForgetsEverythingItKeeps() throws Exception {
        HttpResponse created = send(Request.post("/tasks").header("Idempotency-Key", "k").json("{\"task\":\"a\"}"));
        String task = field(created, "id");
        HttpResponse attached = send(Request.post("/tasks/" + task + "/attachments")
                .json("{\"filename\":\"a.txt\",\"content_type\":\"text/plain\",\"size\":3}"));
        assertThat(attached.status()).isEqualTo(201);
        String list = field(send(Request.post("/lists").json("{\"name\":\"l\"}")), "id");
        String code = field(send(Request.post("/lists/" + list + "/invitations").json("{\"role\":\"viewer\"}")),
                "code");

        assertThat(store.invitations().find(sha256Hex(code))).isPresent();
        assertThat(store.attachments().all(task)).hasSize(1);

        store.clear();

        assertThat(store.tasks().find(new TaskScope.Personal(OwnerId.SHARED), task)).isEmpty();
        assertThat(store.attachments().all(task)).isEmpty();
        assertThat(send(Request.get("/lists")).body()).contains("\"items\":[]");
        assertThat(store.invitations().find(sha256Hex(code))).as("stored by the digest of its code").isEmpty();
        assertThat(send(Request.post("/invitations/" + code).caller(Caller.user("bob"))).status()).isEqualTo(404);
        assertThat(send(Request.post("/tasks").header("Idempotency-Key", "k").json("{\"task\":\"b\"}")).status())
                .as("the key was forgotten, so another request may use it").isEqualTo(201);
    }
}
