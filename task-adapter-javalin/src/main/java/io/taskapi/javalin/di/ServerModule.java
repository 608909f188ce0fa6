package io.taskapi.javalin.di;

import dagger.Module;
import dagger.Provides;
import io.taskapi.dynamodb.DynamoDbClients;
import io.taskapi.dynamodb.DynamoDbTaskRepository;
import io.taskapi.dynamodb.TaskTableSchema;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.domain.IdempotencyStore;
import io.taskapi.dynamodb.DynamoDbIdempotencyStore;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.Idempotency;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.javalin.Authenticator;
import io.taskapi.javalin.ServerLimits;
import io.taskapi.javalin.StoreConnection;
import io.taskapi.javalin.TaskServer;
import io.taskapi.javalin.auth.HttpJwksFetcher;
import io.taskapi.javalin.auth.JwksCache;
import io.taskapi.javalin.auth.JwtAuthenticator;
import io.taskapi.javalin.auth.SharedOwner;
import io.taskapi.memory.InMemoryIdempotencyStore;
import io.taskapi.memory.InMemoryTaskRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the core, the HTTP layer, the store and the server for local use. */
@Module
final class ServerModule {
    private ServerModule() {
    }

    /**
     * A store call, retries included, gives up within 4 s, so an unreachable or stalled store is a 503 within 5 s
     * rather than a hung request; one attempt may take 1.5 s, orders of magnitude above a healthy call.
     */
    static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(4);
    static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

    /** Hosts only this machine can reach. */
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1", "[::1]");

    @Provides
    @Singleton
    static TaskRepository repository(ServerConfig config, Provider<DynamoDbClient> dynamoDb) {
        return switch (config.store()) {
            case MEMORY -> new InMemoryTaskRepository();
            case DYNAMODB -> {
                if (config.createTable()) {
                    TaskTableSchema.createIfMissing(dynamoDb.get(), config.tableName());
                }
                yield new DynamoDbTaskRepository(dynamoDb.get(), config.tableName());
            }
        };
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb() {
        return DynamoDbClients.create(STORE_CALL_TIMEOUT, STORE_ATTEMPT_TIMEOUT);
    }

    @Provides
    @Singleton
    static StoreConnection store(ServerConfig config, Provider<DynamoDbClient> dynamoDb) {
        return switch (config.store()) {
            case MEMORY -> new MemoryStoreConnection();
            case DYNAMODB -> new DynamoDbStoreConnection(dynamoDb, config);
        };
    }

    @Provides
    static ServerLimits limits() {
        return ServerLimits.DEFAULTS;
    }

    @Provides
    @Singleton
    static PageTokenSealer pageTokens(ServerConfig config) {
        return config.pageTokenSecret() == null
                ? PageTokenSealer.withRandomSecret()
                : PageTokenSealer.fromBase64(config.pageTokenSecret());
    }

    /** Refreshing signing keys: at most once per this interval, however many requests name an unknown key. */
    static final Duration KEYS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Known signing keys are fetched again after this long, to learn of rotations and revocations. */
    static final Duration KEYS_TIME_TO_LIVE = Duration.ofMinutes(15);

    @Provides
    @Singleton
    static Authenticator authenticator(ServerConfig config) {
        ServerConfig.Auth auth = config.auth();
        if (!auth.jwt()) {
            return new SharedOwner();
        }
        JwksCache keys = new JwksCache(new HttpJwksFetcher(URI.create(auth.jwksUrl())), Clock.systemUTC(),
                KEYS_TIME_TO_LIVE, KEYS_MIN_REFRESH_INTERVAL);
        return new JwtAuthenticator(auth.issuer(), auth.audience(), auth.jwksUrl(), keys, Clock.systemUTC());
    }

    @Provides
    @Named("startupWarnings")
    static List<String> startupWarnings(ServerConfig config) {
        List<String> warnings = new ArrayList<>();
        if (!config.auth().jwt() && !LOOPBACK.contains(config.host())) {
            warnings.add("TASKS_AUTH=none on HOST=" + config.host() + ": every client that can reach this server"
                    + " reads and changes the same tasks; set TASKS_AUTH=jwt to give each user their own");
        }
        if (config.pageTokenSecret() == null) {
            warnings.add("TASKS_PAGE_TOKEN_SECRET is not set: page tokens are signed with a random per-process key "
                    + "and stop working when the server restarts");
        }
        return warnings;
    }

    @Provides
    @Singleton
    static TaskService taskService(TaskRepository repository, PageTokenSealer pageTokens) {
        Clock clock = Clock.systemUTC();
        return new TaskService(repository, clock, new UuidV7Generator(clock), pageTokens);
    }

    @Provides
    @Singleton
    static RequestLog requestLog() {
        return RequestLog.stdout();
    }

    @Provides
    @Singleton
    static TaskApi api(TaskService tasks, IdempotencyStore idempotencyStore, ServerConfig config, RequestLog log) {
        return new TaskApi(tasks, CorsPolicy.parse(config.corsOrigins()), log,
                new Idempotency(idempotencyStore, Clock.systemUTC()));
    }

    /** Idempotency keys live beside the tasks: in memory, or in the DynamoDB table {@code <TASKS_TABLE>-idempotency}. */
    @Provides
    @Singleton
    static IdempotencyStore idempotencyStore(ServerConfig config, Provider<DynamoDbClient> dynamoDb) {
        return switch (config.store()) {
            case MEMORY -> new InMemoryIdempotencyStore();
            case DYNAMODB -> {
                if (config.createTable()) {
                    IdempotencyTableSchema.createIfMissing(dynamoDb.get(), config.idempotencyTableName());
                }
                yield new DynamoDbIdempotencyStore(dynamoDb.get(), config.idempotencyTableName());
            }
        };
    }

    @Provides
    @Singleton
    static TaskServer server(TaskApi api, RequestLog log, StoreConnection store, ServerLimits limits,
            ServerConfig config, Authenticator authenticator) {
        return new TaskServer(api, log.counters(), store, limits, config.host(), config.port(), authenticator);
    }
}
