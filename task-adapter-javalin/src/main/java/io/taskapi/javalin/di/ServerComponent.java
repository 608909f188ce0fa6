package io.taskapi.javalin.di;

import dagger.BindsInstance;
import dagger.Component;
import io.taskapi.javalin.TaskServer;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/** The local server's object graph. */
@Singleton
@Component(modules = ServerModule.class)
public interface ServerComponent {
    TaskServer server();

    /** Where tasks are kept, in words for the startup message. */
    @Named("storeDescription")
    String storeDescription();

    /** Settings that work but that an operator should know about, such as a per-process page token secret. */
    @Named("startupWarnings")
    List<String> startupWarnings();

    /** Creates the graph from the server's configuration. */
    @Component.Factory
    interface Factory {
        ServerComponent create(@BindsInstance ServerConfig config);
    }
}
