package io.taskapi.javalin;

import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same hostile requests against the server on the real engine: translation of store errors is fuzzed too. */
class ServerFuzzOnDynaliteIT extends ServerFuzzIT {
    /** Registered as an extension so the engine runs before the inherited {@code @BeforeAll} starts the server. */
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    @Override
    String defaultSeeds() {
        return "100001:600";
    }

    @Override
    Map<String, String> environment() {
        return Map.of("PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "tasks-fuzz", "TASKS_CREATE_TABLE", "true",
                "AWS_ENDPOINT_URL_DYNAMODB", DYNALITE.engine().endpoint().toString());
    }
}
