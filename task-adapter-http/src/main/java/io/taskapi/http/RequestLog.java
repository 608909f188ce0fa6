package io.taskapi.http;

import com.google.gson.stream.JsonWriter;
import io.taskapi.domain.OwnerId;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    public static final String METRICS_NAMESPACE = "TaskApi";

    private final PrintStream out;
    private final String metricsService;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final RequestCounters counters = new RequestCounters();

    public RequestLog(PrintStream out) {
        this(out, null);
    }

    private RequestLog(PrintStream out, String metricsService) {
        this.out = out;
        this.metricsService = metricsService;
    }

    /** A log on standard output, where Lambda and container platforms collect it. */
    public static RequestLog stdout() {
        return new RequestLog(System.out);
    }

    /**
     * A log whose request lines are also CloudWatch Embedded Metric Format records, flagging the cold start.
     *
     * @param service the value of the {@code Service} dimension, which keeps one deployment's metrics apart
     */
    public static RequestLog withEmbeddedMetrics(PrintStream out, String service) {
        return new RequestLog(out, Objects.requireNonNull(service, "service"));
    }

    /** The next request is the first of a new execution environment, as after a SnapStart restore. */
    public void expectColdStart() {
        coldStart.set(true);
    }

    /** Request counts and latencies since this log was created. */
    public RequestCounters counters() {
        return counters;
    }

    void request(HttpRequest request, Route route, int status, long elapsedNanos) {
        counters.record(route, request.method(), status, elapsedNanos);
        String latency = milliseconds(elapsedNanos);
        boolean cold = coldStart.getAndSet(false);
        out.println(line(json -> {
            json.name("level").value("INFO")
                    .name("event").value("request")
                    .name("request_id").value(request.requestId())
                    .name("method").value(request.method())
                    .name("route").value(route.template())
                    .name("status").value(status)
                    .name("latency_ms").jsonValue(latency);
            Caller caller = request.caller();
            if (caller instanceof Caller.Authenticated authenticated) {
                json.name("owner_hash").value(ownerHash(authenticated.owner()));
            } else if (caller instanceof Caller.Rejected rejected) {
                json.name("auth_failure").value(rejected.reason());
            } else if (caller instanceof Caller.Unverifiable unverifiable) {
                json.name("auth_unavailable").value(unverifiable.reason());
            }
            if (metricsService != null) {
                json.name("cold_start").value(cold);
                writeMetrics(json, metricsService, route, status, latency, cold);
            }
        }));
    }

    /**
     * The metric values and the {@code _aws} directive that tells CloudWatch to extract them: per service and route,
     * and per service alone for alarms on the whole API.
     */
    private static void writeMetrics(
            JsonWriter json, String service, Route route, int status, String latency, boolean cold)
            throws IOException {
        json.name("_aws").beginObject()
                .name("Timestamp").value(System.currentTimeMillis())
                .name("CloudWatchMetrics").beginArray().beginObject()
                .name("Namespace").value(METRICS_NAMESPACE)
                .name("Dimensions").beginArray()
                .beginArray().value("Service").value("Route").endArray()
                .beginArray().value("Service").endArray()
                .endArray()
                .name("Metrics").beginArray();
        metric(json, "Requests", "Count");
        metric(json, "ClientErrors", "Count");
        metric(json, "ServerErrors", "Count");
        metric(json, "Latency", "Milliseconds");
        metric(json, "ColdStart", "Count");
        json.endArray().endObject().endArray().endObject();
        json.name("Service").value(service)
                .name("Route").value(route.template())
                .name("Requests").value(1)
                .name("ClientErrors").value(status >= 400 && status < 500 ? 1 : 0)
                .name("ServerErrors").value(status >= 500 ? 1 : 0)
                .name("Latency").jsonValue(latency)
                .name("ColdStart").value(cold ? 1 : 0);
    }

    private static void metric(JsonWriter json, String name, String unit) throws IOException {
        json.beginObject().name("Name").value(name).name("Unit").value(unit).endObject();
    }

    /** The first 64 bits of SHA-256 of the owner id, in hex: stable per owner, and no id in the logs. */
    static String ownerHash(OwnerId owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    void storeUnavailable(HttpRequest request, Route route, RuntimeException failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        out.println(line(json -> json
                .name("level").value("WARN")
                .name("event").value("store_unavailable")
                .name("request_id").value(request.requestId())
                .name("method").value(request.method())
                .name("route").value(route.template())
                .name("cause").value(cause.getClass().getName())));
    }

    void failure(HttpRequest request, Route route, RuntimeException failure) {
        out.println(line(json -> json
                .name("level").value("ERROR")
                .name("event").value("unhandled_exception")
                .name("request_id").value(request.requestId())
                .name("method").value(request.method())
                .name("route").value(route.template())
                .name("exception").value(failure.getClass().getName())
                .name("stack").value(stackTrace(failure))));
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

    private interface Fields {
        void write(JsonWriter json) throws IOException;
    }

    private static String line(Fields fields) {
        StringWriter text = new StringWriter(160);
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            fields.write(json);
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
