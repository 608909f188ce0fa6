package io.taskapi.http;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Structured logs: one JSON line per request, and one per unexpected failure (stack trace inside the line) with the
 * request id to correlate them. Never logs bodies, task text, tokens or headers.
 */
public final class RequestLog {
    private final PrintStream out;

    public RequestLog(PrintStream out) {
        this.out = out;
    }

    /** A log on standard output, where Lambda and container platforms collect it. */
    public static RequestLog stdout() {
        return new RequestLog(System.out);
    }

    void request(HttpRequest request, Route route, int status, long elapsedNanos) {
        String latency = milliseconds(elapsedNanos);
        out.println(line(json -> json
                .name("level").value("INFO")
                .name("event").value("request")
                .name("request_id").value(request.requestId())
                .name("method").value(request.method())
                .name("route").value(route.template())
                .name("status").value(status)
                .name("latency_ms").jsonValue(latency)));
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
