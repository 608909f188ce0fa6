package io.taskapi.dynamodb;

import io.taskapi.application.IdempotencyStore;
import io.taskapi.application.TaskStore;
import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.TaskRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The application's data on DynamoDB, as one {@link TaskStore}: the tasks table (tasks, their history and their
 * attachments' records), the lists table (shared lists, their members and invitations) and the idempotency table, the
 * client that reaches them, their creation where allowed, the startup check, readiness and release. Front doors and
 * embedding applications use DynamoDB only through this class, and it lets no SDK exception out:
 * {@link DynamoDbErrors} translates every one.
 */
public final class DynamoDbStore implements TaskStore {
    /** Startup and readiness checks are single cheap calls; they must not wait for the full per-call budget. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final Builder settings;
    private final boolean ownsClient;
    private volatile DynamoDbClient client;
    private volatile Repositories repositories;

    /** The repositories on the three tables, made together with the client when first needed. */
    private record Repositories(TaskRepository tasks, ListRepository lists, InvitationRepository invitations,
            AttachmentRepository attachments, IdempotencyStore idempotencyKeys) {
    }

    private DynamoDbStore(Builder settings) {
        this.settings = settings;
        this.ownsClient = settings.client == null;
        this.client = settings.client;
    }

    /**
     * A store on the table {@code tasksTable}, its lists table {@code <tasksTable>-lists} and its idempotency table
     * {@code <tasksTable>-idempotency}; without {@link Builder#client}, the client is made from the SDK's standard
     * settings when first needed.
     *
     * @param tasksTable the name of the tasks table
     * @return the settings, each but the table name at its default
     */
    public static Builder builder(String tasksTable) {
        return new Builder(tasksTable);
    }

    @Override
    public TaskRepository tasks() {
        return repositories().tasks();
    }

    @Override
    public ListRepository lists() {
        return repositories().lists();
    }

    @Override
    public InvitationRepository invitations() {
        return repositories().invitations();
    }

    /** The records of tasks' attachments, in the tasks table (their files are a file store's). */
    @Override
    public AttachmentRepository attachments() {
        return repositories().attachments();
    }

    @Override
    public IdempotencyStore idempotencyKeys() {
        return repositories().idempotencyKeys();
    }

    private synchronized Repositories repositories() {
        if (repositories == null) {
            DynamoDbClient dynamoDb = client();
            repositories = new Repositories(new DynamoDbTaskRepository(dynamoDb, settings.tasksTable),
                    new DynamoDbListRepository(dynamoDb, settings.listsTable, Clock.systemUTC()),
                    new DynamoDbInvitationRepository(dynamoDb, settings.listsTable),
                    new DynamoDbAttachmentRepository(dynamoDb, settings.tasksTable),
                    new DynamoDbIdempotencyStore(dynamoDb, settings.idempotencyTable));
        }
        return repositories;
    }

    /** {@code DynamoDB table <name> in region <region> at <endpoint>}; the region once the client exists. */
    @Override
    public String description() {
        DynamoDbClient created = client;
        String region = "";
        if (created != null) {
            Region configured = created.serviceClientConfiguration().region();
            region = " in region " + (configured == null ? "(unknown)" : configured.id());
        }
        return "DynamoDB table " + settings.tasksTable + region + " at " + where();
    }

