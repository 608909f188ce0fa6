package io.taskapi.benchmarks;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The throughput baseline: a plain Javalin app (same Javalin version as the server, default settings) whose routes
 * answer fixed JSON bytes of the same size as the real server's answers: {@code GET /tasks/*} and {@code POST /tasks}
 * (which reads the request body first, then answers 201).
 *
 * <p>Arguments: port, file with the GET body, file with the POST body.
 */
public final class PlainJavalinApp {
    private PlainJavalinApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] getBody = Files.readAllBytes(Path.of(args[1]));
        byte[] postBody = Files.readAllBytes(Path.of(args[2]));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.addHttpHandler(HandlerType.GET, "/tasks/*",
                    ctx -> ctx.contentType("application/json").result(getBody));
            config.routes.addHttpHandler(HandlerType.POST, "/tasks", ctx -> {
                ctx.bodyAsBytes();
                ctx.status(201).contentType("application/json").result(postBody);
            });
        });
        app.start("127.0.0.1", port);
        System.out.println("plain Javalin listening on " + port);
    }
}
