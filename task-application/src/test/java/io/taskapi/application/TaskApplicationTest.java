package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.domain.Actor;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one assembly of the core: what a composition root gets from it (the store, the use cases, the API, the log), and
 * the operators' answers (liveness, readiness, metrics) completed like the API's own.
 */
class TaskApplicationTest {
    private static final Actor OWNER = Actor.of(OwnerId.SHARED);

    private final TestStore store = TestStore.inMemory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RequestLog log = new RequestLog(new PrintStream(out, true, StandardCharsets.UTF_8));
    private final TaskApplication application = TaskApplication.builder(store).log(log).build();

    private static HttpRequest get(String path) {
        return HttpRequest.builder("GET", path).requestId("ops-1").caller(Caller.anonymous()).build();
    }

    /** In-process callers and the API share one store: what one writes, the other reads. */
    @Test
    void theUseCasesAndTheApiWorkOnTheStoreTheApplicationWasBuiltWith() {
        assertThat(application.store()).isSameAs(store);
        assertThat(application.log()).isSameAs(log);

        application.tasks().create(OWNER, NewTask.builder("milk").build());
        String task = application.tasks().list(OWNER, TaskListQuery.firstPage()).items().get(0).id();
        application.comments().post(OWNER, task, "whole, please");
        String listId = application.lists().create(OWNER, "groceries").list().id();

        assertThat(store.tasks().find(new TaskScope.Personal(OwnerId.SHARED), task)).isPresent();
        assertThat(application.api().handle(HttpRequest.builder("GET", "/lists/" + listId).requestId("r")
                .caller(Caller.owner(OwnerId.SHARED)).build()).body()).contains("groceries");
        HttpResponse comments = application.api().handle(HttpRequest.builder("GET", "/tasks/" + task + "/comments")
                .requestId("r").caller(Caller.owner(OwnerId.SHARED)).build());
        assertThat(comments.body()).contains("whole, please");
    }

    /** Attachments exist only where a file store is configured; their limits are the ones given. */
    @Test
    void attachmentsExistOnlyWithAFileStoreAndKeepTheirLimits() {
        AttachmentLimits limits = new AttachmentLimits(1024, 2, Set.of("text/plain"), Duration.ofMinutes(5));

        TaskApplication withFiles = TaskApplication.builder(TestStore.inMemory()).log(TestApplications.quietLog())
                .files(new MemoryFileStore()).attachmentLimits(limits).build();

        assertThat(application.attachments()).isEmpty();
        assertThat(withFiles.attachments()).hasValueSatisfying(service -> assertThat(service.limits())
                .isEqualTo(limits));
    }

    /** Maintenance works through what deleted lists left, a bounded number of steps at a time, and says what is left. */
    @Test
    void maintenanceSaysWhetherWorkIsLeft() {
        // More tasks than a deleting request removes itself, in each of two lists: two pieces of work are left.
        for (String name : List.of("a", "b")) {
            String listId = application.lists().create(OWNER, name).list().id();
            for (int i = 0; i <= 200; i++) {
                application.tasks().create(OWNER, NewTask.builder("t" + i).listId(listId).build());
            }
            application.lists().delete(OWNER, listId);
        }
        assertThat(store.lists().pendingWork(10)).hasSize(2);

        assertThat(application.maintain(1)).isTrue();
        assertThat(application.maintain(10)).isFalse();
        assertThat(application.maintain(10)).isFalse();
    }

    @Test
    void livenessIsOkWithTheHeadersAndLogLineOfEveryAnswer() {
        HttpResponse response = application.operations().liveness(get("/health"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Type", "application/json").containsEntry("X-Request-Id", "ops-1")
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(onlyLine().get("route").getAsString()).isEqualTo("/health");
    }

    /** Readiness asks the store each time: 200 while it answers, a JSON 503 saying so while it does not. */
    @Test
    void readinessFollowsTheStore() {
        HttpResponse ready = application.operations().readiness(get("/health/ready"));
        store.reachable.set(false);
        HttpResponse unready = application.operations().readiness(get("/health/ready"));

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(unready.status()).isEqualTo(503);
        assertThat(unready.body())
                .isEqualTo("{\"status\":\"unavailable\",\"message\":\"The task store is not reachable\"}");
        assertThat(unready.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(store.probes.get()).isEqualTo(2);
    }

    /** The metrics answer is the Prometheus text of every request answered so far, operations' own included. */
    @Test
    void metricsAreThePrometheusTextOfTheRequestsAnswered() {
        application.api().handle(HttpRequest.builder("GET", "/tasks").requestId("r").caller(Caller.owner(
                OwnerId.SHARED)).build());
        application.operations().liveness(get("/health"));

        HttpResponse metrics = application.operations().metrics(get("/metrics"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.headers()).containsEntry("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .containsEntry("X-Request-Id", "ops-1");
        Map<String, Double> samples = RequestMetricsTest.samples(metrics.body());
        assertThat(samples).containsEntry("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"200\"}", 1.0)
                .containsEntry("taskapi_requests_total{route=\"/health\",method=\"GET\",status=\"200\"}", 1.0);
        assertThat(application.log().counters().prometheusText()).contains("route=\"/metrics\"");
    }

    private JsonObject onlyLine() {
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.split("\n")).hasSize(1);
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