    /**
     * Checks that the engine answers and the tasks and lists tables exist, or, when told to create missing tables,
     * creates the three tables where they are missing and waits until they are active.
     *
     * @throws IllegalArgumentException with one line naming the setting most likely at fault
     */
    @Override
    public void prepare() {
        DynamoDbClient dynamoDb;
        try {
            dynamoDb = client();
        } catch (SdkException e) {
            throw new IllegalArgumentException(DynamoDbErrors.explain(e, "the configured endpoint"));
        }
        try {
            if (settings.createMissingTables) {
                // The tables may legitimately be missing; they are created next, so only the engine must answer.
                dynamoDb.listTables(r -> r.limit(1).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
                TableBootstrap.createIfMissing(dynamoDb, TaskTableSchema.createTableRequest(settings.tasksTable));
                TableBootstrap.createIfMissing(dynamoDb, ListTableSchema.createTableRequest(settings.listsTable));
                TableBootstrap.createIfMissing(dynamoDb,
                        IdempotencyTableSchema.createTableRequest(settings.idempotencyTable));
            } else {
                // The lists table's name follows the tasks table's wherever prepare() is called (the local server).
                requireTable(dynamoDb, settings.tasksTable);
                requireTable(dynamoDb, settings.listsTable);
            }
        } catch (SdkException e) {
            throw new IllegalArgumentException(DynamoDbErrors.explain(e, where()));
        }
    }

    @Override
    public boolean isReachable() {
        try {
            describeTasksTable(client());
            return true;
        } catch (SdkException | IllegalStateException e) {
            return false;
        }
    }

    /** Closes the client this store made; an application's own client stays open. */
    @Override
    public void close() {
        DynamoDbClient created = client;
        if (ownsClient && created != null) {
            created.close();
        }
    }

    private synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClients.create(settings.callTimeout, settings.attemptTimeout);
        }
        return client;
    }

    private void requireTable(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(r -> r.tableName(table).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
        } catch (ResourceNotFoundException missing) {
            throw new IllegalArgumentException("TASKS_TABLE: table " + table + " does not exist at " + where()
                    + " (create it, or set TASKS_CREATE_TABLE=true)");
        }
    }

    private void describeTasksTable(DynamoDbClient dynamoDb) {
        dynamoDb.describeTable(r -> r.tableName(settings.tasksTable)
                .overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
    }

    /** The endpoint the client uses: the one configured, or {@code AWS} for the regional one. */
    private String where() {
        DynamoDbClient created = client;
        URI endpoint = created == null ? null : created.serviceClientConfiguration().endpointOverride().orElse(null);
        return endpoint == null ? "AWS" : endpoint.toString();
    }

    /** The settings of a store, each but the table name with a default. */
    public static final class Builder {
        private final String tasksTable;
        private String listsTable;
        private String idempotencyTable;
        private DynamoDbClient client;
        private Duration callTimeout = DynamoDbClients.LOCAL_API_CALL_TIMEOUT;
        private Duration attemptTimeout = DynamoDbClients.LOCAL_ATTEMPT_TIMEOUT;
        private boolean createMissingTables;

        private Builder(String tasksTable) {
            this.tasksTable = requireName(tasksTable);
            this.listsTable = tasksTable + ListTableSchema.DEFAULT_SUFFIX;
            this.idempotencyTable = tasksTable + IdempotencyTableSchema.DEFAULT_SUFFIX;
        }

        /**
         * The table of shared lists, their members and invitations; default {@code <tasks table>-lists}.
         *
         * @param value the table's name
         * @return this builder
         */
        public Builder listsTable(String value) {
            listsTable = requireName(value);
            return this;
        }

        /**
         * The table of idempotency keys; default {@code <tasks table>-idempotency}.
         *
         * @param value the table's name
         * @return this builder
         */
        public Builder idempotencyTable(String value) {
            idempotencyTable = requireName(value);
            return this;
        }

        /**
         * An application's own client, which {@link DynamoDbStore#close()} leaves open; default one of the store's.
         *
         * @param value the client
         * @return this builder
         */
        public Builder client(DynamoDbClient value) {
            client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * The bounds of the store's own client: one call, retries included, and one attempt.
         *
         * @param call    the longest a call may take, retries included
         * @param attempt the longest one attempt may take
         * @return this builder
         */
        public Builder timeouts(Duration call, Duration attempt) {
            callTimeout = Objects.requireNonNull(call, "call");
            attemptTimeout = Objects.requireNonNull(attempt, "attempt");
            return this;
        }

        /**
         * Whether {@link DynamoDbStore#prepare()} creates missing tables (for local runs); default no.
         *
         * @param value whether to create them
         * @return this builder
         */
        public Builder createMissingTables(boolean value) {
            createMissingTables = value;
            return this;
        }

        /**
         * The store of these settings; it reaches DynamoDB only when first used.
         *
         * @return the store
         */
        public DynamoDbStore build() {
            return new DynamoDbStore(this);
        }

        private static String requireName(String table) {
            if (table == null || table.isBlank()) {
                throw new IllegalArgumentException("a table name must not be blank");
            }
            return table;
        }
    }
}
