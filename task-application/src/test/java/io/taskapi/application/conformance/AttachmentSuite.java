package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box contract of attachments, run with every way the API is served and its file store: every role on
 * every route (a stranger never learns that the task exists), a file uploaded straight to the store through the URL
 * the API grants, checked on completion and downloaded as it was sent, and the limits that refuse the rest.
 */
abstract class AttachmentSuite extends HistorySuite {
    private static final String TASK_NOT_FOUND = problem(404, "Task not found");
    private static final String ATTACHMENT_NOT_FOUND = problem(404, "Attachment not found");
    private static final String EDITOR_NEEDED = problem(403, "This needs the editor or owner role in the list");
    private static final byte[] PDF = "%PDF-1.4 a small plan\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aFileIsUploadedStraightToTheStoreCompletedAndDownloadedAsItWasSent() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");

        ApiExchange created = attach(OWNER, task, "plan.pdf", "application/pdf", PDF.length);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject body = json(created);
        JsonObject attachment = body.getAsJsonObject("attachment");
        String id = attachment.get("id").getAsString();
        assertThat(created.body()).startsWith("{\"attachment\":{\"id\":\"" + id + "\",\"task_id\":\"" + task
                + "\",\"filename\":\"plan.pdf\",\"content_type\":\"application/pdf\",\"size\":" + PDF.length
                + ",\"status\":\"pending\",\"created_at\":");
        assertThat(attachment.get("uploaded_by").getAsString()).isEqualTo(userId(OWNER));
        assertThat(created.header("Location")).contains(api.basePath() + "/tasks/" + task + "/attachments/" + id);
        JsonObject upload = body.getAsJsonObject("upload");
        assertThat(upload.get("method").getAsString()).isEqualTo("PUT");
        assertThat(upload.get("url").getAsString()).doesNotContain("plan");
        assertThat(upload.get("expires_at").getAsLong() - attachment.get("created_at").getAsLong())
                .isBetween(299L, 301L);

        assertThat(send("GET", "/tasks/" + task + "/attachments/" + id, Map.of(), null).body())
                .endsWith(",\"download\":null}");
        assertThat(complete(OWNER, task, id).status()).isEqualTo(409);
        assertThat(api.upload(upload.get("url").getAsString(), headersOf(upload), PDF)).isBetween(200, 299);
        ApiExchange completed = complete(OWNER, task, id);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(json(completed).get("status").getAsString()).isEqualTo("available");
        assertThat(complete(OWNER, task, id).body()).isEqualTo(completed.body());

        JsonObject read = json(send("GET", "/tasks/" + task + "/attachments/" + id, Map.of(), null));
        assertThat(read.getAsJsonObject("attachment").toString()).isEqualTo(completed.body());
        FileTransfers.Download download = api.download(read.getAsJsonObject("download").get("url").getAsString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        if (download.headers().containsKey("content-disposition")) {
            assertThat(download.headers().get("content-disposition")).startsWith("attachment;");
        }
        assertThat(ids(send("GET", "/tasks/" + task + "/attachments", Map.of(), null))).containsExactly(id);
    }

    @Test
    void completingRefusesAFileThatIsNotTheDeclaredOne() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        JsonObject created = json(attach(OWNER, task, "plan.pdf", "application/pdf", PDF.length));
        String id = created.getAsJsonObject("attachment").get("id").getAsString();

        assertThat(complete(OWNER, task, id).body()).isEqualTo(problem(409,
                "The file has not been uploaded yet: upload it to the URL given, then complete the attachment"));
        byte[] longer = (new String(PDF, StandardCharsets.US_ASCII) + "more").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> headers = new LinkedHashMap<>(headersOf(created.getAsJsonObject("upload")));
        headers.put("Content-Length", Integer.toString(longer.length));
        // The engines that run here check no signature, so a client can send another size; S3 itself would refuse it.
        if (api.upload(created.getAsJsonObject("upload").get("url").getAsString(), headers, longer) < 300) {
            assertThat(complete(OWNER, task, id).body()).isEqualTo(problem(409,
                    "The uploaded file has " + longer.length + " bytes, not the " + PDF.length + " declared"));
        }
        assertThat(json(send("GET", "/tasks/" + task + "/attachments/" + id, Map.of(), null))
                .getAsJsonObject("attachment").get("status").getAsString()).isEqualTo("pending");
    }

    @Test
    void completingRefusesAFileOfAnotherTypeThanTheDeclaredOne() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        JsonObject created = json(attach(OWNER, task, "plan.pdf", "application/pdf", PDF.length));
        String id = created.getAsJsonObject("attachment").get("id").getAsString();
        Map<String, String> headers = new LinkedHashMap<>(headersOf(created.getAsJsonObject("upload")));
        headers.put("Content-Type", "text/html");

        // A store that checks the signed type refuses the upload itself; the engines that do not, leave it to complete.
        if (api.upload(created.getAsJsonObject("upload").get("url").getAsString(), headers, PDF) < 300) {
            assertThat(complete(OWNER, task, id).body())
                    .isEqualTo(problem(409, "The uploaded file's type is not the declared application/pdf"));
        }
        assertThat(json(send("GET", "/tasks/" + task + "/attachments/" + id, Map.of(), null))
                .getAsJsonObject("attachment").get("status").getAsString()).isEqualTo("pending");
    }

    @Test
    void everyRoleGetsExactlyWhatItMayDoAndAStrangerNothing() {
        assumeTrue(api.authenticates());
        String list = sharedList();
        String task = createTask(OWNER, "{\"task\":\"shared\",\"list_id\":\"" + list + "\"}");
        String byEditor = uploaded(EDITOR, task, "editor.pdf");

        assertThat(attach(VIEWER, task, "v.pdf", "application/pdf", 3).body()).isEqualTo(EDITOR_NEEDED);
        assertThat(attach(STRANGER, task, "s.pdf", "application/pdf", 3).body()).isEqualTo(TASK_NOT_FOUND);
        for (String member : List.of(OWNER, EDITOR, VIEWER)) {
            assertThat(ids(send("GET", "/tasks/" + task + "/attachments", by(member), null))).containsExactly(byEditor);
            assertThat(send("GET", "/tasks/" + task + "/attachments/" + byEditor, by(member), null).status())
                    .isEqualTo(200);
        }
        for (String[] request : List.of(new String[] {"GET", "/tasks/" + task + "/attachments"},
                new String[] {"GET", "/tasks/" + task + "/attachments/" + byEditor},
                new String[] {"POST", "/tasks/" + task + "/attachments/" + byEditor + "/complete"},
                new String[] {"DELETE", "/tasks/" + task + "/attachments/" + byEditor},
                new String[] {"DELETE", "/tasks/" + task + "/attachments/not-an-id"})) {
            assertThat(send(request[0], request[1], by(STRANGER), null).body()).as(request[1])
                    .isEqualTo(TASK_NOT_FOUND);
        }
        assertThat(complete(VIEWER, task, byEditor).body()).isEqualTo(EDITOR_NEEDED);
        assertThat(send("DELETE", "/tasks/" + task + "/attachments/" + byEditor, by(VIEWER), null).body())
                .isEqualTo(EDITOR_NEEDED);
        assertThat(send("DELETE", "/tasks/" + task + "/attachments/" + byEditor, by(EDITOR), null).body())
                .isEqualTo("{\"message\":\"Attachment deleted successfully\",\"id\":\"" + byEditor + "\"}");
        assertThat(send("GET", "/tasks/" + task + "/attachments/" + byEditor, Map.of(), null).body())
                .isEqualTo(ATTACHMENT_NOT_FOUND);
        String own = createTask(OWNER, "{\"task\":\"mine\"}");
        assertThat(attach(BOB, own, "b.pdf", "application/pdf", 3).body()).isEqualTo(TASK_NOT_FOUND);
    }

    @Test
    void aNewAttachmentFollowsItsRulesAndABadOneChangesNothing() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String path = "/tasks/" + task + "/attachments";

        assertThat(send("POST", path, JSON, "{\"filename\":\"../etc/passwd\",\"content_type\":\"application/pdf\","
                + "\"size\":1}").body())
                .isEqualTo(validation("filename", "must not contain a path separator (/ or \\\\)"));
        assertThat(send("POST", path, JSON, "{\"filename\":\"a.svg\",\"content_type\":\"image/svg+xml\","
                + "\"size\":1}").body()).contains("\"field\":\"content_type\",\"message\":\"must be one of: ");
        assertThat(send("POST", path, JSON, "{\"filename\":\"a.pdf\",\"content_type\":\"application/pdf\","
                + "\"size\":26214401}").body()).isEqualTo(validation("size", "must be from 1 to 26214400 bytes"));
        assertThat(send("POST", path, JSON, "{\"filename\":\"a.pdf\",\"content_type\":\"application/pdf\","
                + "\"size\":\"1\"}").body()).isEqualTo(validation("size", "must be a number"));
        assertThat(send("POST", path, JSON, "{\"filename\":\"a.pdf\",\"content_type\":\"application/pdf\","
                + "\"size\":1.5}").body()).isEqualTo(validation("size", "must be from 1 to 26214400 bytes"));
        assertThat(send("POST", path, JSON, "{\"filename\":\"a.pdf\",\"content_type\":\"application/pdf\","
                + "\"size\":1,\"status\":\"available\"}").body())
                .isEqualTo(validation("status", "is set by the server and cannot be written"));
        assertThat(send("POST", path, JSON, "{\"content_type\":\"application/pdf\",\"size\":1}").body())
                .isEqualTo(validation("filename", "is required"));
        assertThat(send("POST", path, Map.of("Content-Type", "text/plain"), "{}").status()).isEqualTo(415);
        assertThat(ids(send("GET", path, Map.of(), null))).isEmpty();
    }

    @Test
    void aTaskHoldsTwentyAttachmentsAndItsDeletionTakesThemWithIt() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String first = null;
        for (int i = 0; i < 20; i++) {
            ApiExchange created = attach(OWNER, task, "f" + i + ".txt", "text/plain", 1);
            assertThat(created.status()).isEqualTo(201);
            first = first == null ? json(created).getAsJsonObject("attachment").get("id").getAsString() : first;
        }

        assertThat(attach(OWNER, task, "one more.txt", "text/plain", 1).body())
                .isEqualTo(problem(409, "A task can have at most 20 attachments: delete one first"));
        assertThat(send("GET", "/tasks/" + task + "/attachments?limit=15", Map.of(), null).body())
                .contains("\"count\":15");

        assertThat(send("DELETE", "/tasks/" + task, Map.of(), null).status()).isEqualTo(200);
        assertThat(send("GET", "/tasks/" + task + "/attachments", Map.of(), null).body()).isEqualTo(TASK_NOT_FOUND);
        assertThat(send("GET", "/tasks/" + task + "/attachments/" + first, Map.of(), null).body())
                .isEqualTo(TASK_NOT_FOUND);
    }

    @Test
    void headAnswersAsGetAndAClientWithoutCredentialsIsRefused() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        String id = uploaded(OWNER, task, "plan.pdf");
        String missing = "/tasks/" + task + "/attachments/01890a5d-ac96-774b-bcce-b302099a8057";

        for (String path : List.of("/tasks/" + task + "/attachments", "/tasks/" + task + "/attachments/" + id, missing,
                "/tasks/" + task + "/attachments?limit=0", "/tasks/01890a5d-ac96-774b-bcce-b302099a8057/attachments")) {
            ApiExchange get = send("GET", path, Map.of(), null);
            ApiExchange head = send("HEAD", path, Map.of(), null);
            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.body()).as(path).isEmpty();
        }
        assertThat(send("GET", "/tasks/" + task + "/attachments?limit=0", Map.of(), null).body())
                .isEqualTo(validation("limit", "must be an integer from 1 to 100"));
        if (api.authenticates()) {
            for (String[] request : List.of(new String[] {"GET", "/tasks/" + task + "/attachments"},
                    new String[] {"HEAD", "/tasks/" + task + "/attachments"},
                    new String[] {"GET", "/tasks/" + task + "/attachments/" + id},
                    new String[] {"HEAD", "/tasks/" + task + "/attachments/" + id},
                    new String[] {"POST", "/tasks/" + task + "/attachments/" + id + "/complete"},
                    new String[] {"DELETE", "/tasks/" + task + "/attachments/" + id})) {
                assertThat(send(request[0], request[1], as("", Map.of()), null).status()).as(request[1])
                        .isEqualTo(401);
            }
            assertThat(send("POST", "/tasks/" + task + "/attachments", as("", JSON), "{}").status()).isEqualTo(401);
        }
        assertThat(ids(send("GET", "/tasks/" + task + "/attachments", Map.of(), null))).containsExactly(id);
    }

    @Test
    void anIdempotentRetryOfAnAttachmentIsOneAttachmentWithTheSameUpload() {
        String task = createTask(OWNER, "{\"task\":\"t\"}");
        Map<String, String> keyed = headers("Idempotency-Key", "attach-retry-1");
        String body = "{\"filename\":\"a.txt\",\"content_type\":\"text/plain\",\"size\":3}";

        ApiExchange first = send("POST", "/tasks/" + task + "/attachments", keyed, body);
        ApiExchange retry = send("POST", "/tasks/" + task + "/attachments", keyed, body);
        ApiExchange other = send("POST", "/tasks/" + task + "/attachments", keyed, body.replace("a.txt", "b.txt"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.status()).isEqualTo(422);
        assertThat(ids(send("GET", "/tasks/" + task + "/attachments", Map.of(), null))).hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    ApiExchange attach(String user, String task, String filename, String contentType, long size) {
        JsonObject body = new JsonObject();
        body.addProperty("filename", filename);
        body.addProperty("content_type", contentType);
        body.addProperty("size", size);
        return send("POST", "/tasks/" + task + "/attachments", as(user, JSON), body.toString());
    }

    ApiExchange complete(String user, String task, String attachment) {
        return send("POST", "/tasks/" + task + "/attachments/" + attachment + "/complete", by(user), null);
    }

    /** Attaches a small PDF as {@code user}, uploads it and completes it; its id. */
    String uploaded(String user, String task, String filename) {
        JsonObject created = json(attach(user, task, filename, "application/pdf", PDF.length));
        JsonObject upload = created.getAsJsonObject("upload");
        assertThat(api.upload(upload.get("url").getAsString(), headersOf(upload), PDF)).isBetween(200, 299);
        String id = created.getAsJsonObject("attachment").get("id").getAsString();
        assertThat(complete(user, task, id).status()).isEqualTo(200);
        return id;
    }

    static Map<String, String> headersOf(JsonObject upload) {
        Map<String, String> headers = new LinkedHashMap<>();
        upload.getAsJsonObject("headers").entrySet()
                .forEach(header -> headers.put(header.getKey(), header.getValue().getAsString()));
        return headers;
    }
}
