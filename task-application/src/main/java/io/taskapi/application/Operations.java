package io.taskapi.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers a server process gives its operators, rendered and completed like the API's own (request id, CORS
 * headers, a log line): liveness, readiness (whether the store answers) and the request counters in the Prometheus
 * text format.
 */
public final class Operations {
    private final TaskStore store;
    private final RequestCounters counters;
    private final TaskApi api;

    Operations(TaskStore store, RequestCounters counters, TaskApi api) {
        this.store = store;
        this.counters = counters;
        this.api = api;
    }

    /**
     * The process runs: {@code 200 {"status":"ok"}}.
     *
     * @param request the request for the liveness route
     * @return the complete answer
     */
    public HttpResponse liveness(HttpRequest request) {
        long started = System.nanoTime();
        return api.finish(request, Route.HEALTH,
                health(200, new JsonText(32).beginObject().name("status").value("ok").endObject()), started);
    }

    /**
     * Whether the store answers now: {@code 200 {"status":"ready"}}, or a 503 that says it does not.
     *
     * @param request the request for the readiness route
     * @return the complete answer
     */
    public HttpResponse readiness(HttpRequest request) {
        long started = System.nanoTime();
        HttpResponse answer = store.isReachable()
                ? health(200, new JsonText(32).beginObject().name("status").value("ready").endObject())
                : health(503, new JsonText(96).beginObject()
                        .name("status").value("unavailable")
                        .name("message").value("The task store is not reachable")
                        .endObject());
        return api.finish(request, Route.READINESS, answer, started);
    }

    /**
     * Request counts and latencies since the process started; the same figures Lambda sends CloudWatch.
     *
     * @param request the request for the metrics route
     * @return the complete answer, in the Prometheus text format
     */
    public HttpResponse metrics(HttpRequest request) {
        long started = System.nanoTime();
        return api.finish(request, Route.METRICS, new HttpResponse(200,
                Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), counters.prometheusText()),
                started);
    }

    private static HttpResponse health(int status, JsonText body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Type", JsonBodies.JSON);
        return new HttpResponse(status, headers, body.toString());
    }
}
