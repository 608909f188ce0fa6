package io.taskapi.javalin;

import io.taskapi.application.Setting;
import io.taskapi.application.TaskStore;
import io.taskapi.javalin.auth.SharedOwner;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerComponent;
import io.taskapi.javalin.di.ServerSettings;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the local server from environment settings, says where it listens and what it uses, refuses unusable
 * settings with one line, and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class TaskServerMain {
    /** Exit status of an unusable setting or argument, as opposed to 1 for any other failure. */
    static final int CONFIGURATION_ERROR = 2;
    /** The startup message's auth line without authentication. */
    static final String AUTH_MODE = SharedOwner.DESCRIPTION;

    private TaskServerMain() {
    }

    /** A reason not to start, printed as one line before exiting with {@link #status}. */
    static final class StartupFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        StartupFailure(int status, String line) {
            super(line, null, false, false);
            this.status = status;
        }
    }

    public static void main(String[] args) {
        TaskServer server;
        try {
            server = launch(args, System.getenv(), System.out, System.err);
        } catch (StartupFailure failure) {
            System.err.println(failure.getMessage());
            System.exit(failure.status);
            return;
        }
        if (server != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "task-server-shutdown"));
        }
    }

    /**
     * Everything {@link #main} does except exiting and the shutdown hook: prints the help and returns {@code null}, or
     * starts the server and prints where it listens.
     *
     * @throws StartupFailure with the one line to print
     */
    static TaskServer launch(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(help());
                return null;
            }
        }
        if (args.length > 0) {
            throw new StartupFailure(CONFIGURATION_ERROR, "Unknown argument: " + args[0]
                    + " (the server takes its settings from the environment; see --help)");
        }
        ServerSettings config;
        try {
            config = ServerSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw configurationError(e.getMessage());
        }
        ServerComponent component = DaggerServerComponent.factory().create(config);
        TaskStore store = component.store();
        TaskServer server;
        try {
            store.prepare();
            server = component.server();
        } catch (IllegalArgumentException e) {
            store.close();
            throw configurationError(e.getMessage());
        } catch (RuntimeException e) {
            store.close();
            throw new StartupFailure(1, "Startup failed: " + firstLine(e));
        }
        for (String warning : component.startupWarnings()) {
            err.println("WARNING: " + warning);
        }
        Authenticator authenticator = component.authenticator();
        authenticator.warmUp().ifPresent(warning -> err.println("WARNING: " + warning));
        try {
            server.start();
        } catch (RuntimeException e) {
            store.close();
            throw listenFailure(config, e);
        }
        String url = "http://" + displayHost(config.host()) + ":" + server.port();
        out.println("Task API listening on " + url
                + (isWildcard(config.host()) ? " (on all interfaces, HOST=" + config.host() + ")" : ""));
        out.println("  board:   " + url + "/   health: " + url + "/health, " + url + "/health/ready");
        boolean memory = config.store() == ServerSettings.Store.MEMORY;
        out.println("  store:   " + (memory ? "memory" : "dynamodb"));
        out.println("  data:    " + store.description()
                + (memory ? " (TASKS_STORE=dynamodb keeps them, see --help)" : ""));
        out.println("  auth:    " + authenticator.description());
        out.println("  threads: " + server.threading());
        out.println("  stop:    Ctrl-C or SIGTERM (in-flight requests finish first); all settings: --help");
        return server;
    }

    /** The {@code --help} text: every setting with its environment variable and default. */
    static String help() {
        StringBuilder text = new StringBuilder();
        text.append("Task API local server: the task API at /tasks and a task board at /.\n\n")
                .append("Usage: java -jar task-server.jar [--help]\n\n")
                .append("Settings, all from environment variables:\n\n");
        int width = ServerSettings.SETTINGS.stream().mapToInt(s -> s.variable().length()).max().orElse(0);
        for (Setting<?> setting : ServerSettings.SETTINGS) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n  %-" + width + "s  default: %s%n",
                    setting.variable(), setting.meaning(), "", setting.defaultHelp()));
        }
        ServerLimits limits = ServerLimits.DEFAULTS;
        text.append("\nEndpoints: / (task board), /tasks (API), /health (liveness), /health/ready (store reachable)\n")
                .append("Auth: TASKS_AUTH=none (the default) serves every caller one local owner's tasks; TASKS_AUTH=jwt"
                        + " verifies Authorization: Bearer tokens (RS256 or ES256, of TASKS_JWT_ISSUER for"
                        + " TASKS_JWT_AUDIENCE) and gives each user their own tasks\n")
                .append(String.format(Locale.ROOT, "Limits: request body 64 KiB, request headers %d KiB, "
                                + "%d requests at once (%d more wait up to %d s, then 503), idle connections closed "
                                + "after %d s%n",
                        limits.maxRequestHeaderBytes() / 1024, limits.maxConcurrentRequests(),
                        limits.maxQueuedRequests(), limits.maxQueueWait().toSeconds(),
                        limits.idleTimeout().toSeconds()))
                .append(String.format(Locale.ROOT, "Stopping: SIGTERM or Ctrl-C stops accepting connections, lets "
                        + "requests in progress finish (up to %d s), closes the store and exits 0.%n",
                        limits.stopTimeout().toSeconds()))
                .append("Exit status: 0 after --help or a clean stop, ").append(CONFIGURATION_ERROR)
                .append(" for an unusable setting (one line on stderr names it), 1 for any other startup failure.\n");
        return text.toString();
    }

    private static void stop(TaskServer server) {
        int status = 0;
        try {
            System.out.println("Stopping: no new connections; waiting for requests in progress");
            server.stop();
            System.out.println("Task API stopped");
        } catch (RuntimeException e) {
            System.err.println("Stopped with an error: " + firstLine(e));
            status = 1;
        }
        System.out.flush();
        System.err.flush();
        // A JVM ended by a signal exits with 128 + the signal's number even after a clean stop; a clean stop is a
        // success for process supervisors, so end with 0 here (this hook is the process's last work).
        Runtime.getRuntime().halt(status);
    }

    private static StartupFailure configurationError(String message) {
        return new StartupFailure(CONFIGURATION_ERROR, "Configuration error: " + message);
    }

    private static StartupFailure listenFailure(ServerSettings config, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException && message.contains("in use")) {
                return configurationError("PORT " + config.port() + " is already in use on " + config.host()
                        + " (stop the other program, or set PORT to a free port; 0 picks one)");
            }
            if (cause instanceof BindException && message.contains("ermission")) {
                return configurationError("PORT " + config.port() + " needs elevated privileges (use a port above "
                        + "1023)");
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof BindException) {
                return configurationError("HOST " + config.host() + " is not an address of this machine ("
                        + (cause.getMessage() == null ? "cannot be resolved" : cause.getMessage()) + ")");
            }
        }
        return new StartupFailure(1, "Startup failed: " + firstLine(failure));
    }

    private static boolean isWildcard(String host) {
        return List.of("0.0.0.0", "::", "[::]").contains(host);
    }

    private static String displayHost(String host) {
        if (isWildcard(host)) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String firstLine(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String text = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
