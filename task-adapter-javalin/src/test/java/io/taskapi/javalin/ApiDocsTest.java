package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.conformance.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local server publishes the OpenAPI document unchanged and renders it with Swagger UI from its own jar. */
class ApiDocsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TaskServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of("PORT", "0")).server();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheOpenApiDocumentByteForByte() throws Exception {
        HttpResponse<byte[]> response = get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(OpenApiContract.documentBytes());
    }

    @Test
    void docsIsSwaggerUiPointedAtTheDocument() throws Exception {
        HttpResponse<byte[]> page = get("/docs");
        HttpResponse<byte[]> initializer = get("/docs/swagger-initializer.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body())).contains("/docs/swagger-ui/swagger-ui-bundle.js", "id=\"swagger-ui\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'"));
        assertThat(new String(initializer.body())).contains("url: \"/openapi.json\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"})
    void swaggerUiComesFromItsWebjarInThisJar(String file) throws Exception {
        HttpResponse<byte[]> response = get("/docs/swagger-ui/" + file);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().length).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/swagger-ui/index.html", "/docs/swagger-ui/../../openapi.json",
            "/docs/swagger-ui/%2e%2e%2fpom.properties"})
    void nothingElseOfTheWebjarIsReachable(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }
}
