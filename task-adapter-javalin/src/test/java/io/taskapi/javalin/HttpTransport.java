package io.taskapi.javalin;

import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends conformance requests over real HTTP on loopback to a running server; for a server that verifies tokens, as the
 * suite's users, each with a bearer token its identity provider signed.
 */
final class HttpTransport implements ApiTransport {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** For a transport whose store is not emptied through it: the suite's reset must not silently keep the data. */
    private static final Runnable NO_RESET = () -> {
        throw new UnsupportedOperationException("this transport cannot empty the server's store");
    };

    private final URI base;
    private final AutoCloseable server;
    private final Function<String, String> tokens;
    private final Runnable reset;

    /** A transport to a server without authentication, for tests that keep the server's data as it is. */
    HttpTransport(URI base, AutoCloseable server) {
        this(base, server, null, NO_RESET);
    }

    /**
     * A transport to a server; {@code tokens} signs a bearer token for a user name when the server verifies them (or
     * is {@code null}), and {@code reset} empties the server's store.
     */
    HttpTransport(URI base, AutoCloseable server, Function<String, String> tokens, Runnable reset) {
        this.base = base;
        this.server = server;
        this.tokens = tokens;
        this.reset = reset;
    }

    /** The address of a server listening on loopback. */
    static URI base(TaskServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public boolean authenticates() {
        return tokens != null;
    }

    @Override
    public void reset() {
        reset.run();
    }

    @Override
    public ApiExchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ApiTransport.withoutUser(headers).forEach(request::header);
        String user = ApiTransport.userOf(headers);
        if (tokens != null && user != null) {
            request.header("Authorization", "Bearer " + tokens.apply(user));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiExchange(response.statusCode(), response.headers().map(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
