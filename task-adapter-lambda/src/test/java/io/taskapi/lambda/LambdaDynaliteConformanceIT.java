package io.taskapi.lambda;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against the Lambda handler wired exactly as in production (Dagger graph, SDK client resolved
 * from the standard AWS settings, {@code TASKS_AUTH} at its default, Cognito) on a real DynamoDB-compatible engine, one
 * fresh table per test; each user's requests carry the claims API Gateway's authorizer adds.
 */
class LambdaDynaliteConformanceIT extends ApiConformanceSuite {
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

    /** The front door whose events this run sends; REST API here, HTTP API in the subclass. */
    LambdaTransport.Format format() {
        return LambdaTransport.Format.REST_API;
    }

    @Override
    protected ApiTransport newTransport() {
        String table = "tasks-lambda-" + TABLES.incrementAndGet();
        dynalite.createTable(table);
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        LambdaConfig config = new LambdaConfig(table, Base64.getEncoder().encodeToString(secret), "*");
        return new LambdaTransport(new TaskHandler(DaggerLambdaComponent.factory().create(config)), format(), true);
    }
}
