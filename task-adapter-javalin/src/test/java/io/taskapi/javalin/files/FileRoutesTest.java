package io.taskapi.javalin.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.CorsPolicy;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TestApplications;
import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.MutableClock;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import io.taskapi.javalin.ServerAccess;
import io.taskapi.javalin.ServerLimits;
import io.taskapi.javalin.TaskServer;
import io.taskapi.javalin.auth.SharedOwner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server's file routes over real HTTP on loopback, as a browser uses the URLs the core hands out: one upload
 * of exactly what was signed, downloads that never run in the browser, and a refusal for every other request. One
 * server for the class, on a clock the tests move.
 */
class FileRoutesTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    @TempDir
    static Path folder;

    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static LocalFiles files;
    private static TaskServer server;

    @BeforeAll
    static void start() {
        files = new LocalFiles(folder.resolve("files"), null, CorsPolicy.ownOriginOnly(), HOSTS, CLOCK);
        TaskApplication application = TaskApplication.builder(new InMemoryTaskStore())
                .log(TestApplications.quietLog()).build();
        server = new TaskServer(application, new SharedOwner(), ServerLimits.DEFAULTS, "127.0.0.1", 0,
                new ServerAccess(HOSTS, false), files).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String newKey() {
        return UUID.randomUUID() + "/" + UUID.randomUUID();
    }

    private static UploadGrant grant(String key, String type, long size) {
        return files.store().uploadGrant(key, type, size, CLOCK.instant().plus(LIFETIME));
    }

    private static HttpResponse<String> put(String url, String type, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> put(UploadGrant grant, byte[] body) {
        return put(grant.url(), grant.headers().get("Content-Type"), body);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The whole answer to a request written as is, for what an HTTP client library would not send. */
    private static String raw(String request, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code url}'s path and query, as a request line's target. */
    private static String target(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).startsWith("{\"message\":\"").contains("\"status\":" + status)
                .contains(message);
    }

    private static boolean nothingStoredFor(String key) throws IOException {
        if (files.store().stat(key).isPresent() || Files.exists(folder.resolve("files").resolve(key))) {
            return false;
        }
        Path work = folder.resolve("files").resolve(DiskFileStore.WORK);
        if (!Files.exists(work)) {
            return true;
        }
        try (Stream<Path> left = Files.list(work)) {
            return left.findAny().isEmpty();
        }
    }

    @Test
    void aGrantTakesExactlyOneUploadOfItsSizeAndType() throws IOException {
        String key = newKey();
        UploadGrant grant = grant(key, "application/pdf", 11);

        HttpResponse<String> stored = put(grant, "%PDF-1.7 ok".getBytes(StandardCharsets.US_ASCII));

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(stored.body()).isEmpty();
        assertThat(files.store().stat(key)).contains(new StoredFile(11, "application/pdf"));
        assertRefused(put(grant, "%PDF-1.7 no".getBytes(StandardCharsets.US_ASCII)), 409, "takes one upload");
        assertThat(Files.readString(folder.resolve("files").resolve(key).resolve("content")))
                .isEqualTo("%PDF-1.7 ok");
    }

    @Test
    void anyChangeToTheSignedUrlIsRefused() throws IOException {
        String key = newKey();
        String url = grant(key, "text/plain", 5).url();
        String otherKey = newKey();
        String signature = url.substring(url.indexOf("&signature=") + 11);
        char flipped = signature.charAt(0) == 'A' ? 'B' : 'A';

        // Each body and type is what the changed URL says, so only its signature can refuse it.
        assertRefused(put(url.replace(key, otherKey), "text/plain", bytes(5)), 403, "not valid");
        assertRefused(put(url.replace("&size=5&", "&size=6&"), "text/plain", bytes(6)), 403, "not valid");
        assertRefused(put(url.replace("type=text%2Fplain", "type=text%2Fhtml"), "text/html", bytes(5)), 403,
                "not valid");
        String expires = url.substring(url.indexOf("expires=") + 8, url.indexOf("&size="));
        assertRefused(put(url.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3600)),
                "text/plain", bytes(5)), 403, "not valid");
        assertRefused(put(url.replace("signature=" + signature, "signature=" + flipped + signature.substring(1)),
                "text/plain", bytes(5)), 403, "not valid");
        assertRefused(put(url.replace("&signature=" + signature, ""), "text/plain", bytes(5)), 403, "not valid");
        assertRefused(put(url + "&size=5", "text/plain", bytes(5)), 403, "not valid");
        String download = files.store().downloadGrant(key, "a.txt", "text/plain", CLOCK.instant().plus(LIFETIME))
                .url();
        assertRefused(put(download, "text/plain", bytes(5)), 403, "not valid");

        assertThat(nothingStoredFor(key)).isTrue();
        assertThat(nothingStoredFor(otherKey)).isTrue();
        assertThat(put(url, "text/plain", bytes(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredUrlIsRefused() throws IOException {
        String key = newKey();
        UploadGrant grant = grant(key, "text/plain", 5);
        Instant now = CLOCK.instant();
        try {
            CLOCK.advance(LIFETIME);
            assertRefused(put(grant, bytes(5)), 403, "has expired");
        } finally {
            CLOCK.set(now);
        }
        assertThat(nothingStoredFor(key)).isTrue();
    }

    @Test
    void anUploadOfAnotherTypeOrLengthThanSignedIsRefusedAndStoresNothing() throws IOException {
        String key = newKey();
        UploadGrant grant = grant(key, "image/png", 8);

        assertRefused(put(grant.url(), "image/svg+xml", bytes(8)), 400, "Content-Type must be image/png");
        assertRefused(put(grant.url(), "IMAGE/PNG", bytes(8)), 400, "Content-Type must be image/png");
        assertRefused(put(grant, bytes(7)), 400, "fewer than the 8 bytes");
        assertRefused(put(grant, bytes(9)), 413, "more than the 8 bytes");

        assertThat(nothingStoredFor(key)).isTrue();
    }

    @Test
    void aStreamedBodyLongerThanSignedIsCutOffAndNotStored() throws IOException {
        String key = newKey();
        UploadGrant grant = grant(key, "text/plain", 8);
        byte[] chunks = ("6\r\n012345\r\n6\r\n6789ab\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        String answer = raw("PUT " + target(grant.url()) + " HTTP/1.1\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\n", chunks);

        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("more than the 8 bytes");
        assertThat(nothingStoredFor(key)).isTrue();
        String shorter = raw("PUT " + target(grant.url()) + " HTTP/1.1\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\n", "4\r\n0123\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(shorter).startsWith("HTTP/1.1 400 ").contains("fewer than the 8 bytes");
        String declaredLonger = raw("PUT " + target(grant.url()) + " HTTP/1.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 9\r\n", "012345678".getBytes(StandardCharsets.US_ASCII));
        assertThat(declaredLonger).startsWith("HTTP/1.1 413 ");
        // Far larger than signed: refused before a byte of it is read.
        String huge = raw("PUT " + target(grant.url()) + " HTTP/1.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 26214400\r\n", new byte[0]);
        assertThat(huge).startsWith("HTTP/1.1 413 ").contains("more than the 8 bytes");
        assertThat(nothingStoredFor(key)).isTrue();
        String exact = raw("PUT " + target(grant.url()) + " HTTP/1.1\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\n", "8\r\n01234567\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(exact).startsWith("HTTP/1.1 200 ");
        assertThat(files.store().stat(key)).contains(new StoredFile(8, "text/plain"));
    }

    @Test
    void aDownloadServesTheExactBytesAsAnAttachmentThatNeverRuns() {
        String key = newKey();
        byte[] all = new byte[256 * 64];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(put(grant(key, "application/zip", all.length), all).statusCode()).isEqualTo(200);
        DownloadGrant grant = files.store().downloadGrant(key, "Plan \"final\" ü.zip", "application/zip",
                CLOCK.instant().plus(LIFETIME));

        HttpResponse<byte[]> download = sendForBytes(HttpRequest.newBuilder(URI.create(grant.url())).GET().build());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(all);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(download.headers().firstValue("Content-Length")).contains(Integer.toString(all.length));
        assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment;"
                + " filename=\"Plan _final_ _.zip\"; filename*=UTF-8''Plan%20%22final%22%20%C3%BC.zip");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; sandbox");
        HttpResponse<byte[]> head = sendForBytes(HttpRequest.newBuilder(URI.create(grant.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(all.length));
    }

    @Test
    void aDownloadUrlChangedOrExpiredIsRefusedAndADeletedFileIsGone() {
        String key = newKey();
        assertThat(put(grant(key, "text/plain", 5), bytes(5)).statusCode()).isEqualTo(200);
        String url = files.store().downloadGrant(key, "notes.txt", "text/plain", CLOCK.instant().plus(LIFETIME))
                .url();

        assertRefused(get(url.replace("filename=notes.txt", "filename=notes.html")), 403, "not valid");
        assertRefused(get(url.replace(key, newKey())), 403, "not valid");
        Instant now = CLOCK.instant();
        try {
            CLOCK.advance(LIFETIME.plusSeconds(1));
            assertRefused(get(url), 403, "has expired");
        } finally {
            CLOCK.set(now);
        }
        assertThat(get(url).statusCode()).isEqualTo(200);

        files.store().delete(key);

        assertRefused(get(url), 404, "No file is stored");
        assertThat(files.store().stat(key)).isEmpty();
        assertThat(folder.resolve("files").resolve(key)).doesNotExist();
    }

    @Test
    void aPathThatIsNotAKeyNeverReachesTheDisk() throws IOException {
        Files.writeString(folder.resolve("secret.txt"), "top-secret-marker");
        String task = UUID.randomUUID().toString();
        String query = "?expires=9999999999&filename=x&signature=x";

        for (String path : new String[] {"/files/../secret.txt", "/files/%2e%2e/secret.txt",
            "/files/" + task + "/..%2f..%2fsecret.txt", "/files/" + task + "/%2e%2e", "/files/..%5c..%5csecret.txt/x",
            "/files/" + task.toUpperCase(Locale.ROOT) + "/" + task, "/files/" + task + "/" + task + "/x",
            "/files/" + task + "/" + task + "%00"}) {
            String answer = raw("GET " + path + query + " HTTP/1.1\r\n", new byte[0]);
            assertThat(answer).as(path).doesNotContain("top-secret-marker").doesNotStartWith("HTTP/1.1 200")
                    .matches("(?s)HTTP/1.1 (400|403|404) .*");
        }
    }

    @Test
    void theBoardUnderAnyOfTheServersNamesMayUploadAndOtherSitesMayNot() {
        String own = "http://localhost:" + server.port();

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/files/" + newKey()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", own)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build());
        HttpResponse<String> upload = send(HttpRequest.newBuilder(URI.create(grant(newKey(), "text/plain", 2).url()))
                .header("Content-Type", "text/plain").header("Origin", own)
                .PUT(HttpRequest.BodyPublishers.ofString("ok")).build());
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/files/" + newKey()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT").build());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(own);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type");
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.headers().firstValue("Access-Control-Allow-Origin")).contains(own);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.headers().firstValue("Vary")).contains("Origin");
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
