package io.taskapi.application.conformance;

import io.taskapi.application.MemoryFileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the suite moves a file to and from a file store, as a browser does with the URLs the API grants: over HTTP for a
 * real store (the local server's own, S3), and directly for the in-memory store of the core's tests.
 */
public final class FileTransfers {
    /** Headers Java's client sets itself and refuses to be given. */
    private static final List<String> RESTRICTED = List.of("content-length", "host");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FileTransfers() {
    }

    /**
     * What a download answered.
     *
     * @param status  the HTTP status
     * @param headers the response headers (first value of each, names in lower case)
     * @param body    the bytes
     */
    public record Download(int status, Map<String, String> headers, byte[] body) {
    }

    static int upload(String url, Map<String, String> headers, byte[] body) {
        if (MemoryFileStore.serves(url)) {
            String length = headers.getOrDefault("Content-Length", Integer.toString(body.length));
            if (Long.parseLong(length) != body.length) {
                return 400;
            }
            MemoryFileStore.put(url, headers.get("Content-Type"), body);
            return 200;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static Download download(String url) {
        if (MemoryFileStore.serves(url)) {
            byte[] bytes = MemoryFileStore.get(url);
            return bytes == null ? new Download(404, Map.of(), new byte[0]) : new Download(200, Map.of(), bytes);
        }
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        return new Download(response.statusCode(), headers, response.body());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
