package io.taskapi.javalin;

import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerConfig;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against the local server with {@code TASKS_STORE=dynamodb} on a real DynamoDB-compatible
 * engine, over HTTP on loopback; the server creates a fresh table per test as {@code TASKS_CREATE_TABLE=true} does.
 */
class JavalinDynaliteConformanceIT extends ApiConformanceSuite {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static Dynalite dynalite;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
        dynalite.installAsSdkDefault();
    }

    @AfterAll
    static void stopEngine() {
        Dynalite.clearSdkDefault();
        dynalite.close();
    }

    @Override
    protected ApiTransport newTransport() {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, "*", ServerConfig.Store.DYNAMODB,
                "tasks-server-" + TABLES.incrementAndGet(), true, dynalite.endpoint().toString());
        TaskServer server = DaggerServerComponent.factory().create(config).server().start();
        return new HttpTransport(URI.create("http://127.0.0.1:" + server.port()), server);
    }
}
