package io.taskapi.lambda;

/** The conformance suite against the Lambda handler fed HTTP API / function URL events (payload 2.0). */
class LambdaHttpApiConformanceTest extends LambdaApiConformanceTest {
    @Override
    LambdaTransport.Format format() {
        return LambdaTransport.Format.HTTP_API;
    }
}
