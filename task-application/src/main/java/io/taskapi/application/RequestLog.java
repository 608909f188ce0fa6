package io.taskapi.application;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Structured logs: one JSON line per request, and one per unexpected failure (stack trace inside the line) with the
 * request id to correlate them. Never logs bodies, task text, tokens, headers or owner ids (only a hash of the owner,
 * enough to tell requests of one owner from another's). A request refused for its credentials names why in a short
 * code ({@code auth_failure}), which the client is never told.
 *
 * <p>With embedded metrics (on Lambda) each request line is also a CloudWatch Embedded Metric Format record: CloudWatch
 * turns it into the {@code TaskApi} metrics Requests, ClientErrors, ServerErrors, Latency and ColdStart by route, with
 * no extra call. Either way the log counts every request in {@link #counters()}.
 */
public final class RequestLog {
    /** The CloudWatch namespace of the embedded metrics. */
    static final String METRICS_NAMESPACE = "TaskApi";

    private final PrintStream out;
    private final String metricsService;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final RequestCounters counters = new RequestCounters();
    /** Keyed by the application's assembly; a log used on its own gets a random key when it first needs one. */
    private volatile KeyedHash ownerHashes;

    /**
     * A log of plain JSON lines.
     *
     * @param out where the lines go
     */
    public RequestLog(PrintStream out) {
        this(out, null);
    }

    private RequestLog(PrintStream out, String metricsService) {
        this.out = out;
        this.metricsService = metricsService;
    }

    /**
     * A log on standard output, where Lambda and container platforms collect it.
     *
     * @return the log
     */
    public static RequestLog stdout() {
        return new RequestLog(System.out);
    }

    /**
     * A log whose request lines are also CloudWatch Embedded Metric Format records, flagging the cold start.
     *
     * @param out     where the lines go
     * @param service the value of the {@code Service} dimension, which keeps one deployment's metrics apart
     * @return the log
     */
    public static RequestLog withEmbeddedMetrics(PrintStream out, String service) {
        return new RequestLog(out, Objects.requireNonNull(service, "service"));
    }

    /** Writes out every line logged so far, where the stream holds lines back (the local server's gathers them). */
    public void flush() {
        out.flush();
    }

    /** The next request is the first of a new execution environment, as after a SnapStart restore. */
    public void expectColdStart() {
        coldStart.set(true);
    }

    /** Request counts and latencies since this log was created. */
    RequestCounters counters() {
        return counters;
    }

    void request(HttpRequest request, Route route, int status, long elapsedNanos) {
        counters.record(route, request.method(), status, elapsedNanos);
        String latency = milliseconds(elapsedNanos);
        boolean cold = coldStart.getAndSet(false);
        JsonText line = line(512, "INFO", "request", request, route)
                .name("status").value(status)
                .name("latency_ms").rawValue(latency);
        Caller caller = request.caller();
        if (caller instanceof Caller.Authenticated authenticated) {
            line.name("owner_hash").value(ownerHash(authenticated.owner()));
        } else if (caller instanceof Caller.Rejected rejected) {
            line.name("auth_failure").value(rejected.reason());
        } else if (caller instanceof Caller.Unverifiable unverifiable) {
            line.name("auth_unavailable").value(unverifiable.reason());
        }
        if (metricsService != null) {
            line.name("cold_start").value(cold);
            // The _aws directive that tells CloudWatch to extract the metrics below: per service and route, and per
            // service alone for alarms on the whole API. Only its timestamp changes from line to line.
            line.name("_aws").rawValue("{\"Timestamp\":" + System.currentTimeMillis() + METRICS_DIRECTIVE)
                    .name("Service").value(metricsService)
                    .name("Route").value(route.template())
                    .name("Requests").value(1)
                    .name("ClientErrors").value(status >= 400 && status < 500 ? 1 : 0)
                    .name("ServerErrors").value(status >= 500 ? 1 : 0)
                    .name("Latency").rawValue(latency)
                    .name("ColdStart").value(cold ? 1 : 0);
        }
        print(line.endObject().toLine());
    }

    /** The {@code _aws} object after its timestamp: the namespace, the dimension sets and each metric's unit. */
    private static final String METRICS_DIRECTIVE = ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + METRICS_NAMESPACE
            + "\",\"Dimensions\":[[\"Service\",\"Route\"],[\"Service\"]],\"Metrics\":["
            + "{\"Name\":\"Requests\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]}";

    /**
     * The first 64 bits of the owner id's HMAC-SHA256 under the deployment's owner-hash key, in hex: the same for one
     * owner on every instance of a deployment, and, without the key, no way back to the id or to test a guess of it.
     */
    String ownerHash(OwnerId owner) {
        KeyedHash hashes = ownerHashes;
        if (hashes == null) {
            hashes = DeploymentSecret.random().ownerHashes();
            ownerHashes = hashes;
        }
        return HexFormat.of().formatHex(hashes.of(owner.value().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** Keys the owner hashes with the deployment's secret; the application's assembly does it once. */
    void keyOwnerHashes(DeploymentSecret secret) {
        ownerHashes = secret.ownerHashes();
    }

    /** A request the store could not serve, with the store's short reason, such as {@code throttled}. */
    void storeUnavailable(HttpRequest request, Route route, StoreUnavailableException failure) {
        print(line(256, "WARN", "store_unavailable", request, route)
                .name("reason").value(failure.reason())
                .endObject().toLine());
    }

    /** A request that failed in a way the core did not expect: a bug, with its stack trace for the operator. */
    void failure(HttpRequest request, Route route, RuntimeException failure) {
        print(line(2048, "ERROR", "unhandled_exception", request, route)
                .name("exception").value(failure.getClass().getName())
                .name("stack").value(stackTrace(failure))
                .endObject().toLine());
    }

    /**
     * Something outside any request that an operator should know of, such as a failed warm-up: a warning line naming
     * the event and the failure's type.
     *
     * @param event   what happened, a short code
     * @param failure the exception, of which only the type and stack trace are logged
     */
    public void warning(String event, Throwable failure) {
        print(new JsonText(256).beginObject()
                .name("level").value("WARN")
                .name("event").value(event)
                .name("exception").value(failure.getClass().getName())
                .endObject().toLine());
    }

    /** The start of a line about one request: its level, event, request id, method and route. */
    private static JsonText line(int capacity, String level, String event, HttpRequest request, Route route) {
        return new JsonText(capacity).beginObject()
                .name("level").value(level)
                .name("event").value(event)
                .name("request_id").value(request.requestId())
                .name("method").value(request.method())
                .name("route").value(route.template());
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    /**
     * Nanoseconds as milliseconds with three decimals, for example {@code 1.234}; by hand, because a formatter on every
     * request showed up in profiles of the local server.
     */
    static String milliseconds(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /**
     * Writes a whole line, newline included, in one call: the stream's lock is then held for a single write to the
     * underlying file, where {@code println} holds it for several (System.out buffers only 128 bytes), and under load
     * the threads of the local server queued on it.
     */
    private void print(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
