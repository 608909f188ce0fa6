package io.taskapi.javalin.di;

import java.util.Locale;
import java.util.Map;

/**
 * The local server's settings, read once from the environment at startup.
 *
 * @param host            interface to bind ({@code HOST}, default {@code 127.0.0.1}: only this machine can connect)
 * @param port            port to listen on ({@code PORT}, default 8080; 0 picks a free one)
 * @param pageTokenSecret base64 secret for page tokens ({@code TASKS_PAGE_TOKEN_SECRET}), or {@code null} for a random
 *                        one per process
 * @param corsOrigins     allowed browser origins ({@code TASKS_CORS_ORIGINS}, default {@code *})
 * @param store           where tasks are kept ({@code TASKS_STORE}: {@code memory}, the default, or {@code dynamodb})
 * @param tableName       the DynamoDB table ({@code TASKS_TABLE}, default {@code tasks})
 * @param createTable     whether to create the DynamoDB table when it is missing ({@code TASKS_CREATE_TABLE})
 * @param dynamoDbEndpoint the DynamoDB endpoint the AWS SDK will use ({@code AWS_ENDPOINT_URL_DYNAMODB}), or
 *                        {@code null} for AWS itself; only reported at startup, the SDK reads it on its own
 */
public record ServerConfig(
        String host, int port, String pageTokenSecret, String corsOrigins, Store store, String tableName,
        boolean createTable, String dynamoDbEndpoint) {

    /** The kinds of task store the server can use. */
    public enum Store { MEMORY, DYNAMODB }

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
        if (store == null) {
            store = Store.MEMORY;
        }
        if (tableName == null || tableName.isBlank()) {
            tableName = "tasks";
        }
    }

    /** Settings for a server with the in-memory store. */
    public static ServerConfig inMemory(String host, int port) {
        return new ServerConfig(host, port, null, "*", Store.MEMORY, null, false, null);
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
                env.getOrDefault("TASKS_CORS_ORIGINS", "*"),
                store(env.getOrDefault("TASKS_STORE", "memory")),
                env.get("TASKS_TABLE"),
                flag("TASKS_CREATE_TABLE", env.getOrDefault("TASKS_CREATE_TABLE", "false")),
                env.get("AWS_ENDPOINT_URL_DYNAMODB"));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be an integer from 0 to 65535, got: " + text);
        }
    }

    private static Store store(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "memory" -> Store.MEMORY;
            case "dynamodb" -> Store.DYNAMODB;
            default -> throw new IllegalArgumentException("TASKS_STORE must be memory or dynamodb, got: " + text);
        };
    }

    private static boolean flag(String name, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got: " + text);
        };
    }
}
