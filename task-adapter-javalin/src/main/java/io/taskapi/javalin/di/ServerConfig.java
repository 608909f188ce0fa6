package io.taskapi.javalin.di;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.application.CorsPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
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
 * @param auth            how callers are identified ({@code TASKS_AUTH} and the {@code TASKS_JWT_*} settings)
 */
public record ServerConfig(
        String host, int port, String pageTokenSecret, String corsOrigins, Store store, String tableName,
        boolean createTable, String dynamoDbEndpoint, Auth auth) {

    /** The kinds of task store the server can use. */
    public enum Store { MEMORY, DYNAMODB }

    /**
     * How callers are identified.
     *
     * @param jwt      whether bearer tokens are verified ({@code TASKS_AUTH=jwt}); otherwise every caller is the one
     *                 local owner ({@code none})
     * @param issuer   the exact {@code iss} of accepted tokens ({@code TASKS_JWT_ISSUER})
     * @param audience the {@code aud} or {@code client_id} accepted tokens name ({@code TASKS_JWT_AUDIENCE})
     * @param jwksUrl  the issuer's public keys ({@code TASKS_JWT_JWKS_URL}, default
     *                 {@code <issuer>/.well-known/jwks.json}, where Cognito publishes them)
     */
    public record Auth(boolean jwt, String issuer, String audience, String jwksUrl) {
        /** No authentication: one local owner. */
        public static final Auth NONE = new Auth(false, null, null, null);

        public Auth {
            issuer = blankToNull(issuer);
            audience = blankToNull(audience);
            jwksUrl = blankToNull(jwksUrl);
            if (!jwt) {
                for (String[] setting : new String[][] {{"TASKS_JWT_ISSUER", issuer}, {"TASKS_JWT_AUDIENCE", audience},
                        {"TASKS_JWT_JWKS_URL", jwksUrl}}) {
                    if (setting[1] != null) {
                        throw new IllegalArgumentException(setting[0] + " is set but TASKS_AUTH is none, so tokens"
                                + " would not be checked: set TASKS_AUTH=jwt, or unset " + setting[0]);
                    }
                }
            } else {
                if (issuer == null) {
                    throw new IllegalArgumentException("TASKS_JWT_ISSUER is required with TASKS_AUTH=jwt: the iss of"
                            + " accepted tokens, such as https://cognito-idp.us-east-1.amazonaws.com/<user pool id>");
                }
                if (audience == null) {
                    throw new IllegalArgumentException("TASKS_JWT_AUDIENCE is required with TASKS_AUTH=jwt: the app"
                            + " client id that accepted tokens name in aud or client_id");
                }
                if (jwksUrl == null) {
                    jwksUrl = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                            + "/.well-known/jwks.json";
                }
                if (!isKeySetUrl(jwksUrl)) {
                    throw new IllegalArgumentException("TASKS_JWT_JWKS_URL must be an https URL (http only on this"
                            + " machine: localhost, 127.0.0.1 or [::1]), got: " + jwksUrl);
                }
            }
        }

        /** Verify bearer tokens of {@code issuer} for {@code audience}, with keys from {@code jwksUrl} (or the default). */
        public static Auth jwt(String issuer, String audience, String jwksUrl) {
            return new Auth(true, issuer, audience, jwksUrl);
        }

        private static boolean isKeySetUrl(String text) {
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                    return false;
                }
                return "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme())
                        && List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost()));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }

    /**
     * One environment variable the server reads, as {@code --help} and the README list it.
     *
     * @param variable     the environment variable
     * @param defaultValue what applies when it is unset, in words
     * @param meaning      what it controls
     */
    public record Setting(String variable, String defaultValue, String meaning) {
    }

    /** Every variable the server reads, in the order an operator would set them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("PORT", "8080", "port to listen on; 0 picks a free one"),
            new Setting("HOST", "127.0.0.1", "interface to bind; 0.0.0.0 makes the server reachable from other machines"),
            new Setting("TASKS_STORE", "memory", "where tasks are kept: memory (lost on stop) or dynamodb"),
            new Setting("TASKS_TABLE", "tasks", "DynamoDB table, with TASKS_STORE=dynamodb; idempotency keys go to"
                    + " the table <TASKS_TABLE>-idempotency"),
            new Setting("TASKS_CREATE_TABLE", "false", "true creates the DynamoDB table (and its indexes) when missing"),
            new Setting("AWS_ENDPOINT_URL_DYNAMODB", "AWS itself",
                    "DynamoDB endpoint such as http://127.0.0.1:8000 for a local engine; region and credentials come"
                            + " from the AWS SDK's usual settings (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)"),
            new Setting("TASKS_PAGE_TOKEN_SECRET", "random per process",
                    "base64 of at least 32 random bytes that signs page tokens; set it so tokens survive restarts"),
            new Setting("TASKS_CORS_ORIGINS", "*",
                    "* or a comma-separated list of origins (https://app.example.com) allowed to call the API"),
            new Setting("TASKS_AUTH", "none", "none (every caller shares one local owner's tasks) or jwt (each request"
                    + " needs an Authorization: Bearer token, and each user sees only their own tasks)"),
            new Setting("TASKS_JWT_ISSUER", "none (required with TASKS_AUTH=jwt)", "the exact iss of accepted tokens,"
                    + " such as https://cognito-idp.us-east-1.amazonaws.com/<user pool id>"),
            new Setting("TASKS_JWT_AUDIENCE", "none (required with TASKS_AUTH=jwt)", "the app client id accepted"
                    + " tokens name in aud (ID tokens) or client_id (Cognito access tokens)"),
            new Setting("TASKS_JWT_JWKS_URL", "<TASKS_JWT_ISSUER>/.well-known/jwks.json", "the issuer's public"
                    + " signing keys (https; http only on this machine)"));

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HOST must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be an integer from 0 to 65535, got: " + port);
        }
        if (pageTokenSecret != null && pageTokenSecret.isBlank()) {
            pageTokenSecret = null;
        }
        if (pageTokenSecret != null) {
            try {
                PageTokenSealer.fromBase64(pageTokenSecret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TASKS_PAGE_TOKEN_SECRET is unusable: " + e.getMessage()
                        + " (generate one with: head -c 32 /dev/urandom | base64)");
            }
        }
        if (corsOrigins == null || corsOrigins.isBlank()) {
            corsOrigins = "*";
        }
        try {
            CorsPolicy.parse(corsOrigins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TASKS_CORS_ORIGINS is unusable: " + e.getMessage());
        }
        if (store == null) {
            store = Store.MEMORY;
        }
        if (tableName == null || tableName.isBlank()) {
            tableName = "tasks";
        }
        if (dynamoDbEndpoint != null && dynamoDbEndpoint.isBlank()) {
            dynamoDbEndpoint = null;
        }
        if (dynamoDbEndpoint != null && !isHttpUrl(dynamoDbEndpoint)) {
            throw new IllegalArgumentException(
                    "AWS_ENDPOINT_URL_DYNAMODB must be an http(s) URL such as http://127.0.0.1:8000, got: "
                            + dynamoDbEndpoint);
        }
        if (auth == null) {
            auth = Auth.NONE;
        }
    }

    /** Settings without authentication: every caller is the one local owner. */
    public ServerConfig(
            String host, int port, String pageTokenSecret, String corsOrigins, Store store, String tableName,
            boolean createTable, String dynamoDbEndpoint) {
        this(host, port, pageTokenSecret, corsOrigins, store, tableName, createTable, dynamoDbEndpoint, Auth.NONE);
    }

    /** These settings with callers identified as {@code auth} says. */
    public ServerConfig withAuth(Auth auth) {
        return new ServerConfig(host, port, pageTokenSecret, corsOrigins, store, tableName, createTable,
                dynamoDbEndpoint, auth);
    }

    /** The DynamoDB table of idempotency keys: {@code <TASKS_TABLE>-idempotency}, created with the tasks table. */
    public String idempotencyTableName() {
        return tableName + IdempotencyTableSchema.DEFAULT_SUFFIX;
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
                env.get("AWS_ENDPOINT_URL_DYNAMODB"),
                new Auth(jwt(env.getOrDefault("TASKS_AUTH", "none")), env.get("TASKS_JWT_ISSUER"),
                        env.get("TASKS_JWT_AUDIENCE"), env.get("TASKS_JWT_JWKS_URL")));
    }

    private static boolean jwt(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> false;
            case "jwt" -> true;
            default -> throw new IllegalArgumentException("TASKS_AUTH must be none or jwt, got: " + text);
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
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

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
