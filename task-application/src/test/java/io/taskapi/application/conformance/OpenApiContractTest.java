package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle itself: it refuses answers that depart from the document, so the suite's checks are not vacuous. */
class OpenApiContractTest {
    private static final String TASK = "{\"id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"task\":\"x\",\"status\":\"new\","
            + "\"priority\":\"low\",\"created_at\":1,\"updated_at\":1}";

    private static ApiExchange answer(int status, String contentType, String body, String... headers) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        if (contentType != null) {
            all.put("Content-Type", List.of(contentType));
        }
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], List.of(headers[i + 1]));
        }
        return new ApiExchange(status, all, body);
    }

    @Test
    void acceptsADocumentedAnswer() {
        assertThatCode(() -> OpenApiContract.check("GET", "/tasks/x", answer(200, "application/json", TASK,
                "ETag", "\"1\""))).doesNotThrowAnyException();
    }

    @Test
    void refusesAnUndocumentedStatus() {
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks", answer(201, "application/json", "{}")))
                .hasMessageContaining("status not documented");
    }

    @Test
    void refusesABodyThatBreaksTheSchema() {
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x", answer(200, "application/json",
                TASK.replace("\"low\"", "\"LOW\""), "ETag", "\"1\""))).hasMessageContaining("departs");
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x", answer(200, "application/json",
                TASK.replace("}", ",\"extra\":1}"), "ETag", "\"1\""))).hasMessageContaining("departs");
    }

    @Test
    void refusesAMissingDocumentedHeaderOrTheWrongMediaType() {
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x", answer(200, "application/json", TASK)))
                .hasMessageContaining("ETag");
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x", answer(404, "application/json",
                "{\"message\":\"Task not found\"}"))).hasMessageContaining("departs");
    }

    @Test
    void anUndocumentedMethodMustBe405AndAnUnknownPath404() {
        String problem = "{\"message\":\"m\",\"type\":\"about:blank\",\"title\":\"t\",\"status\":405,\"detail\":\"m\"}";
        assertThatCode(() -> OpenApiContract.check("TRACE", "/tasks",
                answer(405, "application/problem+json", problem))).doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenApiContract.check("TRACE", "/tasks",
                answer(200, "application/problem+json", problem))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/nowhere",
                answer(200, "application/json", "{}"))).isInstanceOf(AssertionError.class);
    }

    private static final String ENTRY = "{\"id\":\"2\",\"at\":1,\"actor\":\"alice\",\"action\":\"updated\","
            + "\"changes\":{\"status\":{\"from\":\"new\",\"to\":\"completed\"},"
            + "\"tags\":{\"from\":null,\"to\":[\"work\"]}}}";
    private static final String COMMENTED = "{\"id\":\"3\",\"at\":1,\"actor\":\"alice\",\"action\":\"commented\","
            + "\"changes\":{},\"comment_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c\"}";

    private static ApiExchange activity(String... entries) {
        return answer(200, "application/json", "{\"items\":[" + String.join(",", entries) + "],\"count\":"
                + entries.length + ",\"next\":null}");
    }

    @Test
    void anActivityEntryIsAboutACommentExactlyWhenItNamesOne() {
        assertThatCode(() -> OpenApiContract.check("GET", "/tasks/x/activity", activity(ENTRY, COMMENTED)))
                .doesNotThrowAnyException();
        for (String broken : List.of(
                COMMENTED.replace(",\"comment_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c\"", ""),
                COMMENTED.replace("\"changes\":{}", "\"changes\":{\"task\":{\"from\":\"a\",\"to\":\"b\"}}"),
                ENTRY.replace("}}}", "}},\"comment_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c\"}"),
                ENTRY.substring(0, ENTRY.indexOf("\"changes\"")) + "\"changes\":{}}",
                ENTRY.replace("\"status\":", "\"version\":"),
                ENTRY.replace("\"updated\"", "\"renamed\""),
                ENTRY.replace("\"id\":\"2\"", "\"id\":2"),
                ENTRY.replace("\"to\":\"completed\"", "\"to\":\"completed\",\"by\":\"bob\""))) {
            assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x/activity", activity(broken)))
                    .as(broken).hasMessageContaining("departs");
        }
    }

    @Test
    void aNewCommentNamesItsLocationAndItsAuthor() {
        String comment = "{\"id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c\","
                + "\"task_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"author\":\"alice\","
                + "\"text\":\"Looks good\\nShip it\",\"created_at\":1}";
        assertThatCode(() -> OpenApiContract.check("POST", "/tasks/x/comments", answer(201, "application/json",
                comment, "Location", "/tasks/x/comments/y"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenApiContract.check("POST", "/tasks/x/comments", answer(201, "application/json",
                comment))).hasMessageContaining("Location");
        assertThatThrownBy(() -> OpenApiContract.check("POST", "/tasks/x/comments", answer(201, "application/json",
                comment.replace("\"author\":\"alice\",", ""), "Location", "/tasks/x/comments/y")))
                .hasMessageContaining("departs");
        assertThatThrownBy(() -> OpenApiContract.check("PUT", "/tasks/x/comments/y", answer(200,
                "application/json", "{}"))).isInstanceOf(AssertionError.class);
    }

    private static final String ATTACHMENT = "{\"id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2d\","
            + "\"task_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"filename\":\"plan.pdf\","
            + "\"content_type\":\"application/pdf\",\"size\":1024,\"status\":\"pending\",\"created_at\":1,"
            + "\"uploaded_by\":\"alice\"}";
    private static final String AVAILABLE = ATTACHMENT.replace("\"pending\"", "\"available\"");
    private static final String UPLOAD = "{\"url\":\"https://files.example/pending/x?signature=s\",\"method\":\"PUT\","
            + "\"headers\":{\"Content-Length\":\"1024\",\"Content-Type\":\"application/pdf\"},\"expires_at\":301}";
    private static final String DOWNLOAD = "{\"url\":\"https://files.example/available/x?signature=s\","
            + "\"expires_at\":301}";

    @Test
    void aNewAttachmentNamesItsLocationAndAPendingUpload() {
        String created = "{\"attachment\":" + ATTACHMENT + ",\"upload\":" + UPLOAD + "}";
        assertThatCode(() -> OpenApiContract.check("POST", "/tasks/x/attachments", answer(201, "application/json",
                created, "Location", "/tasks/x/attachments/y"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenApiContract.check("POST", "/tasks/x/attachments", answer(201,
                "application/json", created))).hasMessageContaining("Location");
        for (String broken : List.of(
                created.replace("\"pending\"", "\"available\""),
                created.replace("\"PUT\"", "\"POST\""),
                created.replace("\"Content-Length\":\"1024\",", ""),
                created.replace(",\"expires_at\":301", ""),
                created.replace("\"uploaded_by\":\"alice\"", "\"uploaded_by\":\"\""),
                created.replace("\"size\":1024", "\"size\":0"),
                created.replace("\"application/pdf\",\"size\"", "\"Application/PDF\",\"size\""))) {
            assertThatThrownBy(() -> OpenApiContract.check("POST", "/tasks/x/attachments", answer(201,
                    "application/json", broken, "Location", "/tasks/x/attachments/y")))
                    .as(broken).hasMessageContaining("departs");
        }
        assertThatThrownBy(() -> OpenApiContract.check("PUT", "/tasks/x/attachments/y", answer(200,
                "application/json", "{}"))).isInstanceOf(AssertionError.class);
        assertThatCode(() -> OpenApiContract.check("POST", "/tasks/x/attachments/y/complete", answer(200,
                "application/json", AVAILABLE))).doesNotThrowAnyException();
    }

    @Test
    void anAttachmentHasADownloadExactlyWhenItIsAvailable() {
        assertThatCode(() -> {
            OpenApiContract.check("GET", "/tasks/x/attachments/y", answer(200, "application/json",
                    "{\"attachment\":" + AVAILABLE + ",\"download\":" + DOWNLOAD + "}"));
            OpenApiContract.check("GET", "/tasks/x/attachments/y", answer(200, "application/json",
                    "{\"attachment\":" + ATTACHMENT + ",\"download\":null}"));
        }).doesNotThrowAnyException();
        for (String broken : List.of(
                "{\"attachment\":" + AVAILABLE + ",\"download\":null}",
                "{\"attachment\":" + ATTACHMENT + ",\"download\":" + DOWNLOAD + "}",
                "{\"attachment\":" + AVAILABLE + "}",
                "{\"attachment\":" + AVAILABLE + ",\"download\":" + DOWNLOAD.replace(",\"expires_at\":301", "") + "}",
                "{\"attachment\":" + AVAILABLE.replace("\"available\"", "\"uploaded\"") + ",\"download\":null}")) {
            assertThatThrownBy(() -> OpenApiContract.check("GET", "/tasks/x/attachments/y", answer(200,
                    "application/json", broken))).as(broken).hasMessageContaining("departs");
        }
    }

    @Test
    void theDocumentIsOpenApi31AndListsEveryOperationOfTheApi() {
        assertThat(OpenApiContract.document().path("openapi").asString()).isEqualTo("3.1.0");
        // Each route's methods, as the API answers them in Allow (io.taskapi.application.Route).
        assertThat(OpenApiContract.documentedOperations()).containsExactly(
                "DELETE /lists/{id}", "DELETE /lists/{id}/members/{user_id}", "DELETE /tasks/{id}",
                "DELETE /tasks/{id}/attachments/{attachment_id}", "DELETE /tasks/{id}/comments/{comment_id}",
                "GET /lists", "GET /lists/{id}", "GET /lists/{id}/members", "GET /me", "GET /tasks", "GET /tasks/{id}",
                "GET /tasks/{id}/activity", "GET /tasks/{id}/attachments",
                "GET /tasks/{id}/attachments/{attachment_id}", "GET /tasks/{id}/comments", "HEAD /lists",
                "HEAD /lists/{id}", "HEAD /lists/{id}/members", "HEAD /me", "HEAD /tasks", "HEAD /tasks/{id}",
                "HEAD /tasks/{id}/activity", "HEAD /tasks/{id}/attachments",
                "HEAD /tasks/{id}/attachments/{attachment_id}", "HEAD /tasks/{id}/comments",
                "OPTIONS /invitations/{code}", "OPTIONS /lists", "OPTIONS /lists/{id}",
                "OPTIONS /lists/{id}/invitations", "OPTIONS /lists/{id}/members",
                "OPTIONS /lists/{id}/members/{user_id}", "OPTIONS /me", "OPTIONS /tasks", "OPTIONS /tasks/{id}",
                "OPTIONS /tasks/{id}/activity", "OPTIONS /tasks/{id}/attachments",
                "OPTIONS /tasks/{id}/attachments/{attachment_id}",
                "OPTIONS /tasks/{id}/attachments/{attachment_id}/complete", "OPTIONS /tasks/{id}/comments",
                "OPTIONS /tasks/{id}/comments/{comment_id}", "PATCH /lists/{id}", "PATCH /tasks/{id}",
                "POST /invitations/{code}", "POST /lists", "POST /lists/{id}/invitations", "POST /tasks",
                "POST /tasks/{id}/attachments", "POST /tasks/{id}/attachments/{attachment_id}/complete",
                "POST /tasks/{id}/comments", "PUT /lists/{id}/members/{user_id}", "PUT /tasks/{id}");
    }
}
