package io.taskapi.javalin.di;

import dagger.BindsInstance;
import dagger.Component;
import io.taskapi.application.TaskStore;
import io.taskapi.domain.FileStore;
import java.util.Optional;
import io.taskapi.javalin.Authenticator;
import io.taskapi.javalin.TaskServer;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/** The local server's object graph. */
@Singleton
@Component(modules = ServerModule.class)
public interface ServerComponent {
    TaskServer server();

    /** The store, prepared once at startup before the server is built; the server closes it when it stops. */
    TaskStore store();

    /**
     * Where attachments' files are kept: with {@code TASKS_STORE=memory}, a folder of this machine whose signed URLs
     * this server serves; with DynamoDB, the S3 bucket {@code TASKS_ATTACHMENTS_BUCKET}, or none.
     */
    Optional<FileStore> files();

    /** How callers are identified; warmed up once at startup. */
    Authenticator authenticator();

    /** Settings that work but that an operator should know about, such as a per-process page token secret. */
    @Named("startupWarnings")
    List<String> startupWarnings();

    /** Creates the graph from the server's settings. */
    @Component.Factory
    interface Factory {
        ServerComponent create(@BindsInstance ServerSettings settings);
    }
}
