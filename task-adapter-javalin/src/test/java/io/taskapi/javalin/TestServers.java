package io.taskapi.javalin;

import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.javalin.di.ServerSettings;
import java.util.Map;

/**
 * Local servers for tests, assembled as {@link TaskServerMain} assembles them: settings read from environment entries,
 * the Dagger graph, the store prepared (creating missing tables with {@code TASKS_CREATE_TABLE=true}), then the server
 * started. Stopping the server closes the store.
 */
final class TestServers {
    private TestServers() {
    }

    /** A started server of the settings {@code env} gives; its graph hands out the server and the store. */
    static ServerComponent start(Map<String, String> env) {
        ServerComponent component = DaggerServerComponent.factory().create(ServerSettings.fromEnvironment(env));
        component.store().prepare();
        component.server().start();
        return component;
    }
}
