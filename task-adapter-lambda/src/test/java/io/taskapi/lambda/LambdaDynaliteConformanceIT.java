package io.taskapi.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.AuthMode;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaComponent;
import io.taskapi.lambda.di.LambdaSettings;
import io.taskapi.s3.testing.S3rverExtension;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conformance suite against the Lambda handler wired exactly as in production (Dagger graph from the function's
 * environment, SDK clients resolved from the standard AWS settings, {@code TASKS_AUTH} at its default, {@code jwt}) on a
 * real DynamoDB-compatible engine and a real S3-protocol engine for attachments' files; each user's requests carry the
 * claims API Gateway's authorizer adds.
 */
class LambdaDynaliteConformanceIT extends ApiConformanceSuite {
    /** The JVM's one engine, also the SDK's default endpoint, so the production wiring reaches it unchanged. */
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    /** The class's S3 engine, also the SDK's default S3 endpoint: the function keeps attachments' files there. */
    @RegisterExtension
    static final S3rverExtension S3 = new S3rverExtension();

    /** The front door whose events this run sends; REST API here, HTTP API in the subclass. */
    LambdaTransport.Format format() {
        return LambdaTransport.Format.REST_API;
    }

    /**
     * One handler for the class, as one warm execution environment. Its tables have one name per class, so recreating
     * them empty between cases leaves the handler, wired once, pointing at the right ones.
     */
    @Override
    protected ApiTransport newTransport() {
        Dynalite engine = DYNALITE.engine();
        String table = "lambda-" + getClass().getSimpleName();
        engine.recreateTable(table);
        String bucket = "attachments";
        S3.engine().createBucket(bucket);
        LambdaComponent function = DaggerLambdaComponent.factory().create(LambdaSettings.fromEnvironment(Map.of(
                "TASKS_TABLE", table, "TASKS_PAGE_TOKEN_SECRET", randomSecret(), "TASKS_CORS_ORIGINS", "*",
                "TASKS_ATTACHMENTS_BUCKET", bucket)));
        // The events carry the authorizer's claims because the default is jwt; were it none, the suite would
        // silently prove nothing about users being kept apart.
        assertThat(function.settings().auth()).isEqualTo(AuthMode.JWT);
        return new LambdaTransport(function.application(), function.settings().auth(), format(),
                () -> engine.recreateTable(table));
    }

    private static String randomSecret() {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
