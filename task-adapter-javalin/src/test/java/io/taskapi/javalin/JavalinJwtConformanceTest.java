package io.taskapi.javalin;

import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.javalin.auth.TestIdentityProvider;
import io.taskapi.javalin.di.ServerComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance suite against the local server with {@code TASKS_AUTH=jwt}, over HTTP on loopback: each of the
 * suite's users sends ID tokens of a locally generated key pair, whose key set the server fetches from loopback.
 */
class JavalinJwtConformanceTest extends ApiConformanceSuite {
    /**
     * One identity provider and one server for the whole suite. The provider is started here rather than in a
     * {@code @BeforeAll} of this class, which would run only after the suite's own {@code @BeforeAll} calls this.
     */
    @Override
    protected ApiTransport newTransport() {
        TestIdentityProvider provider = TestIdentityProvider.start();
        Map<String, String> env = new HashMap<>(provider.environment());
        env.put("PORT", "0");
        ServerComponent component = TestServers.start(env);
        TaskServer server = component.server();
        InMemoryTaskStore store = (InMemoryTaskStore) component.store();
        AutoCloseable both = () -> {
            try {
                server.close();
            } finally {
                provider.close();
            }
        };
        return new HttpTransport(HttpTransport.base(server), both, provider::token, store::clear);
    }
}
