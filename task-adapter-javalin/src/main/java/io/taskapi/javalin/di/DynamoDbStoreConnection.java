package io.taskapi.javalin.di;

import io.taskapi.javalin.StoreConnection;
import java.time.Duration;
import java.util.Locale;
import javax.inject.Provider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A DynamoDB table through the bounded SDK client: checked at startup so that a wrong endpoint, region, credentials or
 * table name stops the server with one line, probed with DescribeTable for readiness, and closed on shutdown.
 */
final class DynamoDbStoreConnection implements StoreConnection {
    /** Startup and readiness checks are single cheap calls; they must not wait for the full per-call budget. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final Provider<DynamoDbClient> client;
    private final ServerConfig config;
    private volatile boolean clientCreated;

    DynamoDbStoreConnection(Provider<DynamoDbClient> client, ServerConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public String kind() {
        return "dynamodb";
    }

    @Override
    public String dataLocation() {
        String region = clientCreated ? " in region " + regionOf(client()) : "";
        return "DynamoDB table " + config.tableName() + region + " at "
                + (config.dynamoDbEndpoint() == null ? "AWS" : config.dynamoDbEndpoint());
    }

    @Override
    public void verify() {
        DynamoDbClient dynamoDb;
        try {
            dynamoDb = client();
        } catch (SdkException e) {
            throw new IllegalArgumentException(explain(e));
        }
        try {
            if (config.createTable()) {
                // The table may legitimately be missing; it is created next, so only the engine must answer.
                dynamoDb.listTables(r -> r.limit(1).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
            } else {
                describeTable(dynamoDb);
            }
        } catch (ResourceNotFoundException missing) {
            throw new IllegalArgumentException("TASKS_TABLE: table " + config.tableName() + " does not exist at "
                    + where() + " (create it, or set TASKS_CREATE_TABLE=true)");
        } catch (SdkException e) {
            throw new IllegalArgumentException(explain(e));
        }
    }

    @Override
    public boolean isReachable() {
        try {
            describeTable(client());
            return true;
        } catch (SdkException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (clientCreated) {
            client().close();
        }
    }

    private DynamoDbClient client() {
        DynamoDbClient created = client.get();
        clientCreated = true;
        return created;
    }

    private void describeTable(DynamoDbClient dynamoDb) {
        dynamoDb.describeTable(r -> r.tableName(config.tableName())
                .overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
    }

    /** One line naming the setting most likely at fault; the SDK's own text says which part of its chain failed. */
    private String explain(SdkException e) {
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (e instanceof SdkClientException && lower.contains("region")) {
            return "AWS_REGION is not set: TASKS_STORE=dynamodb needs a region (for a local engine any, such as"
                    + " us-east-1)";
        }
        if (e instanceof SdkClientException && lower.contains("credentials")) {
            return "AWS_ACCESS_KEY_ID: no AWS credentials found for TASKS_STORE=dynamodb (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; a local engine accepts any value)";
        }
        if (e instanceof SdkClientException) {
            return "AWS_ENDPOINT_URL_DYNAMODB: DynamoDB is not reachable at " + where() + " (" + firstLine(rootCause(e))
                    + ")";
        }
        return "AWS_ENDPOINT_URL_DYNAMODB: DynamoDB at " + where() + " refused the check: " + firstLine(text);
    }

    private String where() {
        return config.dynamoDbEndpoint() == null ? "AWS" : config.dynamoDbEndpoint();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String regionOf(DynamoDbClient dynamoDb) {
        Region region = dynamoDb.serviceClientConfiguration().region();
        return region == null ? "(unknown)" : region.id();
    }
}
