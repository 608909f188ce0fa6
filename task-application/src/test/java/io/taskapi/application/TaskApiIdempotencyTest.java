package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.T0;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.utf8;
import static io.taskapi.application.TaskApiHarness.validation;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.FailingTaskRepository;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Idempotency-Key on POST and PATCH over time and via the key store: replays, claims in flight, expiry, release. */
class TaskApiIdempotencyTest {
    TaskApiHarness harness = new TaskApiHarness();

    Request post(String key, String body) {
        return Request.post("/tasks").header("Idempotency-Key", key).json(body);
    }

    @Test
    void aRetryGetsTheFirstAnswerAndCreatesNothing() {
        HttpResponse first = harness.send(post("k-1", "{\"task\":\"once\"}"));
        harness.clock.advance(Duration.ofHours(1));

        HttpResponse retry = harness.send(post("k-1", "{\"task\":\"once\"}"));

        assertThat(first.status()).isEqualTo(201);
        assertResponse(retry, 201, first.body());
        assertThat(withoutRequestId(retry.headers())).isEqualTo(withoutRequestId(first.headers()));
        assertThat(harness.stored()).hasSize(1);
    }

    @Test
    void aRequestStillInFlightIs409WithRetryAfter() {
        String fingerprint = Idempotency.fingerprint(post("k-1", "{\"task\":\"once\"}").build("x"));
        harness.idempotencyStore.claim(TaskApiHarness.OWNER, "k-1", fingerprint, T0);

        HttpResponse response = harness.send(post("k-1", "{\"task\":\"once\"}"));

        assertResponse(response, 409,
                error("A request with this Idempotency-Key is still being processed; retry it later"));
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        assertThat(harness.stored()).isEmpty();
    }

    @Test
    void anAttemptAbandonedForAMinuteIsRunAgain() {
        String fingerprint = Idempotency.fingerprint(post("k-1", "{\"task\":\"once\"}").build("x"));
        harness.idempotencyStore.claim(TaskApiHarness.OWNER, "k-1", fingerprint, T0);
        harness.clock.advance(Duration.ofMinutes(1));

        assertThat(harness.send(post("k-1", "{\"task\":\"once\"}")).status()).isEqualTo(201);
    }

    @Test
    void aKeyIsForgottenAfter24Hours() {
        harness.send(post("k-1", "{\"task\":\"once\"}"));
        harness.clock.advance(Duration.ofHours(24));

        assertThat(harness.send(post("k-1", "{\"task\":\"twice\"}")).status()).isEqualTo(201);
        assertThat(harness.stored()).hasSize(2);
    }

    @Test
    void aRefusedRequestKeepsNothingSoACorrectedRetryRuns() {
        assertThat(harness.send(post("k-1", "{\"task\":\"\"}")).status()).isEqualTo(400);

        assertThat(harness.send(post("k-1", "{\"task\":\"fixed\"}")).status()).isEqualTo(201);
    }

    @Test
    void aServerFailureReleasesTheKey() {
        TaskApiHarness down = new TaskApiHarness(new FailingTaskRepository(
                () -> new StoreUnavailableException(new RuntimeException("throttled"))));
        down.send(Request.post("/tasks").header("Idempotency-Key", "k").json("{\"task\":\"a\"}"));

        assertThat(down.idempotencyStore.claim(TaskApiHarness.OWNER, "k", "any", T0))
                .isInstanceOf(IdempotencyClaim.Granted.class);
    }

    @Test
    void aPatchRetryIsAnsweredWithoutApplyingItAgain() {
        harness.create("a");
        Request patch = Request.of("PATCH", "/tasks/" + ID1).header("Idempotency-Key", "p")
                .header("Content-Type", "application/merge-patch+json").body(utf8("{\"tags\":[\"x\"]}"));

        HttpResponse first = harness.send(patch);
        HttpResponse retry = harness.send(patch);

        assertResponse(retry, 200, first.body());
        assertThat(retry.headers()).containsEntry("ETag", "\"2\"");
        assertThat(harness.stored()).extracting(Task::version).containsExactly(2L);
    }

    /** The suite sends {@code has space}. */
    @ParameterizedTest
    @ValueSource(strings = {"", "tab\tkey", "caf\u00e9"})
    void aKeyMustBeVisibleAscii(String key) {
        assertResponse(harness.send(post(key, "{\"task\":\"a\"}")), 400, validation("Idempotency-Key",
                "must be given once, as 1 to 255 visible ASCII characters"));
        assertThat(harness.stored()).isEmpty();
    }

    /** Visible ASCII is 0x21 ({@code !}) to 0x7E ({@code ~}): both ends are keys, the characters beside them are not. */
    @ParameterizedTest
    @ValueSource(strings = {"!", "~", "!~", "k", "0190a1b2-c3d4_7e5f.8a6b~!"})
    void aKeyMayBeAnyVisibleAsciiFromBangToTilde(String key) {
        assertThat(harness.send(post(key, "{\"task\":\"a\"}")).status()).isEqualTo(201);
        assertThat(harness.send(post(key, "{\"task\":\"a\"}")).status()).as("the retry is answered, not run")
                .isEqualTo(201);
        assertThat(harness.stored()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "a b", "\u007f", "a\u007f", "\u0000"})
    void theCharactersJustOutsideVisibleAsciiAreRefused(String key) {
        assertResponse(harness.send(post(key, "{\"task\":\"a\"}")), 400, validation("Idempotency-Key",
                "must be given once, as 1 to 255 visible ASCII characters"));
        assertThat(harness.stored()).isEmpty();
    }

    @Test
    void aKeyHasAtMost255Characters() {
        assertThat(harness.send(post("k".repeat(255), "{\"task\":\"a\"}")).status()).isEqualTo(201);
        assertThat(harness.send(post("k".repeat(256), "{\"task\":\"a\"}")).status()).isEqualTo(400);
        assertThat(harness.send(post("a", "{\"task\":\"a\"}").header("Idempotency-Key", "b")).status())
                .isEqualTo(400);
    }

    @Test
    void otherMethodsIgnoreTheHeader() {
        harness.create("a");

        assertThat(harness.send(Request.put("/tasks/" + ID1).header("Idempotency-Key", "has space")
                .json("{\"task\":\"b\"}")).status()).isEqualTo(200);
    }

    /** An attempt that throws instead of answering (an Error, say) frees its key, so that a retry runs afresh. */
    @Test
    void anAttemptThatThrowsReleasesItsKey() {
        Idempotency idempotency = new Idempotency(harness.idempotencyStore, harness.clock);
        HttpRequest request = post("thrown", "{\"task\":\"a\"}").build("r");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> idempotency.run(request, "thrown", () -> {
            throw new StackOverflowError();
        })).isInstanceOf(StackOverflowError.class);

        HttpResponse retry = idempotency.run(request, "thrown", () -> new HttpResponse(201, java.util.Map.of(), "ok"));
        assertThat(retry.body()).isEqualTo("ok");
    }
}
