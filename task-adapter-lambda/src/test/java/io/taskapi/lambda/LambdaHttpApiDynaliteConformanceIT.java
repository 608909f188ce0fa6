package io.taskapi.lambda;

/** The conformance suite against the production-wired Lambda handler on dynalite, fed payload 2.0 events. */
class LambdaHttpApiDynaliteConformanceIT extends LambdaDynaliteConformanceIT {
    @Override
    LambdaTransport.Format format() {
        return LambdaTransport.Format.HTTP_API;
    }
}
