package io.taskapi.javalin;

import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerConfig;
import java.net.URI;

/** The conformance suite against the local server, wired as in production, over HTTP on loopback. */
class JavalinApiConformanceTest extends ApiConformanceSuite {
    @Override
    protected ApiTransport newTransport() {
        TaskServer server = DaggerServerComponent.factory()
                .create(ServerConfig.inMemory("127.0.0.1", 0))
                .server()
                .start();
        return new HttpTransport(URI.create("http://127.0.0.1:" + server.port()), server);
    }
}
