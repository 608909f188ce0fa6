package io.taskapi.javalin.di;

import io.taskapi.application.AttachmentSettings;
import io.taskapi.application.AuthMode;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.Setting;
import io.taskapi.domain.AttachmentLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local server's settings, read once from the environment at startup into typed values. Each variable is declared
 * once, with its default and meaning, in {@link #SETTINGS}, which {@code --help} and the README list.
 *
 * @param host             interface to bind
 * @param port             port to listen on; 0 picks a free one
 * @param store            where the data is kept
 * @param tasksTable       the DynamoDB table of tasks, with {@link Store#DYNAMODB}; idempotency keys go beside it
 * @param createTables     whether missing DynamoDB tables are created at startup
 * @param dynamoDbEndpoint the DynamoDB endpoint the AWS SDK will use, or {@code null} for AWS itself; checked here,
 *                         read by the SDK itself
 * @param filesDir         the folder attachments' files are kept in, with {@link Store#MEMORY}
 * @param filesUrl         the address clients reach the server by, which the URLs of attachments' files start with,
 *                         with {@link Store#MEMORY}; {@code null} for the address the server listens on
 * @param attachmentsBucket the S3 bucket of attachments' files with {@link Store#DYNAMODB}, or {@code null} for tasks
 *                         without attachments
 * @param attachmentLimits what may be attached ({@link AttachmentSettings})
 * @param secret           what signs page tokens and keys the log's owner hashes, or {@code null} for a random one
 *                         per process
 * @param cors             the browser origins other than the server's own allowed to call
 * @param allowedHosts     host names the server answers for besides its loopback names, lower case
 * @param auth             how callers are identified
 * @param jwt              how bearer tokens are verified with {@link AuthMode#JWT}, or {@code null} without
 */
public record ServerSettings(
        String host, int port, Store store, String tasksTable, boolean createTables, URI dynamoDbEndpoint,
        Path filesDir, URI filesUrl, String attachmentsBucket, AttachmentLimits attachmentLimits,
        DeploymentSecret secret, CorsPolicy cors, Set<String> allowedHosts, AuthMode auth,
        Jwt jwt) {

    /** The kinds of store the server can keep its data in. */
    public enum Store { MEMORY, DYNAMODB }

    /**
     * How bearer tokens are verified.
     *
     * @param issuer    the exact {@code iss} of accepted tokens
     * @param audience  the {@code aud} or {@code client_id} accepted tokens name, which is also the app client the
     *                  task board signs in as
     * @param jwksUrl   the issuer's public keys
     * @param signInUrl where the provider's hosted sign-in page and token endpoints are, for the task board; or
     *                  {@code null}, and then the board asks for a token to paste
     */
    public record Jwt(String issuer, String audience, URI jwksUrl, URI signInUrl) {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(jwksUrl, "jwksUrl");
        }
    }

    static final Setting<Integer> PORT = Setting.of("PORT", "8080", "port to listen on; 0 picks a free one",
            ServerSettings::port);
    static final Setting<String> HOST = Setting.of("HOST", "127.0.0.1",
            "interface to bind; 0.0.0.0 makes the server reachable from other machines", text -> text);
    static final Setting<Store> STORE = Setting.of("TASKS_STORE", "memory",
            "where tasks are kept: memory (lost on stop) or dynamodb",
            Setting.choice("memory", Store.MEMORY, "dynamodb", Store.DYNAMODB));
    static final Setting<String> TABLE = Setting.of("TASKS_TABLE", "tasks", "DynamoDB table, with TASKS_STORE=dynamodb;"
            + " idempotency keys go to the table <TASKS_TABLE>-idempotency and shared lists to <TASKS_TABLE>-lists",
            text -> text);
    static final Setting<Boolean> CREATE_TABLE = Setting.of("TASKS_CREATE_TABLE", "false",
            "true creates the DynamoDB table (and its indexes) when missing", Setting.flag());
    static final Setting<URI> DYNAMODB_ENDPOINT = new Setting<>("AWS_ENDPOINT_URL_DYNAMODB", null, "AWS itself",
            "DynamoDB endpoint such as http://127.0.0.1:8000 for a local engine; region and credentials come from the"
                    + " AWS SDK's usual settings (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)",
            text -> text == null ? null : url(text, "must be an http(s) URL such as http://127.0.0.1:8000, got: "));
    static final Setting<Path> FILES_DIR = Setting.of("TASKS_FILES_DIR", "data/files", "with TASKS_STORE=memory, the"
            + " folder attachments' files are kept in (relative to the working directory; made on the first upload);"
            + " the files stay when the server stops, though the in-memory tasks they belong to do not",
            ServerSettings::folder);
    static final Setting<URI> FILES_URL = new Setting<>("TASKS_FILES_URL", null,
            "the address it listens on (localhost for HOST=0.0.0.0)", "with TASKS_STORE=memory, the"
                    + " http(s) address clients reach this server by, which the signed upload and download URLs of"
                    + " attachments start with, such as http://tasks.lan:8080",
            text -> text == null ? null : baseUrl(text));
    static final Setting<String> ATTACHMENTS_BUCKET = new Setting<>("TASKS_ATTACHMENTS_BUCKET", null,
            "none: with TASKS_STORE=dynamodb, tasks have no attachments", "with TASKS_STORE=dynamodb, the S3 bucket"
                    + " attachments' files are kept in; the endpoint, region and credentials come from the AWS SDK's"
                    + " usual settings (AWS_ENDPOINT_URL_S3 for a local engine, which is then addressed path-style)",
            text -> text);
    static final Setting<DeploymentSecret> PAGE_TOKEN_SECRET = new Setting<>("TASKS_PAGE_TOKEN_SECRET", null,
            "random per process",
            "base64 of at least 32 random bytes that signs page tokens and keys the request log's owner hashes; set it"
                    + " so tokens survive restarts",
            text -> text == null ? null : Setting.unusable(DeploymentSecret::fromBase64,
                    " (generate one with: head -c 32 /dev/urandom | base64)").apply(text));
    static final Setting<CorsPolicy> CORS_ORIGINS = new Setting<>("TASKS_CORS_ORIGINS", null,
            "the server's own origin only with TASKS_AUTH=none; * with TASKS_AUTH=jwt",
            "* or a comma-separated list of origins (https://app.example.com) allowed to call the API",
            text -> text == null ? null : Setting.unusable(CorsPolicy::parse, "").apply(text));
    static final Setting<Set<String>> ALLOWED_HOSTS = new Setting<>("TASKS_ALLOWED_HOSTS", null,
            "this machine's names only (localhost, 127.0.0.1, [::1])", "host names, comma-separated, that clients may"
                    + " reach the server by besides this machine's; with TASKS_AUTH=none a request naming any other"
                    + " Host is refused (421), so no web page can reach it through a name it controls",
            ServerSettings::hostNames);
    static final Setting<AuthMode> AUTH = Setting.of("TASKS_AUTH", "none", "none (every caller shares one local"
            + " owner's tasks) or jwt (each request needs an Authorization: Bearer token, and each user sees only"
            + " their own tasks)", AuthMode.parser());
    static final Setting<String> JWT_ISSUER = new Setting<>("TASKS_JWT_ISSUER", null,
            "none (required with TASKS_AUTH=jwt)", "the exact iss of accepted tokens, such as"
                    + " https://cognito-idp.us-east-1.amazonaws.com/<user pool id>", text -> text);
    static final Setting<String> JWT_AUDIENCE = new Setting<>("TASKS_JWT_AUDIENCE", null,
            "none (required with TASKS_AUTH=jwt)", "the app client id accepted tokens name in aud (ID tokens) or"
                    + " client_id (Cognito access tokens)", text -> text);
    static final Setting<String> JWT_JWKS_URL = new Setting<>("TASKS_JWT_JWKS_URL", null,
            "<TASKS_JWT_ISSUER>/.well-known/jwks.json",
            "the issuer's public signing keys (https; http only on this machine)", text -> text);
    static final Setting<String> JWT_SIGN_IN_URL = new Setting<>("TASKS_JWT_SIGN_IN_URL", null,
            "none: the task board asks for a token to paste", "with TASKS_AUTH=jwt, where the provider's hosted"
                    + " sign-in is, such as Cognito's https://<prefix>.auth.<region>.amazoncognito.com (https; http only"
                    + " on this machine): the task board signs users in there, as the app client TASKS_JWT_AUDIENCE,"
                    + " with the authorization code flow and PKCE", text -> text);

    /** Every variable the server reads, in the order an operator would set them. */
    public static final List<Setting<?>> SETTINGS = Stream.of(List.<Setting<?>>of(PORT, HOST, STORE, TABLE,
            CREATE_TABLE, DYNAMODB_ENDPOINT, FILES_DIR, FILES_URL, ATTACHMENTS_BUCKET), AttachmentSettings.SETTINGS,
            List.<Setting<?>>of(PAGE_TOKEN_SECRET, CORS_ORIGINS, ALLOWED_HOSTS, AUTH, JWT_ISSUER, JWT_AUDIENCE,
                    JWT_JWKS_URL, JWT_SIGN_IN_URL)).flatMap(List::stream).toList();

    /** The names by which this machine reaches itself; requests naming them are always answered. */
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(tasksTable, "tasksTable");
        Objects.requireNonNull(filesDir, "filesDir");
        Objects.requireNonNull(attachmentLimits, "attachmentLimits");
        Objects.requireNonNull(cors, "cors");
        allowedHosts = Set.copyOf(allowedHosts);
        Objects.requireNonNull(auth, "auth");
        if ((auth == AuthMode.JWT) != (jwt != null)) {
            throw new IllegalArgumentException("token verification settings go with TASKS_AUTH=jwt, and only with it");
        }
    }

    /**
     * The settings in {@code env}.
     *
     * @throws IllegalArgumentException with one line naming the variable whose value is unusable
     */
    public static ServerSettings fromEnvironment(Map<String, String> env) {
        AuthMode auth = AUTH.read(env);
        CorsPolicy cors = CORS_ORIGINS.read(env);
        if (cors == null) {
            // Without authentication a page of another site must not read or change the tasks; with it, a token
            // that browsers never send on their own stands in the way.
            cors = auth == AuthMode.NONE ? CorsPolicy.ownOriginOnly() : CorsPolicy.anyOrigin();
        }
        return new ServerSettings(HOST.read(env), PORT.read(env), STORE.read(env), TABLE.read(env),
                CREATE_TABLE.read(env), DYNAMODB_ENDPOINT.read(env), FILES_DIR.read(env), FILES_URL.read(env),
                ATTACHMENTS_BUCKET.read(env), AttachmentSettings.read(env), PAGE_TOKEN_SECRET.read(env), cors, ALLOWED_HOSTS.read(env), auth, jwt(auth, env));
    }

    /** The token settings: all of them with {@code jwt}, none of them without. */
    private static Jwt jwt(AuthMode auth, Map<String, String> env) {
        String issuer = JWT_ISSUER.read(env);
        String audience = JWT_AUDIENCE.read(env);
        String jwksUrl = JWT_JWKS_URL.read(env);
        String signInUrl = JWT_SIGN_IN_URL.read(env);
        if (auth == AuthMode.NONE) {
            for (Setting<String> setting : List.of(JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL, JWT_SIGN_IN_URL)) {
                if (setting.read(env) != null) {
                    throw new IllegalArgumentException(setting.variable() + " is set but TASKS_AUTH is none, so tokens"
                            + " would not be checked: set TASKS_AUTH=jwt, or unset " + setting.variable());
                }
            }
            return null;
        }
        if (issuer == null) {
            throw new IllegalArgumentException(JWT_ISSUER.variable() + " is required with TASKS_AUTH=jwt: the iss of"
                    + " accepted tokens, such as https://cognito-idp.us-east-1.amazonaws.com/<user pool id>");
        }
        if (audience == null) {
            throw new IllegalArgumentException(JWT_AUDIENCE.variable() + " is required with TASKS_AUTH=jwt: the app"
                    + " client id that accepted tokens name in aud or client_id");
        }
        if (jwksUrl == null) {
            jwksUrl = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                    + "/.well-known/jwks.json";
        }
        URI keys = secureUrl(jwksUrl);
        if (keys == null) {
            throw new IllegalArgumentException(JWT_JWKS_URL.variable() + " must be an https URL (http only on this"
                    + " machine: localhost, 127.0.0.1 or [::1]), got: " + jwksUrl);
        }
        URI signIn = signInUrl == null ? null : secureUrl(signInUrl);
        if (signInUrl != null && (signIn == null || signIn.getRawQuery() != null || signIn.getRawFragment() != null)) {
            throw new IllegalArgumentException(JWT_SIGN_IN_URL.variable() + " must be an https URL without query or"
                    + " fragment (http only on this machine: localhost, 127.0.0.1 or [::1]), got: " + signInUrl);
        }
        return new Jwt(issuer, audience, keys, signIn);
    }

    /** Host names as a Host header names them: letters, digits, dots and hyphens, or a bracketed IPv6 address. */
    private static Set<String> hostNames(String text) {
        if (text == null) {
            return Set.of();
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : text.split(",")) {
            String host = name.trim().toLowerCase(java.util.Locale.ROOT);
            boolean valid = host.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?") || host.matches("\\[[0-9a-f:.]+]");
            if (!valid) {
                throw new IllegalArgumentException("must be host names such as tasks.lan or 192.168.1.20 (no scheme,"
                        + " no port), got: " + name.trim());
            }
            names.add(host);
        }
        return names;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Refused below, like a number out of range.
        }
        throw new IllegalArgumentException("must be an integer from 0 to 65535, got: " + text);
    }

    /** An https URL, or http to this machine only; {@code null} for anything else. */
    private static URI secureUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            boolean allowed = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                    && List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
            return allowed ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Path folder(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("must be a folder's path, got: " + text);
        }
    }

    /** An http(s) URL of a host, and perhaps a path a proxy in front of the server strips, with nothing else. */
    private static URI baseUrl(String text) {
        URI uri = url(text, "must be an http(s) URL such as http://tasks.lan:8080, got: ");
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an http(s) URL without user, query or fragment, got: " + text);
        }
        return uri;
    }

    private static URI url(String text, String problem) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Refused below.
        }
        throw new IllegalArgumentException(problem + text);
    }
}
