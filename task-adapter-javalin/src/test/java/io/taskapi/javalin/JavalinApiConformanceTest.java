package io.taskapi.javalin;

import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.javalin.di.ServerComponent;
import java.util.Map;

/** The conformance suite against the local server, wired as in production, over HTTP on loopback. */
class JavalinApiConformanceTest extends ApiConformanceSuite {
    /**
     * One server for the whole suite; each case starts on an empty store, as after a restart. The suite's origins are
     * {@code *}, which a server without authentication allows only when told to.
     */
    @Override
    protected ApiTransport newTransport() {
        ServerComponent component = TestServers.start(Map.of("PORT", "0", "TASKS_CORS_ORIGINS", "*"));
        InMemoryTaskStore store = (InMemoryTaskStore) component.store();
        return new HttpTransport(HttpTransport.base(component.server()), component.server(), null, store::clear);
    }
}
