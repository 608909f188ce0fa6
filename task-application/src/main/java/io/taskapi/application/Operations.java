package io.taskapi.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers a server process gives its operators, rendered like the API's own: liveness, readiness (whether the store
 * answers) and the request counters in the Prometheus text format.
 */
public final class Operations {
    private final TaskStore store;
    private final RequestCounters counters;

    Operations(TaskStore store, RequestCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    /** The process runs: {@code 200 {"status":"ok"}}. */
    public HttpResponse liveness() {
        return health(200, new JsonText(32).beginObject().name("status").value("ok").endObject());
    }

    /** Whether the store answers now: {@code 200 {"status":"ready"}}, or a 503 that says it does not. */
    public HttpResponse readiness() {
        if (store.isReachable()) {
            return health(200, new JsonText(32).beginObject().name("status").value("ready").endObject());
        }
        return health(503, new JsonText(96).beginObject()
                .name("status").value("unavailable")
                .name("message").value("The task store is not reachable")
                .endObject());
    }

    /** Request counts and latencies since the process started; the same figures Lambda sends CloudWatch. */
    public HttpResponse metrics() {
        return new HttpResponse(200, Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                counters.prometheusText());
    }

    private static HttpResponse health(int status, JsonText body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Type", JsonBodies.JSON);
        return new HttpResponse(status, headers, body.toString());
    }
}
