package io.taskapi.lambda;

import io.taskapi.application.AuthMode;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TestApplications;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;

/**
 * The conformance suite against the Lambda handler with the in-memory store, fed API Gateway REST API proxy events
 * (payload 1.0) of a method with a Cognito authorizer ({@code TASKS_AUTH=jwt}), each user's claims in the request
 * context; no network. {@code LambdaSharedOwnerConformanceTest} runs it with {@code TASKS_AUTH=none},
 * {@code LambdaDynaliteConformanceIT} against the production wiring on a real engine.
 */
class LambdaApiConformanceTest extends ApiConformanceSuite {
    /** The front door whose events this run sends; REST API here, HTTP API in the subclass. */
    LambdaTransport.Format format() {
        return LambdaTransport.Format.REST_API;
    }

    /** One handler for the class, as one warm execution environment; its store is cleared before each case. */
    @Override
    protected ApiTransport newTransport() {
        InMemoryTaskStore store = new InMemoryTaskStore();
        return new LambdaTransport(TestApplications.quiet(store).build(), AuthMode.JWT, format(), store::clear);
    }
}
