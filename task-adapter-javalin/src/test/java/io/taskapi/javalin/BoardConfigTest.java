package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /config.json}, which the task board reads first: the API is the server itself, and users sign in where
 * {@code TASKS_JWT_SIGN_IN_URL} says, as the app client tokens are checked for, or nowhere.
 */
class BoardConfigTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aServerWithoutSignInTellsTheBoardToUseItAndSignNobodyIn() throws IOException, InterruptedException {
        ServerComponent server = TestServers.start(Map.of("PORT", "0"));
        try {
            HttpResponse<String> config = get(server);

            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body()).isEqualTo("{\"api_url\":\"\",\"sign_in\":null}");
            assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(config.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(config.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        } finally {
            server.server().stop();
        }
    }

    @Test
    void aServerThatVerifiesTokensNamesItsSignInAndClient() throws IOException, InterruptedException {
        try (TestIdentityProvider provider = TestIdentityProvider.start()) {
            Map<String, String> env = new HashMap<>(provider.environment());
            env.put("PORT", "0");
            env.put("TASKS_JWT_SIGN_IN_URL", provider.issuer() + "/");
            ServerComponent server = TestServers.start(env);
            try {
                assertThat(get(server).body()).isEqualTo("{\"api_url\":\"\",\"sign_in\":{\"url\":\""
                        + provider.issuer() + "\",\"client_id\":\"" + TestIdentityProvider.AUDIENCE
                        + "\",\"scopes\":[\"openid\",\"email\"]}}");
            } finally {
                server.server().stop();
            }
        }
    }

    private static HttpResponse<String> get(ServerComponent server) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().port()
                + "/config.json")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
