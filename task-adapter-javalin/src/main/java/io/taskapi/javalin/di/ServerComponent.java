package io.taskapi.javalin.di;

import dagger.BindsInstance;
import dagger.Component;
import io.taskapi.javalin.Authenticator;
import io.taskapi.javalin.StoreConnection;
import io.taskapi.javalin.TaskServer;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/** The local server's object graph. */
@Singleton
@Component(modules = ServerModule.class)
public interface ServerComponent {
    TaskServer server();

    /** The task store, for the startup check and message; the server closes it when it stops. */
    StoreConnection store();

    /** How callers are identified; warmed up once at startup. */
    Authenticator authenticator();

    /** Settings that work but that an operator should know about, such as a per-process page token secret. */
    @Named("startupWarnings")
    List<String> startupWarnings();

    /** Creates the graph from the server's configuration. */
    @Component.Factory
    interface Factory {
        ServerComponent create(@BindsInstance ServerConfig config);
    }
}
