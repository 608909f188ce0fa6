package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the local server lets other clients do with its defaults: without authentication, no page of another site can
 * read or change the tasks (no CORS grant for other origins, no answer for host names it does not serve); every answer,
 * the web server's own errors and the operations routes included, carries the request id and CORS headers and writes a
 * log line; with tokens verified, the metrics are for this machine only.
 */
class ServerExposureTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PrintStream stdout;
    private static ServerComponent server;

    @BeforeAll
    static void startWithTheDefaults() {
        stdout = System.out;
        // The request log writes to the standard output it finds when the server is assembled.
        System.setOut(new PrintStream(LOG, true, StandardCharsets.UTF_8));
        server = TestServers.start(Map.of("PORT", "0"));
    }

    /**
     * The request log so far, once it holds every one of {@code parts} or 5 s have passed: the server writes its lines
     * in batches a few milliseconds apart.
     */
    private static String logOnceItHas(String... parts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String log = LOG.toString(StandardCharsets.UTF_8);
        while (!Arrays.stream(parts).allMatch(log::contains) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            log = LOG.toString(StandardCharsets.UTF_8);
        }
        return log;
    }

    @AfterAll
    static void stop() {
        server.server().stop();
        System.setOut(stdout);
    }

    @Test
    void withoutAuthenticationAnotherSitesPageGetsNoCorsGrantForAnswersOrPreflights() {
        String answer = exchange(port(), "GET /tasks HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\n");
        String preflight = exchange(port(), "OPTIONS /tasks HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example"
                + "\r\nAccess-Control-Request-Method: POST\r\n");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEmpty();
        assertThat(header(answer, "Vary")).contains("Origin");
        assertThat(status(preflight)).isEqualTo(204);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withoutAuthenticationARequestForAHostNameTheServerDoesNotServeIsRefused() {
        String rebound = exchange(port(), "GET /tasks HTTP/1.1\r\nHost: rebind.example:" + port() + "\r\n");
        String board = exchange(port(), "GET / HTTP/1.1\r\nHost: rebind.example\r\n");

        assertThat(status(rebound)).isEqualTo(421);
        assertThat(header(rebound, "Content-Type")).contains("application/problem+json");
        assertThat(body(rebound)).isEqualTo("{\"message\":\"Misdirected Request\",\"type\":\"about:blank\","
                + "\"title\":\"Misdirected Request\",\"status\":421,\"detail\":\"Misdirected Request\"}");
        assertThat(header(rebound, "X-Request-Id")).isPresent();
        assertThat(status(board)).isEqualTo(421);
        for (String host : List.of("localhost", "127.0.0.1", "LOCALHOST:" + port(), "127.0.0.1:" + port(), "[::1]:" + port(),
                "[::1]")) {
            assertThat(status(exchange(port(), "GET /tasks HTTP/1.1\r\nHost: " + host + "\r\n"))).as(host)
                    .isEqualTo(200);
        }
    }

    @Test
    void aConfiguredHostNameIsServedWithoutAuthentication() {
        ServerComponent lan = TestServers.start(Map.of("PORT", "0", "TASKS_ALLOWED_HOSTS", "tasks.lan, 10.0.0.7"));
        try {
            int port = lan.server().port();
            assertThat(status(exchange(port, "GET /tasks HTTP/1.1\r\nHost: tasks.lan:" + port + "\r\n")))
                    .isEqualTo(200);
            assertThat(status(exchange(port, "GET /tasks HTTP/1.1\r\nHost: 10.0.0.7\r\n"))).isEqualTo(200);
            assertThat(status(exchange(port, "GET /tasks HTTP/1.1\r\nHost: other.lan\r\n"))).isEqualTo(421);
        } finally {
            lan.server().stop();
        }
    }

    @Test
    void theWebServersOwnErrorsCarryTheRequestIdAndCorsHeadersAndAreLogged() {
        String tooLarge = exchange(port(), "GET /tasks HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: big-headers-1\r\n"
                + "X-Filler: " + "x".repeat(9_000) + "\r\n");
        String malformed = exchange(port(), "GET /tasks HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n");
        String version = exchange(port(), "GET /tasks HTTP/3.7\r\nHost: localhost\r\n");

        for (String answer : List.of(tooLarge, malformed, version)) {
            assertThat(status(answer)).isIn(400, 431, 505);
            assertThat(header(answer, "X-Request-Id")).as(answer).isPresent();
            assertThat(header(answer, "Access-Control-Expose-Headers")).as(answer).isPresent();
            assertThat(header(answer, "Content-Type")).as(answer).contains("application/problem+json");
        }
        assertThat(status(tooLarge)).isEqualTo(431);
        // Headers too large to read cannot give the request id; the answer names the one its log line has.
        for (String answer : List.of(tooLarge, version)) {
            String line = "\"request_id\":\"" + header(answer, "X-Request-Id").orElseThrow() + "\",\"method\"";
            assertThat(logOnceItHas(line)).contains(line);
        }
        assertThat(logOnceItHas("\"status\":431", "\"status\":505")).contains("\"status\":431", "\"status\":505");
    }

    @Test
    void healthAndMetricsCarryTheRequestIdAndCorsHeadersLikeEveryAnswer() {
        for (String path : List.of("/health", "/health/ready", "/metrics")) {
            String answer = exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: ops-"
                    + path.length() + "\r\n");

            assertThat(status(answer)).as(path).isEqualTo(200);
            assertThat(header(answer, "X-Request-Id")).as(path).contains("ops-" + path.length());
            assertThat(header(answer, "Access-Control-Expose-Headers")).as(path).isPresent();
            String line = "\"request_id\":\"ops-" + path.length() + "\"";
            assertThat(logOnceItHas(line)).contains(line);
        }
    }

    @Test
    void aNotModifiedAnswerHasNoContentType() {
        String created = exchange(port(), "POST /tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nContent-Length: 12\r\n", "{\"task\":\"x\"}");
        String location = header(created, "Location").orElseThrow();

        String notModified = exchange(port(), "GET " + location + " HTTP/1.1\r\nHost: localhost\r\n"
                + "If-None-Match: \"1\"\r\n");

        assertThat(status(notModified)).isEqualTo(304);
        assertThat(header(notModified, "Content-Type")).isEmpty();
        assertThat(header(notModified, "ETag")).contains("\"1\"");
    }

    /**
     * A client elsewhere is simulated by this machine's own network address: a connection to it comes from it, which
     * is not loopback. That server binds that one address (never every interface) and lives for one request.
     */
    @Test
    void withTokensVerifiedTheMetricsAnswerThisMachineOnly() throws Exception {
        Optional<InetAddress> lanAddress = lanAddress();
        assumeThat(lanAddress).as("a network address of this machine other than loopback").isPresent();
        try (var provider = TestIdentityProvider.start()) {
            String local = metricsFrom(provider, InetAddress.getLoopbackAddress());
            String remote = metricsFrom(provider, lanAddress.get());

            assertThat(status(local)).isEqualTo(200);
            assertThat(body(local)).contains("taskapi_requests_total");
            assertThat(status(remote)).isEqualTo(404);
            assertThat(body(remote)).doesNotContain("taskapi_requests_total");
        }
    }

    /** {@code GET /metrics} from a server with tokens verified that listens on {@code address} only. */
    private static String metricsFrom(TestIdentityProvider provider, InetAddress address) {
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        env.put("HOST", address.getHostAddress());
        ServerComponent jwt = TestServers.start(env);
        try {
            return exchange(address, jwt.server().port(), "GET /metrics HTTP/1.1\r\nHost: tasks.lan\r\n", "");
        } finally {
            jwt.server().stop();
        }
    }

    private static int port() {
        return server.server().port();
    }

    private static String exchange(int port, String head) {
        return exchange(port, head, "");
    }

    private static String exchange(int port, String head, String body) {
        return exchange(InetAddress.getLoopbackAddress(), port, head, body);
    }

    /** One request on its own connection, written as given; the whole answer, status line first. */
    private static String exchange(InetAddress address, int port, String head, String body) {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static Optional<String> header(String answer, String name) {
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    private static Optional<InetAddress> lanAddress() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                Collections.list(network.getInetAddresses()).stream()
                        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                        .forEach(addresses::add);
            }
        }
        return addresses.stream().findFirst();
    }
}
