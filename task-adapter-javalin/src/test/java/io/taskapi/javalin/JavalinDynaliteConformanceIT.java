package io.taskapi.javalin;

import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.dynamodb.testing.SharedDynalite;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.s3.testing.S3rverExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conformance suite against the local server with {@code TASKS_STORE=dynamodb} on a real DynamoDB-compatible
 * engine and attachments' files on a real S3-protocol engine, over HTTP on loopback; the server creates its tables at
 * startup as {@code TASKS_CREATE_TABLE=true} does.
 */
class JavalinDynaliteConformanceIT extends ApiConformanceSuite {
    /** Registered as an extension so the engine runs before the suite's {@code @BeforeAll} calls newTransport(). */
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    /** The class's S3 engine, also the SDK's default S3 endpoint, as {@code AWS_ENDPOINT_URL_S3} would make it. */
    @RegisterExtension
    static final S3rverExtension S3 = new S3rverExtension();

    private static final String TABLE = "tasks-javalin-conformance";

    /**
     * One server for the whole suite on this class's own table; each case starts on the table deleted and created
     * again, under the same name, so the running server keeps working on it. The suite's origins are {@code *}.
     */
    @Override
    protected ApiTransport newTransport() {
        S3.engine().createBucket("attachments");
        ServerComponent component = TestServers.start(Map.of("PORT", "0", "TASKS_STORE", "dynamodb",
                "TASKS_TABLE", TABLE, "TASKS_CREATE_TABLE", "true", "TASKS_CORS_ORIGINS", "*",
                "AWS_ENDPOINT_URL_DYNAMODB", DYNALITE.engine().endpoint().toString(),
                "TASKS_ATTACHMENTS_BUCKET", "attachments"));
        return new HttpTransport(HttpTransport.base(component.server()), component.server(), null,
                () -> DYNALITE.engine().recreateTable(TABLE));
    }
}
