package io.taskapi.lambda;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A client of Lambda's Runtime API (version 2018-06-01), the HTTP interface a custom runtime polls for events and
 * answers through: {@code next}, {@code response}, {@code error} and {@code init/error}, nothing more.
 *
 * <p>{@link HttpURLConnection} rather than another client: the SDK's own HTTP client already loads it, so the runtime
 * adds no classes of its own to the cold start, and keep-alive reuses one connection for every call.
 */
final class RuntimeApi {
    private static final String VERSION = "/2018-06-01/runtime";

    private final String base;

    /** One event to handle, with what the Runtime API says about it. */
    record Invocation(String requestId, long deadlineEpochMillis, String functionArn, Optional<String> traceId,
            byte[] event) {
        Invocation {
            if (requestId == null || requestId.isBlank()) {
                throw new IllegalArgumentException("the Runtime API sent an event without a request id");
            }
        }
    }

    RuntimeApi(String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isBlank() || hostAndPort.contains("/")) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port, got " + hostAndPort);
        }
        this.base = "http://" + hostAndPort + VERSION;
    }

    /** The API this execution environment's runtime talks to: {@code AWS_LAMBDA_RUNTIME_API}. */
    static RuntimeApi fromEnvironment(Map<String, String> environment) {
        return new RuntimeApi(environment.get("AWS_LAMBDA_RUNTIME_API"));
    }

    /** Blocks until Lambda hands over the next event (a long poll: no read timeout). */
    Invocation next() throws IOException {
        HttpURLConnection connection = open("/invocation/next", "GET");
        try {
            int status = connection.getResponseCode();
            byte[] event;
            try (InputStream body = connection.getInputStream()) {
                event = body.readAllBytes();
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("the Runtime API answered next with " + status);
            }
            String deadline = connection.getHeaderField("Lambda-Runtime-Deadline-Ms");
            return new Invocation(connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                    deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline),
                    connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                    Optional.ofNullable(connection.getHeaderField("Lambda-Runtime-Trace-Id")), event);
        } catch (NumberFormatException e) {
            throw new IOException("the Runtime API sent an unreadable deadline", e);
        }
    }

    /** Hands the function's result for {@code requestId} back to Lambda. */
    void respond(String requestId, byte[] result) throws IOException {
        post("/invocation/" + requestId + "/response", result, null);
    }

    /** Reports that the function failed on {@code requestId}; Lambda records it as a function error. */
    void reportError(String requestId, String errorType, String message) throws IOException {
        post("/invocation/" + requestId + "/error", error(errorType, message), errorType);
    }

    /** Reports that the function could not start; Lambda fails the invocation that was waiting and retries init. */
    void reportInitError(String errorType, String message) throws IOException {
        post("/init/error", error(errorType, message), errorType);
    }

    private void post(String path, byte[] body, String errorType) throws IOException {
        HttpURLConnection connection = open(path, "POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        // Reading the (short) answer to its end lets keep-alive reuse the connection for the next poll.
        try (InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (answer != null) {
                answer.readAllBytes();
            }
        }
        if (status / 100 != 2) {
            throw new IOException("the Runtime API answered " + path + " with " + status);
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        URL url = URI.create(base + path).toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(0);
        connection.setUseCaches(false);
        return connection;
    }

    /** The error document Lambda expects; the type and message are the runtime's own words, never an exception's. */
    static byte[] error(String errorType, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("errorMessage", message);
        error.addProperty("errorType", errorType);
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }
}
