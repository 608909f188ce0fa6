package io.taskapi.javalin;

import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.javalin.di.ServerConfig;
import org.junit.jupiter.api.AfterAll;

/** The same hostile requests against the server on the real engine: translation of store errors is fuzzed too. */
class ServerFuzzOnDynaliteIT extends ServerFuzzIT {
    private Dynalite dynalite;

    @Override
    String defaultSeeds() {
        return "100001:600";
    }

    @Override
    ServerConfig config() {
        dynalite = Dynalite.start();
        dynalite.installAsSdkDefault();
        return new ServerConfig("127.0.0.1", 0, null, "*", ServerConfig.Store.DYNAMODB, "tasks-fuzz", true,
                dynalite.endpoint().toString());
    }

    @AfterAll
    void stopEngine() {
        Dynalite.clearSdkDefault();
        dynalite.close();
    }
}
