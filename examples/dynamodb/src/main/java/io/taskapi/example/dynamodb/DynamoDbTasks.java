package io.taskapi.example.dynamodb;

import io.taskapi.TaskDomain;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.TaskStatus;
import io.taskapi.dynamodb.DynamoDbStore;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The in-memory example's program on DynamoDB: a DynamoDB-compatible engine (dynalite, for one) at the endpoint given as the
 * first argument or in {@code AWS_ENDPOINT_URL_DYNAMODB}, in the table named by {@code TASKS_TABLE} (default
 * {@code tasks}), which the first run creates. Each run adds one task, so the listing grows from run to run.
 */
public final class DynamoDbTasks {
    public static void main(String[] args) {
        URI endpoint = URI.create(args.length > 0 ? args[0] : environment("AWS_ENDPOINT_URL_DYNAMODB").orElseThrow(
                () -> new IllegalArgumentException("give the DynamoDB endpoint as the first argument or in"
                        + " AWS_ENDPOINT_URL_DYNAMODB, for example http://127.0.0.1:8000")));
        String table = environment("TASKS_TABLE").orElse("tasks");

        // The application's own client: a local engine checks neither the region nor the credentials.
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            DynamoDbStore store = DynamoDbStore.builder(table).client(client).createMissingTables(true).build();
            store.prepare(); // creates the tables on the first run, then checks that they are there
            TaskDomain domain = TaskDomain.builder(store).clock(Clock.systemUTC()).build();
            TaskService tasks = domain.tasks();
            OwnerId me = new OwnerId("me");

            Task task = tasks.create(me, NewTask.builder("Write documentation").priority(TaskPriority.HIGH).build());
            // Applied only if the task is still at the version read: otherwise a VersionConflictException.
            tasks.update(me, task.id(), TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build(), task.version());

            TaskPage page = tasks.list(me, TaskListQuery.firstPage());
            for (Task t : page.items()) {
                System.out.println(t.text() + " [" + t.status().value() + ", " + t.priority().value() + "]");
            }
        }
    }

    private static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
