package io.taskapi.http;

import io.taskapi.domain.OwnerId;
import java.io.PrintStream;
import java.io.StringWriter;
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
        Line line = new Line()
                .string("level", "INFO")
                .string("event", "request")
                .string("request_id", request.requestId())
                .string("method", request.method())
                .string("route", route.template())
                .number("status", status)
                .raw("latency_ms", latency);
        Caller caller = request.caller();
        if (caller instanceof Caller.Authenticated authenticated) {
            line.string("owner_hash", ownerHash(authenticated.owner()));
        } else if (caller instanceof Caller.Rejected rejected) {
            line.string("auth_failure", rejected.reason());
        } else if (caller instanceof Caller.Unverifiable unverifiable) {
            line.string("auth_unavailable", unverifiable.reason());
        }
        if (metricsService != null) {
            line.raw("cold_start", Boolean.toString(cold));
            // The _aws directive that tells CloudWatch to extract the metrics below: per service and route, and per
            // service alone for alarms on the whole API. Only its timestamp changes from line to line.
            line.raw("_aws", "{\"Timestamp\":" + System.currentTimeMillis() + METRICS_DIRECTIVE)
                    .string("Service", metricsService)
                    .string("Route", route.template())
                    .number("Requests", 1)
                    .number("ClientErrors", status >= 400 && status < 500 ? 1 : 0)
                    .number("ServerErrors", status >= 500 ? 1 : 0)
                    .raw("Latency", latency)
                    .number("ColdStart", cold ? 1 : 0);
        }
        print(line.end());
    }

    /** The {@code _aws} object after its timestamp: the namespace, the dimension sets and each metric's unit. */
    private static final String METRICS_DIRECTIVE = ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + METRICS_NAMESPACE
            + "\",\"Dimensions\":[[\"Service\",\"Route\"],[\"Service\"]],\"Metrics\":["
            + "{\"Name\":\"Requests\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]}";

    /** SHA-256, cloned for each use: cheaper than looking the algorithm up among the providers every time. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The first 64 bits of SHA-256 of the owner id, in hex: stable per owner, and no id in the logs. */
    static String ownerHash(OwnerId owner) {
        try {
            MessageDigest sha256 = (MessageDigest) SHA_256.clone();
            byte[] digest = sha256.digest(owner.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    void storeUnavailable(HttpRequest request, Route route, RuntimeException failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        print(new Line()
                .string("level", "WARN")
                .string("event", "store_unavailable")
                .string("request_id", request.requestId())
                .string("method", request.method())
                .string("route", route.template())
                .string("cause", cause.getClass().getName())
                .end());
    }

    void failure(HttpRequest request, Route route, RuntimeException failure) {
        print(new Line()
                .string("level", "ERROR")
                .string("event", "unhandled_exception")
                .string("request_id", request.requestId())
                .string("method", request.method())
                .string("route", route.template())
                .string("exception", failure.getClass().getName())
                .string("stack", stackTrace(failure))
                .end());
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
     * One log line, a JSON object built field by field. By hand rather than with Gson's {@code JsonWriter}: writing
     * the line with it took about 6 % of the local server's samples under load. Names are constants of this class;
     * values are escaped as RFC 8259 requires.
     */
    private static final class Line {
        private final StringBuilder text = new StringBuilder(512).append('{');

        Line string(String name, String value) {
            name(name);
            text.append('"');
            int plain = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                    continue;
                }
                text.append(value, plain, i);
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    // Other control characters, and the two separators that break JavaScript string literals.
                    default -> text.append(String.format("\\u%04x", (int) c));
                }
                plain = i + 1;
            }
            text.append(value, plain, value.length()).append('"');
            return this;
        }

        Line number(String name, long value) {
            name(name);
            text.append(value);
            return this;
        }

        /** A value that is JSON already. */
        Line raw(String name, String json) {
            name(name);
            text.append(json);
            return this;
        }

        private void name(String name) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('"').append(name).append("\":");
        }

        /** The line, closed and ended with a newline. */
        String end() {
            return text.append("}\n").toString();
        }
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
