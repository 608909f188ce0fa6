package io.taskapi.s3.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One s3rver for each test class that asks for it: started before the class's first test, stopped (its data deleted)
 * after its last, and, should the JVM die, stopped by the engine's own watchdog. A class has its engine to itself, so
 * its buckets start empty.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3rverExtension S3 = new S3rverExtension();
 * ...
 * S3.engine().createBucket("attachments");
 * S3FileStore store = S3.engine().store("attachments").build();
 * }</pre>
 *
 * <p>A test method or lifecycle method may also take the engine as an {@link S3rver} parameter. While the class runs,
 * the engine is also the AWS SDK's default S3 endpoint, with the harness's region and credentials
 * ({@link S3rver#installAsSdkDefault()}), so a store configured the standard way, as the applications make theirs,
 * reaches it.
 */
public final class S3rverExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private volatile S3rver engine;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = S3rver.start();
        engine.installAsSdkDefault();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        S3rver.clearSdkDefault();
        S3rver running = engine;
        engine = null;
        if (running != null) {
            running.stop();
        }
    }

    /** This class's engine; available from the class's {@code @BeforeAll} methods on. */
    public S3rver engine() {
        S3rver running = engine;
        if (running == null) {
            throw new IllegalStateException("register S3rverExtension as a static @RegisterExtension field");
        }
        return running;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3rver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return engine();
    }
}
