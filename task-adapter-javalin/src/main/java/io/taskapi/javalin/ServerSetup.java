package io.taskapi.javalin;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.taskapi.application.TaskApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Javalin and Jetty configuration of the local server: threads, the one connector, request limits, admission
 * control, a graceful stop, JSON errors from the web server itself, and the task board's static files.
 */
final class ServerSetup {
    private static final int MIN_PLATFORM_THREADS = 8;
    private static final int IDLE_THREAD_MILLIS = 60_000;

    /**
     * The board is served from this jar only: the policy forbids every other source of code, styles, fonts and
     * frames, while API calls may go to any http(s) origin because the board can be pointed at a deployed API.
     */
    private static final Map<String, String> STATIC_HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");

    private ServerSetup() {
    }

    /**
     * A Javalin server on {@code host:port} within {@code limits}, answering only the host names {@code access}
     * allows, with the API's requests served by {@code apiHandler} before Javalin and the routes {@code routes} adds;
     * errors Jetty raises itself are answered by {@code api}.
     */
    static Javalin javalin(ServerLimits limits, String host, int port, ServerAccess access, TaskApi api,
            Handler.Wrapper apiHandler, Consumer<JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.generateEtags = false;
            threads(config, limits);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
                http.setResponseHeaderSize(limits.maxRequestHeaderBytes());
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                try {
                    // Binding here, before Jetty starts, lets a taken port fail as one exception the caller explains,
                    // rather than also as a log line of Javalin's; Jetty keeps using the open socket.
                    connector.open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return connector;
            });
            config.jetty.modifyServer(server -> {
                // Stopping first closes the listener, then waits this long for requests already being handled.
                server.setStopTimeout(limits.stopTimeout().toMillis());
                // Innermost, so that the API's requests pass the same limits as every other before it serves them.
                server.insertHandler(apiHandler);
                // Bounds concurrency the same way whichever threads run the requests; virtual threads are unbounded.
                QoSHandler admission = new QoSHandler();
                admission.setMaxRequestCount(limits.maxConcurrentRequests());
                admission.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
                admission.setMaxSuspend(limits.maxQueueWait());
                server.insertHandler(admission);
                // Tracks the requests being handled, so that stopping waits for them (up to the stop timeout) instead
                // of closing their connections under them: without it Jetty's stop is not graceful for requests.
                server.insertHandler(new GracefulHandler());
                if (!access.hosts().isEmpty()) {
                    // Outermost, so a request for another host name costs no admission slot.
                    server.insertHandler(new HostCheck(access.hosts(), api));
                }
                server.setErrorHandler(new JsonErrorHandler(api));
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = STATIC_HEADERS;
                // The files are UTF-8; saying so spares browsers from guessing.
                files.mimeTypes.add("text/html; charset=utf-8", "html");
                files.mimeTypes.add("text/css; charset=utf-8", "css");
                files.mimeTypes.add("text/javascript; charset=utf-8", "js");
            });
            routes.accept(config);
        });
    }

    private static void threads(JavalinConfig config, ServerLimits limits) {
        config.concurrency.useVirtualThreads = TaskServer.VIRTUAL_THREADS;
        if (!TaskServer.VIRTUAL_THREADS) {
            QueuedThreadPool threads = new QueuedThreadPool(
                    limits.maxPlatformThreads(), MIN_PLATFORM_THREADS, IDLE_THREAD_MILLIS);
            threads.setName("task-server");
            config.jetty.threadPool = threads;
        }
    }
}
