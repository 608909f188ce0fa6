package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.OwnerId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What operators read from the metrics: request counters by route, method and status, and latency histograms whose
 * buckets, sums and counts add up to the requests answered (Prometheus text on the local server, Embedded Metric Format
 * on Lambda).
 */
class RequestMetricsTest {
    private static final String TASKS = "route=\"/tasks\"";
    private static final String TASK = "route=\"/tasks/{id}\"";
    private static final String[] BOUNDS = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
        "2.5", "5.0"};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RequestLog log = RequestLog.withEmbeddedMetrics(
            new PrintStream(out, true, StandardCharsets.UTF_8), "task-api-test");

    private void answer(String method, Route route, int status, long nanos) {
        log.request(HttpRequest.builder(method, route.template()).requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build(), route, status, nanos);
    }

    @Test
    void eachAnsweredRequestIsCountedOnceUnderItsRouteTemplateMethodAndStatus() {
        answer("GET", Route.TASKS, 200, 1_000);
        answer("GET", Route.TASKS, 200, 1_000);
        answer("POST", Route.TASKS, 201, 1_000);
        answer("POST", Route.TASKS, 400, 1_000);
        answer("DELETE", Route.TASK, 404, 1_000);

        Map<String, Double> samples = samples(log.counters().prometheusText());

        assertThat(counters(samples)).containsExactly(
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"200\"}", 2.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"POST\",status=\"201\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"POST\",status=\"400\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"/tasks/{id}\",method=\"DELETE\",status=\"404\"}", 1.0));
    }

    /** Label values come from closed sets, so a client inventing methods cannot make the series grow. */
    @Test
    void aMethodTheApiDoesNotKnowIsCountedAsOther() {
        answer("BREW", Route.TASKS, 405, 1_000);
        answer("PROPFIND", Route.TASKS, 405, 1_000);
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            answer(method, Route.TASK, 200, 1_000);
        }

        Map<String, Double> counters = counters(samples(log.counters().prometheusText()));

        assertThat(counters).containsEntry(
                "taskapi_requests_total{route=\"/tasks\",method=\"OTHER\",status=\"405\"}", 2.0);
        assertThat(counters.keySet()).noneMatch(series -> series.contains("BREW") || series.contains("PROPFIND"));
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertThat(counters).containsEntry(
                    "taskapi_requests_total{route=\"/tasks/{id}\",method=\"" + method + "\",status=\"200\"}", 1.0);
        }
    }

    /**
     * A latency falls in the first bucket whose upper bound it does not exceed (a request of exactly 1 ms is in the
     * 1 ms bucket), buckets are cumulative, and a latency above the last bound is counted only in {@code +Inf}.
     */
    @Test
    void aLatencyIsCountedInEveryBucketFromTheFirstBoundItDoesNotExceed() {
        answer("GET", Route.TASKS, 200, 1_000_000);       // 0.001 s: exactly the first bound
        answer("GET", Route.TASKS, 200, 1_000_001);       // just above it
        answer("GET", Route.TASKS, 200, 250_000_000);     // 0.25 s: exactly a middle bound
        answer("GET", Route.TASKS, 200, 5_000_000_000L);  // exactly the last bound
        answer("GET", Route.TASKS, 200, 5_000_000_001L);  // above every bound

        Map<String, Double> samples = samples(log.counters().prometheusText());

        assertThat(buckets(samples, TASKS)).containsExactly(1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 4.0, 5.0);
        assertThat(samples.get("taskapi_request_duration_seconds_count{" + TASKS + "}")).isEqualTo(5.0);
        assertThat(samples.get("taskapi_request_duration_seconds_sum{" + TASKS + "}"))
                .isCloseTo(0.001 + 0.001000001 + 0.25 + 5 + 5.000000001, offset(1e-9));
    }

    /** For every route: the counters of its series, its histogram's count and its +Inf bucket are the same number. */
    @Test
    void theCountersAndTheHistogramOfARouteAddUpToTheRequestsAnswered() {
        long[] latencies = {0, 3_000_000, 7_000_000, 40_000_000, 90_000_000, 600_000_000, 3_000_000_000L};
        for (int i = 0; i < latencies.length; i++) {
            answer(i % 2 == 0 ? "GET" : "PUT", Route.TASK, i % 3 == 0 ? 200 : 412, latencies[i]);
        }
        answer("GET", Route.TASKS, 200, 2_000_000);

        Map<String, Double> samples = samples(log.counters().prometheusText());

        double taskRequests = counters(samples).entrySet().stream().filter(e -> e.getKey().contains(TASK))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(taskRequests).isEqualTo(7.0);
        assertThat(samples.get("taskapi_request_duration_seconds_count{" + TASK + "}")).isEqualTo(7.0);
        List<Double> taskBuckets = buckets(samples, TASK);
        assertThat(taskBuckets).isSorted().endsWith(7.0).containsExactly(1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 5.0, 5.0, 6.0,
                6.0, 7.0, 7.0);
        assertThat(samples.get("taskapi_request_duration_seconds_sum{" + TASK + "}"))
                .isCloseTo(3.74, offset(1e-9));
        assertThat(buckets(samples, TASKS)).containsExactly(0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    }

    @Test
    void theTextDeclaresBothFamiliesAndNamesNoRouteThatWasNotAnswered() {
        String empty = log.counters().prometheusText();
        assertThat(empty).isEqualTo("""
                # HELP taskapi_requests_total Requests answered, by route template, method and status.
                # TYPE taskapi_requests_total counter
                # HELP taskapi_request_duration_seconds Time to answer a request, by route template.
                # TYPE taskapi_request_duration_seconds histogram
                """);

        answer("GET", Route.ME, 200, 1_000);

        assertThat(log.counters().prometheusText()).contains("route=\"/me\"").doesNotContain(TASKS);
    }

    /** Through the API: every answer, an error, a preflight or an unknown path included, counts once. */
    @Test
    void theApiCountsEveryAnswerItGivesUnderTheRouteItMatched() {
        RequestLog quiet = TestApplications.quietLog();
        TaskApi api = TaskApplication.builder(TestStore.inMemory()).log(quiet).build().api();
        List<Request> requests = List.of(Request.post("/tasks").json("{\"task\":\"a\"}"), Request.get("/tasks"),
                Request.get("/tasks"), Request.options("/tasks"), Request.post("/tasks").json("{"),
                Request.get("/nowhere"), Request.get("/tasks").caller(Caller.anonymous()));
        for (Request request : requests) {
            api.handle(request.build("r"));
        }

        Map<String, Double> counters = counters(samples(quiet.counters().prometheusText()));

        assertThat(counters).containsExactly(
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"200\"}", 2.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"401\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"OPTIONS\",status=\"204\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"POST\",status=\"201\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"POST\",status=\"400\"}", 1.0),
                Map.entry("taskapi_requests_total{route=\"unknown\",method=\"GET\",status=\"404\"}", 1.0));
        Map<String, Double> samples = samples(quiet.counters().prometheusText());
        assertThat(samples.get("taskapi_request_duration_seconds_count{" + TASKS + "}")).isEqualTo(6.0);
        assertThat(samples.get("taskapi_request_duration_seconds_count{route=\"unknown\"}")).isEqualTo(1.0);
    }

    /**
     * On Lambda each line is an Embedded Metric Format record: one request, a client error for 4xx only, a server
     * error for 5xx only, the latency in milliseconds, and a cold start on the first line after a start or restore.
     */
    @Test
    void eachLineCountsOneRequestAndItsErrorClassAndTheColdStartOnlyOnce() {
        int[] statuses = {200, 304, 399, 400, 404, 499, 500, 503};
        for (int status : statuses) {
            answer("GET", Route.TASKS, status, 2_500_000);
        }
        log.expectColdStart();
        answer("GET", Route.TASKS, 200, 2_500_000);
        answer("GET", Route.TASKS, 200, 2_500_000);

        List<JsonObject> lines = lines();

        assertThat(lines).hasSize(statuses.length + 2);
        assertThat(lines).extracting(line -> line.get("Requests").getAsInt()).containsOnly(1);
        assertThat(lines).extracting(line -> line.get("ClientErrors").getAsInt())
                .containsExactly(0, 0, 0, 1, 1, 1, 0, 0, 0, 0);
        assertThat(lines).extracting(line -> line.get("ServerErrors").getAsInt())
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 0, 0);
        assertThat(lines).extracting(line -> line.get("ColdStart").getAsInt())
                .containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 1, 0);
        assertThat(lines).extracting(line -> line.get("cold_start").getAsBoolean())
                .containsExactly(true, false, false, false, false, false, false, false, true, false);
        assertThat(lines).extracting(line -> line.get("Latency").getAsString()).containsOnly("2.500");
        assertThat(lines).extracting(line -> line.get("Route").getAsString()).containsOnly("/tasks");
        assertThat(lines).extracting(line -> line.get("Service").getAsString()).containsOnly("task-api-test");
        assertThat(counters(samples(log.counters().prometheusText())).values().stream().mapToDouble(d -> d).sum())
                .as("the local counters count the same requests").isEqualTo(statuses.length + 2);
    }

    /** A log without embedded metrics writes no metric fields, but still counts. */
    @Test
    void aPlainLogWritesNoMetricFieldsButCountsAll() {
        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        RequestLog plain = new RequestLog(new PrintStream(plainOut, true, StandardCharsets.UTF_8));

        plain.request(HttpRequest.builder("GET", "/tasks").requestId("r").caller(Caller.owner(OwnerId.SHARED)).build(),
                Route.TASKS, 500, 1_000);

        JsonObject line = JsonParser.parseString(plainOut.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(line.keySet()).containsExactly(
                "level", "event", "request_id", "method", "route", "status", "latency_ms", "owner_hash");
        assertThat(counters(samples(plain.counters().prometheusText()))).containsExactly(
                Map.entry("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"500\"}", 1.0));
    }

    private List<JsonObject> lines() {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return lines;
    }

    /** Every sample line of a Prometheus text, by series (name and labels as written), in order. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            assertThat(samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1))))
                    .as("series written twice: %s", line).isNull();
        }
        return samples;
    }

    private static Map<String, Double> counters(Map<String, Double> samples) {
        Map<String, Double> counters = new LinkedHashMap<>();
        samples.forEach((series, value) -> {
            if (series.startsWith("taskapi_requests_total{")) {
                counters.put(series, value);
            }
        });
        return counters;
    }

    /** The cumulative bucket counts of a route's histogram, in the order of the bounds, {@code +Inf} last. */
    private static List<Double> buckets(Map<String, Double> samples, String route) {
        List<Double> counts = new ArrayList<>();
        for (String bound : BOUNDS) {
            counts.add(samples.get("taskapi_request_duration_seconds_bucket{" + route + ",le=\"" + bound + "\"}"));
        }
        counts.add(samples.get("taskapi_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"}"));
        return counts;
    }
}
