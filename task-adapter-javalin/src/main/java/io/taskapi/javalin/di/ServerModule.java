package io.taskapi.javalin.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.application.AuthMode;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TaskStore;
import io.taskapi.domain.FileStore;
import io.taskapi.dynamodb.DynamoDbStore;
import io.taskapi.javalin.Authenticator;
import io.taskapi.javalin.BatchingOutputStream;
import io.taskapi.javalin.BoardConfig;
import io.taskapi.javalin.ServerAccess;
import io.taskapi.javalin.ServerLimits;
import io.taskapi.javalin.TaskServer;
import io.taskapi.javalin.auth.HttpJwksFetcher;
import io.taskapi.javalin.auth.JwksCache;
import io.taskapi.javalin.auth.JwtAuthenticator;
import io.taskapi.javalin.auth.SharedOwner;
import io.taskapi.javalin.files.LocalFiles;
import io.taskapi.s3.S3FileStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Named;
import javax.inject.Singleton;

/** Wires the application, its store, the authenticator and the server for local use. */
@Module
final class ServerModule {
    /**
     * A store call, retries included, gives up within 4 s, so an unreachable or stalled store is a 503 within 5 s
     * rather than a hung request; one attempt may take 1.5 s, orders of magnitude above a healthy call.
     */
    static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(4);
    static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    /** Refreshing signing keys: at most once per this interval, however many requests name an unknown key. */
    static final Duration KEYS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Known signing keys are fetched again after this long, to learn of rotations and revocations. */
    static final Duration KEYS_TIME_TO_LIVE = Duration.ofMinutes(15);

    /** Hosts only this machine can reach. */
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1", "[::1]");

    private ServerModule() {
    }

    /** Idempotency keys live beside the tasks: in memory, or in the table {@code <TASKS_TABLE>-idempotency}. */
    @Provides
    @Singleton
    static TaskStore store(ServerSettings settings) {
        return switch (settings.store()) {
            case MEMORY -> new InMemoryTaskStore();
            case DYNAMODB -> DynamoDbStore.builder(settings.tasksTable())
                    .timeouts(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT)
                    .createMissingTables(settings.createTables())
                    .build();
        };
    }

    /**
     * The request log goes to the standard output found at assembly, gathered into a write every few milliseconds
     * rather than one per request ({@link BatchingOutputStream}).
     */
    @Provides
    @Singleton
    static TaskApplication application(TaskStore store, ServerSettings settings, Optional<FileStore> files) {
        RequestLog log = new RequestLog(new PrintStream(new BatchingOutputStream(System.out), false,
                StandardCharsets.UTF_8));
        TaskApplication.Builder application = TaskApplication.builder(store).cors(settings.cors()).log(log);
        if (settings.secret() != null) {
            application.secret(settings.secret());
        }
        files.ifPresent(fileStore -> application.files(fileStore).attachmentLimits(settings.attachmentLimits()));
        return application.build();
    }

    @Provides
    @Singleton
    static Authenticator authenticator(ServerSettings settings) {
        if (settings.auth() == AuthMode.NONE) {
            return new SharedOwner();
        }
        ServerSettings.Jwt jwt = settings.jwt();
        JwksCache keys = new JwksCache(new HttpJwksFetcher(jwt.jwksUrl()), Clock.systemUTC(), KEYS_TIME_TO_LIVE,
                KEYS_MIN_REFRESH_INTERVAL);
        return new JwtAuthenticator(jwt.issuer(), jwt.audience(), jwt.jwksUrl().toString(), keys, Clock.systemUTC());
    }

    @Provides
    @Named("startupWarnings")
    static List<String> startupWarnings(ServerSettings settings) {
        List<String> warnings = new ArrayList<>();
        if (settings.auth() == AuthMode.NONE && !LOOPBACK.contains(settings.host())) {
            warnings.add("TASKS_AUTH=none on HOST=" + settings.host() + ": every client that can reach this server"
                    + " reads and changes the same tasks; set TASKS_AUTH=jwt to give each user their own"
                    + (settings.allowedHosts().isEmpty() ? " (and only this machine's names are answered: list the"
                    + " others in TASKS_ALLOWED_HOSTS)" : ""));
        }
        if (settings.secret() == null) {
            warnings.add("TASKS_PAGE_TOKEN_SECRET is not set: page tokens are signed with a random per-process key "
                    + "and stop working when the server restarts");
        }
        return warnings;
    }

    /**
     * Without authentication the server answers only for this machine's names and the ones configured; with tokens
     * verified, for any name, but its metrics only to this machine.
     */
    @Provides
    static ServerAccess access(ServerSettings settings) {
        if (settings.auth() == AuthMode.NONE) {
            Set<String> hosts = new HashSet<>(ServerSettings.LOOPBACK_NAMES);
            hosts.addAll(settings.allowedHosts());
            return new ServerAccess(hosts, false);
        }
        return new ServerAccess(settings.allowedHosts(), true);
    }

    /**
     * With {@code TASKS_STORE=memory} attachments' files are kept in a folder of this machine and served by this
     * server; with DynamoDB they are kept in S3 ({@link #files}), not here.
     */
    @Provides
    @Singleton
    static Optional<LocalFiles> localFiles(ServerSettings settings, ServerAccess access) {
        if (settings.store() != ServerSettings.Store.MEMORY) {
            return Optional.empty();
        }
        return Optional.of(new LocalFiles(settings.filesDir(), settings.filesUrl(), settings.cors(), access.hosts(),
                Clock.systemUTC()));
    }

    /**
     * Where attachments' files are kept: this machine's folder with the memory store; with DynamoDB, the S3 bucket
     * {@code TASKS_ATTACHMENTS_BUCKET} through the SDK's usual settings (a local engine, named by
     * {@code AWS_ENDPOINT_URL_S3}, addressed path-style), or none, and then tasks have no attachments.
     */
    @Provides
    @Singleton
    static Optional<FileStore> files(Optional<LocalFiles> local, ServerSettings settings) {
        if (local.isPresent()) {
            return Optional.of(local.get().store());
        }
        if (settings.attachmentsBucket() == null) {
            return Optional.empty();
        }
        boolean localEngine = System.getenv("AWS_ENDPOINT_URL_S3") != null
                || System.getProperty("aws.endpointUrlS3") != null;
        return Optional.of(S3FileStore.builder(settings.attachmentsBucket()).pathStyle(localEngine)
                .timeouts(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT).build());
    }

    /** The board signs users in where the settings say, as the app client tokens are checked for. */
    static BoardConfig board(ServerSettings settings) {
        ServerSettings.Jwt jwt = settings.jwt();
        if (jwt == null || jwt.signInUrl() == null) {
            return BoardConfig.WITHOUT_SIGN_IN;
        }
        return new BoardConfig(new BoardConfig.SignIn(jwt.signInUrl(), jwt.audience()));
    }

    @Provides
    @Singleton
    static TaskServer server(TaskApplication application, Authenticator authenticator, ServerSettings settings,
            ServerAccess access, Optional<LocalFiles> files) {
        return new TaskServer(application, authenticator, ServerLimits.DEFAULTS, settings.host(), settings.port(),
                access, files.orElse(null), board(settings));
    }
}
