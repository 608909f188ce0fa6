package io.taskapi.dynamodb.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-memory dynalite for every test class of a JVM that asks for it: started by the first, stopped when the JVM's
 * tests end (and, should the JVM die, by the engine's own watchdog). Each class keeps its data apart by its table names.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedDynalite DYNALITE = new SharedDynalite();
 * ...
 * DYNALITE.engine().createTable("tasks-mine");
 * }</pre>
 *
 * <p>A test method or lifecycle method may also take the engine as a {@link Dynalite} parameter. Before each class the
 * engine is also made the AWS SDK's default endpoint, region and credentials
 * ({@link Dynalite#installAsSdkDefault()}), so a client configured the standard way, as the applications make theirs,
 * reaches it.
 */
public final class SharedDynalite implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDynalite.class);

    private volatile Dynalite engine;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = shared(context);
        engine.installAsSdkDefault();
    }

    /** The shared engine; available from the class's {@code @BeforeAll} methods on. */
    public Dynalite engine() {
        if (engine == null) {
            throw new IllegalStateException("register SharedDynalite as a static @RegisterExtension field");
        }
        return engine;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Dynalite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The root context closes what its store holds when every test of the JVM has run. */
    private static Dynalite shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Dynalite.class, key -> Dynalite.start(),
                Dynalite.class);
    }
}
