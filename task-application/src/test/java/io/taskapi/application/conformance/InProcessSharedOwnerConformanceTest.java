package io.taskapi.application.conformance;

/** The conformance suite against the application core behind a front door without authentication: one shared owner. */
class InProcessSharedOwnerConformanceTest extends ApiConformanceSuite {
    @Override
    protected ApiTransport newTransport() {
        return InProcessTransport.inMemory(false);
    }
}
