package io.taskapi.lambda;

import io.taskapi.application.AuthMode;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TestApplications;
import io.taskapi.application.conformance.ApiConformanceSuite;
import io.taskapi.application.conformance.ApiTransport;

/**
 * The conformance suite against the Lambda handler with {@code TASKS_AUTH=none} ({@code auth_mode = "none"}), fed
 * REST API events of methods without an authorizer: every caller shares one owner's tasks.
 */
class LambdaSharedOwnerConformanceTest extends ApiConformanceSuite {
    /** One handler for the class, as one warm execution environment; its store is cleared before each case. */
    @Override
    protected ApiTransport newTransport() {
        InMemoryTaskStore store = new InMemoryTaskStore();
        return new LambdaTransport(TestApplications.quiet(store).build(), AuthMode.NONE,
                LambdaTransport.Format.REST_API, store::clear);
    }
}
