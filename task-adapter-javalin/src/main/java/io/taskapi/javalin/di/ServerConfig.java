package io.taskapi.javalin.di;

import java.util.Map;

/**
 * The local server's settings, read once from the environment at startup.
 *
 * @param host            interface to bind ({@code HOST}, default {@code 127.0.0.1}: only this machine can connect)
 * @param port            port to listen on ({@code PORT}, default 8080; 0 picks a free one)
 * @param pageTokenSecret base64 secret for page tokens ({@code TASKS_PAGE_TOKEN_SECRET}), or {@code null} for a random
 *                        one per process
 * @param corsOrigins     allowed browser origins ({@code TASKS_CORS_ORIGINS}, default {@code *})
 */
public record ServerConfig(String host, int port, String pageTokenSecret, String corsOrigins) {

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HOST must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be an integer from 0 to 65535");
        }
        if (pageTokenSecret != null && pageTokenSecret.isBlank()) {
            pageTokenSecret = null;
        }
        if (corsOrigins == null || corsOrigins.isBlank()) {
            corsOrigins = "*";
        }
    }

    /**
     * The settings in {@code env}.
     *
     * @throws IllegalArgumentException naming the variable whose value is unusable
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                env.getOrDefault("HOST", "127.0.0.1"),
                port(env.getOrDefault("PORT", "8080")),
                env.get("TASKS_PAGE_TOKEN_SECRET"),
                env.getOrDefault("TASKS_CORS_ORIGINS", "*"));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be an integer from 0 to 65535, got: " + text);
        }
    }
}
