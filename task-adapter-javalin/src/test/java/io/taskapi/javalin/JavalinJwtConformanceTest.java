package io.taskapi.javalin;

import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerConfig;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against the local server with {@code TASKS_AUTH=jwt}, over HTTP on loopback: each of the
 * suite's users sends ID tokens of a locally generated key pair, whose key set the server fetches from loopback.
 */
class JavalinJwtConformanceTest extends ApiConformanceSuite {
    private static TestIdentityProvider provider;

    @BeforeAll
    static void startIdentityProvider() {
        provider = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        provider.close();
    }

    @Override
    protected ApiTransport newTransport() {
        TaskServer server = DaggerServerComponent.factory()
                .create(ServerConfig.inMemory("127.0.0.1", 0).withAuth(provider.auth()))
                .server()
                .start();
        return new HttpTransport(URI.create("http://127.0.0.1:" + server.port()), server, provider::token);
    }
}
