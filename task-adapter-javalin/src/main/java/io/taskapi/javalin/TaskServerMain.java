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
            exit("Configuration error: " + e.getMessage());
            return;
        }
        ServerComponent component = DaggerServerComponent.factory().create(config);
        for (String warning : component.startupWarnings()) {
            System.err.println("WARNING: " + warning);
        }
        TaskServer server;
        try {
            server = component.server().start();
        } catch (RuntimeException e) {
            // Typically an unreachable DynamoDB endpoint while creating the table, or a port already in use.
            exit("Startup failed: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "task-server-shutdown"));
        System.out.println("Task API listening on http://" + config.host() + ":" + server.port()
                + " (store: " + component.storeDescription() + ")");
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
