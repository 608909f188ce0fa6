package io.taskapi.javalin;

import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.javalin.di.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Local servers for tests, assembled as {@link TaskServerMain} assembles them: settings read from environment entries,
 * the Dagger graph, the store prepared (creating missing tables with {@code TASKS_CREATE_TABLE=true}), then the server
 * started. Stopping the server closes the store.
 */
final class TestServers {
    private TestServers() {
    }

    /**
     * A started server of the settings {@code env} gives; its graph hands out the server and the store. Unless
     * {@code env} names one, attachments' files go to a folder of the system's temporary directory, not into the
     * working directory as the server's default would put them.
     */
    static ServerComponent start(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        if (!settings.containsKey("TASKS_FILES_DIR")) {
            try {
                Path files = Files.createTempDirectory("task-server-files-");
                files.toFile().deleteOnExit();
                settings.put("TASKS_FILES_DIR", files.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ServerComponent component = DaggerServerComponent.factory().create(ServerSettings.fromEnvironment(settings));
        component.store().prepare();
        component.server().start();
        return component;
    }
}
