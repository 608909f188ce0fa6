package io.taskapi.javalin;

import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.javalin.di.ServerConfig;

/** Starts the local server from environment settings and stops it cleanly on SIGTERM or Ctrl-C. */
public final class TaskServerMain {
    private TaskServerMain() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ServerComponent component = DaggerServerComponent.factory().create(config);
        TaskServer server = component.server().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "task-server-shutdown"));
        for (String warning : component.startupWarnings()) {
            System.err.println("WARNING: " + warning);
        }
        System.out.println("Task API listening on http://" + config.host() + ":" + server.port()
                + " (store: memory, data is lost when the server stops)");
    }
}
