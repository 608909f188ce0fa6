package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.application.conformance.OpenApiContract;
import io.taskapi.javalin.auth.TestIdentityProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local server with {@code TASKS_AUTH=jwt} as a client sees it: every kind of bad token is one 401 that says only
 * that the token is invalid, a key set that cannot be fetched is a 503 rather than a crash, and the operator is told
 * at startup how tokens are checked.
 */
class JwtServerTest {
    private static final String INVALID = "{\"message\":\"The access token is invalid or has expired\","
            + "\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"The access token is invalid or has expired\"}";

    /** The provider and the server most cases share: they only send requests, and keep no state between them. */
    private static TestIdentityProvider provider;
    private static TaskServer server;
    private static HttpTransport http;

    @BeforeAll
    static void startServer() {
        provider = TestIdentityProvider.start();
        server = TestServers.start(environment(provider)).server();
        http = new HttpTransport(HttpTransport.base(server), server);
    }

    @AfterAll
    static void stopServer() {
        try {
            http.close();
        } finally {
            provider.close();
        }
    }

    /** A server on a free port that trusts {@code provider}. */
    private static Map<String, String> environment(TestIdentityProvider provider) {
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        return env;
    }

    private static ApiExchange send(String method, String path, String authorization, String body) {
        return send(http, method, path, authorization, body);
    }

    private static ApiExchange send(HttpTransport http, String method, String path, String authorization,
            String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", "https://app.example.com");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        ApiExchange response = http.send(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        OpenApiContract.check(method, path, response);
        return response;
    }

    @Test
    void everyKindOfBadTokenIsOne401ThatSaysOnlyThatTheTokenIsInvalid() throws JOSEException {
        Instant now = Instant.now();
        String payload = Base64URL.encode(provider.claims("alice", c -> { }).toString()).toString();
        String valid = provider.token("alice");
        String[] parts = valid.split("\\.");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", provider.token("alice", c -> c.expirationTime(Date.from(now.minusSeconds(600)))));
        tokens.put("not yet valid", provider.token("alice", c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
        tokens.put("wrong issuer", provider.token("alice", c -> c.issuer("https://cognito-idp.example.com/other")));
        tokens.put("wrong audience", provider.token("alice", c -> c.audience("another-client")));
        tokens.put("alg none", Base64URL.encode("{\"alg\":\"none\"}") + "." + payload + ".");
        tokens.put("HS256 with the public key", TestIdentityProvider.sign(JWSAlgorithm.HS256,
                provider.rsaKey().getKeyID(), provider.claims("alice", c -> { }),
                new MACSigner(provider.rsaKey().toRSAPublicKey().getEncoded())));
        tokens.put("bad signature", parts[0] + "." + Base64URL.encode(
                provider.claims("mallory", c -> { }).toString()) + "." + parts[2]);
        tokens.put("unknown kid", TestIdentityProvider.sign(JWSAlgorithm.RS256, "unknown-kid",
                provider.claims("alice", c -> { }), provider.rsaSigner()));
        tokens.put("malformed", "not.a.jwt");

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            for (String[] request : new String[][] {{"GET", "/tasks"}, {"POST", "/tasks"}}) {
                ApiExchange response = send(request[0], request[1], "Bearer " + token.getValue(),
                        request[0].equals("POST") ? "{\"task\":\"x\"}" : null);

                assertThat(response.status()).as(token.getKey()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as(token.getKey())
                        .contains("Bearer realm=\"tasks\", error=\"invalid_token\"");
                assertThat(response.header("Content-Type")).contains("application/problem+json");
                assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
                assertThat(response.body()).as(token.getKey()).isEqualTo(INVALID);
            }
        }
        assertThat(send("GET", "/tasks", "Bearer " + valid, null).body())
                .isEqualTo("{\"items\":[],\"count\":0,\"next\":null}");
    }

    @Test
    void noTokenOrAnotherSchemeIsChallengedWithoutAnErrorCodeAndPreflightsPass() {
        for (String authorization : new String[] {null, "Basic YWxpY2U6c2VjcmV0"}) {
            ApiExchange response = send("GET", "/tasks", authorization, null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"tasks\"");
        }
        assertThat(send("OPTIONS", "/tasks", null, null).status()).isEqualTo(204);
        assertThat(http.send("GET", "/health", Map.of(), null).status()).isEqualTo(200);
    }

    /**
     * A provider of its own whose key set is down from the start, and a server of its own: the shared server has
     * already cached the shared provider's keys, so it would not need to fetch them.
     */
    @Test
    void aKeySetThatCannotBeFetchedIsA503NotACrash() {
        try (TestIdentityProvider down = TestIdentityProvider.start()) {
            down.available(false);
            TaskServer own = TestServers.start(environment(down)).server();
            try (HttpTransport ownHttp = new HttpTransport(HttpTransport.base(own), own)) {
                ApiExchange response = send(ownHttp, "GET", "/tasks", "Bearer " + down.token("alice"), null);

                assertThat(response.status()).isEqualTo(503);
                assertThat(response.header("Retry-After")).contains("5");
                assertThat(response.body()).contains("The access token cannot be verified right now");
                assertThat(ownHttp.send("GET", "/health", Map.of(), null).status()).isEqualTo(200);
            }
        }
    }

    /** Starts a server the way the operator does, with a provider of its own whose key set is down. */
    @Test
    void theStartupMessageSaysHowTokensAreCheckedAndWarnsWhenTheKeysCannotBeFetched() {
        try (TestIdentityProvider down = TestIdentityProvider.start()) {
            down.available(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            TaskServer launched = TaskServerMain.launch(new String[0], environment(down),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("  auth:    jwt (issuer " + down.issuer()
                        + ", audience " + TestIdentityProvider.AUDIENCE + "; keys from " + down.jwksUrl() + ")\n");
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: TASKS_JWT_JWKS_URL: the signing keys"
                        + " at " + down.jwksUrl() + " cannot be fetched now");
            } finally {
                launched.stop();
            }
        }
    }

    @Test
    void identityHeadersWithoutATokenAreStillNoCredentials() throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/tasks"))
                .header(ApiTransport.USER, "alice").header("X-User-Id", "alice").header("X-Forwarded-User", "alice")
                .header("X-Amzn-Oidc-Identity", TestIdentityProvider.subject("alice")).GET().build();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"tasks\"");
    }
}
