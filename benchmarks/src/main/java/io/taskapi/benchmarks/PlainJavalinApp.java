package io.taskapi.benchmarks;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The throughput baselines: a plain Javalin app (same Javalin version as the server, default settings) whose routes
 * answer fixed JSON bytes of the same size as the real server's answers: {@code GET /tasks/*} and {@code POST /tasks}
 * (which reads the request body first, then answers 201). With {@code keep}, the POST route also keeps each body in
 * a sorted map under a fresh id of a task id's length, as the least any store in the JVM's heap must keep: it shows
 * what retaining every created task costs the collector, apart from the server's own work.
 *
 * <p>Arguments: port, file with the GET body, file with the POST body, and optionally {@code keep}.
 */
public final class PlainJavalinApp {
    private PlainJavalinApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] getBody = Files.readAllBytes(Path.of(args[1]));
        byte[] postBody = Files.readAllBytes(Path.of(args[2]));
        boolean keep = args.length > 3 && args[3].equals("keep");
        ConcurrentSkipListMap<String, String> kept = new ConcurrentSkipListMap<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.addHttpHandler(HandlerType.GET, "/tasks/*",
                    ctx -> ctx.contentType("application/json").result(getBody));
            config.routes.addHttpHandler(HandlerType.POST, "/tasks", ctx -> {
                String body = ctx.body();
                if (keep) {
                    // ThreadLocalRandom, not UUID.randomUUID(): the baseline should not queue on a shared lock.
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    kept.put(new UUID(random.nextLong(), random.nextLong()).toString(), body);
                }
                ctx.status(201).contentType("application/json").result(postBody);
            });
        });
        app.start("127.0.0.1", port);
        System.out.println("plain Javalin listening on " + port + (keep ? ", keeping each POST body" : ""));
    }
}
