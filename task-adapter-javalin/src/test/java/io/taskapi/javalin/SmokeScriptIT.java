package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/smoke.sh}, the check a deployment ends with, run against the local server: it passes against an API
 * that verifies tokens, and it fails against one that serves a request without a token, which is the mistake its
 * authentication checks exist to catch. One identity provider and one server of each kind for the class, keeping the
 * files of the attachments it uploads in a temporary folder.
 */
class SmokeScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String ORIGIN = "https://smoke.example";

    private static TestIdentityProvider provider;
    private static ServerComponent verifying;
    private static ServerComponent open;
    @TempDir
    static Path files;

    @BeforeAll
    static void start() {
        provider = TestIdentityProvider.start();
        Map<String, String> jwt = new HashMap<>(provider.environment());
        jwt.putAll(Map.of("PORT", "0", "TASKS_CORS_ORIGINS", ORIGIN, "TASKS_FILES_DIR", files.resolve("verifying")
                .toString()));
        verifying = TestServers.start(jwt);
        open = TestServers.start(Map.of("PORT", "0", "TASKS_CORS_ORIGINS", ORIGIN, "TASKS_FILES_DIR",
                files.resolve("open").toString()));
    }

    @AfterAll
    static void stop() {
        verifying.server().stop();
        open.server().stop();
        provider.close();
    }

    @Test
    void passesEveryCheckAgainstAnApiThatVerifiesTokens() throws Exception {
        Run run = smoke(verifying, provider.token("smoke-test"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("PASS", "GET /tasks without a token is 401",
                "GET /tasks with an invalid token is 401", "GET on an unknown path is 404 with a JSON body and CORS"
                        + " headers", "POST /tasks/{id}/comments posts a comment",
                "GET /tasks/{id}/activity lists the comment, the update and the creation",
                "DELETE /tasks/{id}/comments/{comment_id} deletes the comment",
                "POST /tasks/{id}/attachments attaches a text file",
                "PUT on the upload URL with exactly the granted headers stores the file",
                "GET on the download URL serves the uploaded bytes as an attachment",
                "DELETE /tasks/{id}/attachments/{attachment_id} deletes the attachment", "All 32 smoke checks passed")
                .doesNotContain("SKIP");
    }

    @Test
    void failsAgainstAnApiThatServesRequestsWithoutAToken() throws Exception {
        Run run = smoke(open, provider.token("smoke-test"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("FAIL", "GET /tasks without a token is 401").contains("401")
                .doesNotContain("All 32 smoke checks passed");
    }

    @Test
    void withoutATokenSkipsOnlyTheAuthenticationChecks() throws Exception {
        Run run = smoke(open, null);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SKIP", "All 30 smoke checks passed");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run smoke(ServerComponent server, String token) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/smoke.sh").toString(),
                "http://127.0.0.1:" + server.server().port()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SMOKE_") || name.equals("API_URL"));
        builder.environment().put("SMOKE_ORIGIN", ORIGIN);
        builder.environment().put("NO_COLOR", "1");
        if (token != null) {
            builder.environment().put("SMOKE_AUTH_TOKEN", token);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("smoke.sh did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }
}
