package io.taskapi.lambda;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.http.conformance.ApiConformanceSuite;
import io.taskapi.http.conformance.ApiTransport;
import io.taskapi.lambda.di.DaggerLambdaComponent;
import io.taskapi.lambda.di.LambdaConfig;
import java.security.SecureRandom;
import java.util.Base64;

/** The conformance suite against the Lambda handler, wired as in production, fed API Gateway REST proxy events. */
class LambdaApiConformanceTest extends ApiConformanceSuite {
    @Override
    protected ApiTransport newTransport() {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        LambdaConfig config = new LambdaConfig("tasks", Base64.getEncoder().encodeToString(secret), "*");
        return new ApiGatewayRestTransport(new TaskHandler(DaggerLambdaComponent.factory().create(config).api()));
    }
}
