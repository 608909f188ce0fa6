package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Proves that a page of a task's comments or activity costs O(page size), not O(history): with 10,000 activity
 * entries and 5,000 comments on one task, every page's queries read, as DynamoDB reports it, at most {@code limit + 1}
 * activity items, or {@code limit + 2} comment items (one more in case the task's latest entry hides a comment it
 * deleted), beside the one read of the task item.
 */
class HistoryListingCostIT {
    private static final String TABLE = "history-cost";
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final UserId ANN = new UserId("ann");
    private static final int ENTRIES = 10_000;
    private static final int COMMENTS = ENTRIES / 2;
    private static final int LIMIT = 25;
    private static final int PAGES = 4;
    private static final long T0 = 1_703_001_234L;

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final List<QueryResponse> QUERIES = new ArrayList<>();
    private static DynamoDbClient client;

    @BeforeAll
    static void startEngine() {
        ExecutionInterceptor meter = new ExecutionInterceptor() {
            @Override
            public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
                if (context.response() instanceof QueryResponse response) {
                    synchronized (QUERIES) {
                        QUERIES.add(response);
                    }
                }
            }
        };
        client = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(30), Duration.ofSeconds(10), List.of(meter)).build();
        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(TABLE));
    }

    @AfterAll
    static void stopEngine() {
        client.close();
    }

    @Test
    void everyPageOfTenThousandEntriesReadsAtMostTwoItemsMoreThanItReturns() {
        DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, TABLE);
        UuidV7Generator ids = new UuidV7Generator(Clock.systemUTC());
        Task task = new Task(ids.newId(), "busy", TaskStatus.NEW, TaskPriority.MEDIUM, T0, T0, 1, Optional.empty(),
                Optional.empty(), null);
        repository.create(ALICE, task, Activity.created(task, ANN));
        String owner = TaskItemMapper.key(ALICE, task.id()).get(TaskTableSchema.OWNER).s();
        LoggedEntry latest = load(task, owner, ids);
        // The task item names the newest entry as its log, as a writer leaves it once the entry is materialized.
        Map<String, AttributeValue> log = new HashMap<>();
        HistoryItemMapper.putLog(log, latest);
        client.updateItem(r -> r.tableName(TABLE).key(TaskItemMapper.key(ALICE, task.id()))
                .updateExpression("SET #seq = :seq, #entry = :entry")
                .expressionAttributeNames(Map.of("#seq", TaskTableSchema.LOG_SEQ, "#entry", TaskTableSchema.LOG_ENTRY))
                .expressionAttributeValues(Map.of(":seq", log.get(TaskTableSchema.LOG_SEQ),
                        ":entry", log.get(TaskTableSchema.LOG_ENTRY))));

        List<Integer> activityRead = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        String position = null;
        for (int page = 0; page < PAGES; page++) {
            QUERIES.clear();
            Slice<ActivityEntry> slice = repository.activity(ALICE, task.id(), LIMIT, position);
            slice.items().forEach(entry -> sequences.add(entry.sequence()));
            activityRead.add(scanned());
            position = slice.nextPosition();
        }
        List<Integer> commentsRead = new ArrayList<>();
        List<Comment> comments = new ArrayList<>();
        position = null;
        for (int page = 0; page < PAGES; page++) {
            QUERIES.clear();
            Slice<Comment> slice = repository.comments(ALICE, task.id(), LIMIT, position);
            comments.addAll(slice.items());
            commentsRead.add(scanned());
            position = slice.nextPosition();
        }

        System.out.printf("history of %d entries and %d comments, limit %d: activity items read per page %s, "
                + "comments %s%n", ENTRIES, COMMENTS, LIMIT, activityRead, commentsRead);
        assertThat(sequences).hasSize(LIMIT * PAGES).first().isEqualTo((long) ENTRIES);
        assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(comments).hasSize(LIMIT * PAGES).extracting(Comment::text).first().isEqualTo("comment 0");
        assertThat(activityRead).allMatch(read -> read <= LIMIT + 1);
        assertThat(commentsRead).allMatch(read -> read <= LIMIT + 2);
    }

    /** The items the queries of one page read, by DynamoDB's own count. */
    private static int scanned() {
        synchronized (QUERIES) {
            return QUERIES.stream().mapToInt(QueryResponse::scannedCount).sum();
        }
    }

    /**
     * Writes entries 2 to {@link #ENTRIES} (every other one a comment, with its comment item) as materialized items,
     * in batches of 25, and returns the newest.
     */
    private static LoggedEntry load(Task task, String owner, UuidV7Generator ids) {
        List<WriteRequest> batch = new ArrayList<>();
        LoggedEntry latest = null;
        int comments = 0;
        for (long sequence = 2; sequence <= ENTRIES; sequence++) {
            Activity activity;
            Comment comment = null;
            if (sequence % 2 == 0 && comments < COMMENTS) {
                comment = new Comment(ids.newId(), task.id(), ANN, "comment " + comments++, T0 + sequence);
                activity = Activity.commented(comment);
                batch.add(put(HistoryItemMapper.commentItem(owner, comment)));
            } else {
                Task before = new Task(task.id(), "v" + (sequence - 1), task.status(), task.priority(), T0, T0, 1,
                        Optional.empty(), Optional.empty(), null);
                Task after = new Task(task.id(), "v" + sequence, task.status(), task.priority(), T0, T0 + sequence,
                        2, Optional.empty(), Optional.empty(), null);
                activity = Activity.changed(before, after, ANN).orElseThrow();
            }
            ActivityEntry entry = new ActivityEntry(sequence, activity);
            batch.add(put(HistoryItemMapper.activityItem(task.id(), owner, entry)));
            latest = new LoggedEntry(entry, comment);
            if (batch.size() >= 24) {
                flush(batch);
            }
        }
        flush(batch);
        return latest;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static void flush(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> unprocessed = Map.of(TABLE, new ArrayList<>(batch));
        while (!unprocessed.isEmpty()) {
            Map<String, List<WriteRequest>> request = unprocessed;
            unprocessed = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
        batch.clear();
    }
}
