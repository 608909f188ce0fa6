package io.taskapi.javalin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The API's description for people and tools: the OpenAPI document at {@code /openapi.json}, exactly as the
 * application core's jar carries it, and Swagger UI rendering it at {@code /docs}, served from its webjar in this jar
 * (no CDN).
 */
final class ApiDocs {
    private static final String DOCUMENT = "/openapi.json";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final String VERSION = webjarVersion();
    /** The only webjar files the page uses; nothing else under the webjar is reachable. */
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    /** Swagger UI sets inline styles, so styles may be inline; scripts come from this server only. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="utf-8">
                <title>Task API: reference</title>
                <link rel="stylesheet" href="/docs/swagger-ui/swagger-ui.css">
                <link rel="icon" type="image/png" href="/docs/swagger-ui/favicon-32x32.png" sizes="32x32">
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="/docs/swagger-ui/swagger-ui-bundle.js"></script>
                <script src="/docs/swagger-initializer.js"></script>
              </body>
            </html>
            """;

    private static final String INITIALIZER = """
            window.onload = () => {
              window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
            };
            """;

    private ApiDocs() {
    }

    static void document(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType("application/json");
        ctx.result(read(DOCUMENT));
    }

    static void page(Context ctx) {
        secure(ctx);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(PAGE.getBytes(StandardCharsets.UTF_8));
    }

    static void initializer(Context ctx) {
        secure(ctx);
        ctx.contentType("text/javascript; charset=utf-8");
        ctx.result(INITIALIZER.getBytes(StandardCharsets.UTF_8));
    }

    static void swaggerUi(Context ctx) {
        String file = ctx.path().substring(ctx.path().lastIndexOf('/') + 1);
        String type = FILES.get(file);
        if (type == null || !ctx.path().equals("/docs/swagger-ui/" + file)) {
            ctx.status(404);
            return;
        }
        secure(ctx);
        ctx.header("Cache-Control", "max-age=86400");
        ctx.contentType(type);
        ctx.result(read(WEBJAR + VERSION + "/" + file));
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from the Maven metadata it ships, so upgrading the dependency needs no code change. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
