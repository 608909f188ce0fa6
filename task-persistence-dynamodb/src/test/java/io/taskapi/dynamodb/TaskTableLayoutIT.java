package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Activity;
import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Proves on a real engine what the contract cannot see: the stored item layout, the indexes and the positions. */
class TaskTableLayoutIT {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    private final Set<String> operations = Collections.synchronizedSet(new LinkedHashSet<>());
    private DynamoDbClient client;
    private String table;
    private DynamoDbTaskRepository repository;

    @BeforeEach
    void freshTable() {
        table = "layout-" + TABLES.incrementAndGet();
        DYNALITE.engine().createTable(table);
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        client = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(recorder)).build();
        repository = new DynamoDbTaskRepository(client, table);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aStoredTaskHasExactlyTheDocumentedAttributesAndTypes() {
        Task task = aTask().withId(IDS.newId()).withStatus(TaskStatus.IN_PROGRESS).withPriority(TaskPriority.HIGH)
                .createdAt(1_700_000_000L).withVersion(3).build();

        repository.create(ALICE, task);

        Map<String, AttributeValue> item = rawItem(task.id());
        assertThat(item).containsOnlyKeys(TaskTableSchema.itemAttributes());
        for (String text : List.of("owner", "id", "task", "status", "priority",
                "owner_status", "owner_priority", "owner_status_priority")) {
            assertThat(item.get(text).type()).as(text).isEqualTo(AttributeValue.Type.S);
        }
        for (String number : List.of("created_at", "updated_at", "version")) {
            assertThat(item.get(number).type()).as(number).isEqualTo(AttributeValue.Type.N);
        }
        assertThat(item.get("status").s()).isEqualTo("in_progress");
        assertThat(item.get("owner_status").s()).isEqualTo("alice#in_progress");
        assertThat(item.get("owner_priority").s()).isEqualTo("alice#high");
        assertThat(item.get("owner_status_priority").s()).isEqualTo("alice#in_progress#high");
        assertThat(item.get("version").n()).isEqualTo("3");
    }

    @Test
    void anOwnersTaskGainsOnlyAnAssigneeWhenItHasOne() {
        Task task = aTask().withId(IDS.newId()).assignedTo(new UserId("user:ann")).build();

        repository.create(ALICE, task);

        Map<String, AttributeValue> item = rawItem(task.id());
        List<String> expected = new ArrayList<>(TaskTableSchema.itemAttributes());
        expected.add("assignee");
        assertThat(item).containsOnlyKeys(expected);
        assertThat(item.get("owner").s()).isEqualTo("alice");
        assertThat(item.get("assignee").s()).isEqualTo("user:ann");
    }

    @Test
    void aListsTaskIsOneItemKeyedByItsIdWithItsListInEveryCompositeKey() {
        String listId = IDS.newId();
        Task task = aTask().withId(IDS.newId()).inList(listId).withStatus(TaskStatus.NEW)
                .withPriority(TaskPriority.HIGH).due(java.time.LocalDate.of(2026, 4, 1)).assignedTo(new UserId("ann"))
                .build();

        repository.create(new TaskScope.InList(listId), task);

        Map<String, AttributeValue> item = rawListItem(task.id());
        assertThat(item.get("owner").s()).isEqualTo("task:" + task.id());
        assertThat(item.get("id").s()).isEqualTo(task.id());
        assertThat(item.get("scope").s()).isEqualTo("list:" + listId);
        assertThat(item.get("list_id").s()).isEqualTo(listId);
        assertThat(item.get("owner_status").s()).isEqualTo("list:" + listId + "#new");
        assertThat(item.get("owner_priority").s()).isEqualTo("list:" + listId + "#high");
        assertThat(item.get("owner_status_priority").s()).isEqualTo("list:" + listId + "#new#high");
        assertThat(item.get("due_key").s()).isEqualTo("2026-04-01#" + task.id());
        assertThat(item.get("assignee").s()).isEqualTo("ann");

        String other = IDS.newId();
        Task moved = aTask().withId(task.id()).inList(other).withStatus(TaskStatus.COMPLETED)
                .withPriority(TaskPriority.HIGH).withVersion(2).build();
        repository.replace(new TaskScope.InList(listId), moved, 1);

        Map<String, AttributeValue> after = rawListItem(task.id());
        assertThat(after.get("scope").s()).isEqualTo("list:" + other);
        assertThat(after.get("list_id").s()).isEqualTo(other);
        assertThat(after.get("owner_status_priority").s()).isEqualTo("list:" + other + "#completed#high");
        assertThat(after).doesNotContainKeys("due_key", "due_date", "assignee");
    }

    @Test
    void assignedPositionsNameTheOwnerOfAnOwnersTaskAndNothingElse() {
        UserId ann = new UserId("ann");
        String listId = IDS.newId();
        Task oldest = aTask().withId(IDS.newId()).assignedTo(ann).build();
        Task own = aTask().withId(IDS.newId()).assignedTo(ann).build();
        Task shared = aTask().withId(IDS.newId()).inList(listId).assignedTo(ann).build();
        repository.create(ALICE, oldest);
        repository.create(ALICE, own);
        repository.create(new TaskScope.InList(listId), shared);

        TaskSlice first = repository.assignedTo(ann, 1, null);
        TaskSlice second = repository.assignedTo(ann, 1, first.nextPosition());
        TaskSlice third = repository.assignedTo(ann, 1, second.nextPosition());

        assertThat(first.items()).containsExactly(shared);
        assertThat(first.nextPosition()).isEqualTo(shared.id());
        assertThat(second.items()).containsExactly(own);
        assertThat(second.nextPosition()).isEqualTo(own.id() + "@alice");
        assertThat(third.items()).containsExactly(oldest);
        assertThat(third.nextPosition()).isNull();
        for (String position : List.of("alice", "@alice", own.id() + "@", own.id() + "#alice")) {
            assertThatThrownBy(() -> repository.assignedTo(ann, 2, position))
                    .as(position).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void indexKeysFollowStatusAndPriorityChanges() {
        Task task = aTask().withId(IDS.newId()).withStatus(TaskStatus.NEW).withPriority(TaskPriority.LOW).build();
        repository.create(ALICE, task);
        Task done = aTask().withId(task.id()).withStatus(TaskStatus.COMPLETED).withPriority(TaskPriority.URGENT)
                .withVersion(2).build();

        repository.replace(ALICE, done, 1);

        Map<String, AttributeValue> item = rawItem(task.id());
        assertThat(item.get("owner_status").s()).isEqualTo("alice#completed");
        assertThat(item.get("owner_priority").s()).isEqualTo("alice#urgent");
        assertThat(item.get("owner_status_priority").s()).isEqualTo("alice#completed#urgent");
        assertThat(ids(TaskFilter.builder().status(TaskStatus.COMPLETED).build())).containsExactly(task.id());
        assertThat(ids(TaskFilter.builder().priority(TaskPriority.URGENT).build())).containsExactly(task.id());
        assertThat(ids(TaskFilter.builder().status(TaskStatus.COMPLETED).priority(TaskPriority.URGENT).build()))
                .containsExactly(task.id());
        assertThat(ids(TaskFilter.builder().status(TaskStatus.NEW).build())).isEmpty();
        assertThat(ids(TaskFilter.builder().priority(TaskPriority.LOW).build())).isEmpty();
        assertThat(ids(TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.LOW).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "in_progress", "urgent", "in_progress+urgent"})
    void positionsAreBareTaskIdsWithoutAttributeNames(String filterName) {
        TaskFilter filter = filter(filterName);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Task task = aTask().withId(IDS.newId()).withStatus(TaskStatus.IN_PROGRESS)
                    .withPriority(TaskPriority.URGENT).build();
            repository.create(ALICE, task);
            created.add(0, task.id());
        }

        TaskSlice first = repository.list(ALICE, filter, 2, null);

        String position = first.nextPosition();
        assertThat(position).isEqualTo(created.get(1))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        for (String attribute : TaskTableSchema.itemAttributes()) {
            assertThat(position).doesNotContain(attribute);
        }
        TaskSlice second = repository.list(ALICE, filter, 2, position);
        assertThat(second.items()).extracting(Task::id).containsExactly(created.get(2));
        assertThat(second.nextPosition()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "{\"id\":{\"S\":\"x\"}}", "owner_status#alice#new", "0189-not-a-uuid",
            "01890a5d-ac96-774b-bcce-b302099a805Z"})
    void malformedPositionsAreRejected(String position) {
        assertThatThrownBy(() -> repository.list(ALICE, TaskFilter.ALL, 2, position))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(operations).doesNotContain("Query");
    }

    @Test
    void createIfMissingIsIdempotentAndLeavesDataAlone() {
        Task task = aTask().withId(IDS.newId()).build();
        repository.create(ALICE, task);

        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(table));
        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(table));

        assertThat(repository.find(ALICE, task.id())).contains(task);
    }

    @Test
    void createIfMissingCreatesTheDeclaredKeysAndIndexes() {
        String name = "created-" + TABLES.incrementAndGet();

        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(name));

        TableDescription description = client.describeTable(r -> r.tableName(name)).table();
        assertThat(description.keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactlyElementsOf(TaskTableSchema.tableKeys());
        assertThat(description.globalSecondaryIndexes()).hasSize(TaskTableSchema.indexes().size());
        for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
            assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName)
                    .isEqualTo(TaskTableSchema.indexKeys().get(index.indexName()));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        }
    }

    @Test
    void theRepositoryCallsExactlyTheDeclaredOperations() {
        Task task = aTask().withId(IDS.newId()).build();
        operations.clear();

        repository.create(ALICE, task);
        repository.find(ALICE, task.id());
        repository.replace(ALICE, aTask().withId(task.id()).withVersion(2).build(), 1);
        Task staleWrite = aTask().withId(task.id()).withText("stale writer").withVersion(2).build();
        assertThatThrownBy(() -> repository.replace(ALICE, staleWrite, 1)).isInstanceOf(VersionConflictException.class);
        for (String filterName : List.of("", "in_progress", "urgent", "in_progress+urgent")) {
            repository.list(ALICE, filter(filterName), 1, null);
        }
        repository.delete(ALICE, task.id(), 2L);
        assertThatThrownBy(() -> repository.delete(ALICE, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        String listId = IDS.newId();
        TaskScope list = new TaskScope.InList(listId);
        Task shared = aTask().withId(IDS.newId()).inList(listId).assignedTo(new UserId("ann")).build();
        repository.create(list, shared);
        repository.locate(new OwnerId("alice"), shared.id());
        repository.list(list, TaskFilter.ALL, 1, null);
        repository.assignedTo(new UserId("ann"), 1, null);
        repository.unassignAll(listId, new UserId("ann"), new UserId("owen"), 1_800_000_000L, 10);
        Comment comment = new Comment(IDS.newId(), shared.id(), new UserId("ann"), "noted", 1_800_000_000L);
        repository.addComment(list, comment);
        repository.comments(list, shared.id(), 10, null);
        repository.activity(list, shared.id(), 10, null);
        repository.findComment(list, shared.id(), comment.id());
        repository.deleteComment(list, shared.id(), comment.id(), new UserId("ann"), 1_800_000_001L);
        repository.deleteAll(listId, 10);
        repository.purgeHistory(task.id(), 10);

        assertThat(operations).containsExactlyInAnyOrderElementsOf(TaskTableSchema.operationsUsed());
    }

    @Test
    void aTasksHistoryIsItemsOfItsOwnPartitionThatNoIndexSees() {
        UserId ann = new UserId("ann");
        Task task = aTask().withId(IDS.newId()).withText("plan").withTags("q3", "q4").assignedTo(ann).build();
        repository.create(ALICE, task, Activity.created(task, ann));
        Comment kept = new Comment(IDS.newId(), task.id(), ann, "kept", 1_800_000_000L);
        Comment gone = new Comment(IDS.newId(), task.id(), ann, "gone", 1_800_000_001L);
        repository.addComment(ALICE, kept);
        repository.addComment(ALICE, gone);
        repository.deleteComment(ALICE, task.id(), gone.id(), ann, 1_800_000_002L);

        Map<String, AttributeValue> item = rawItem(task.id());
        assertThat(item.get("log_seq").n()).isEqualTo("4");
        assertThat(item.get("log_entry").m()).containsOnlyKeys("at", "actor", "action", "comment_id");
        assertThat(item.get("log_entry").m().get("action").s()).isEqualTo("comment_deleted");
        assertThat(item.get("version").n()).as("comments do not change the task").isEqualTo("1");

        List<Map<String, AttributeValue>> history = client.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#owner = :history").expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":history", AttributeValue.fromS("history:" + task.id())))).items();
        assertThat(history).extracting(h -> h.get("id").s()).containsExactly("a#0000000000000000001",
                "a#0000000000000000002", "a#0000000000000000003", "a#0000000000000000004", "c#" + kept.id(),
                "c#" + gone.id());
        Map<String, AttributeValue> creation = history.get(0);
        assertThat(creation).containsOnlyKeys("owner", "id", "task_owner", "at", "actor", "action", "changes");
        assertThat(creation.get("task_owner").s()).isEqualTo("alice");
        assertThat(creation.get("changes").m().get("tags").m().get("to").l())
                .containsExactly(AttributeValue.fromS("q3"), AttributeValue.fromS("q4"));
        assertThat(creation.get("changes").m().get("assignee").m().get("from").nul()).isTrue();
        assertThat(creation.get("changes").m().get("status").m().get("to").s()).isEqualTo("new");
        assertThat(history.get(4)).containsOnlyKeys("owner", "id", "task_owner", "author", "text", "created_at");
        assertThat(history.get(5)).as("a tombstone keeps neither author nor text")
                .containsOnlyKeys("owner", "id", "task_owner", "deleted_seq");
        assertThat(history.get(5).get("deleted_seq").n()).isEqualTo("4");
        Set<String> indexKeys = new HashSet<>();
        TaskTableSchema.indexKeys().values().forEach(indexKeys::addAll);
        for (Map<String, AttributeValue> historyItem : history) {
            // Every index has a key other than owner and id, which no history item has.
            assertThat(historyItem.keySet()).as(historyItem.get("id").s())
                    .doesNotContainAnyElementsOf(indexKeys.stream().filter(key -> !key.equals("owner")
                            && !key.equals("id")).toList());
        }
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).containsExactly(task);
        assertThat(repository.list(ALICE, TaskFilter.builder().order(TaskOrder.DUE_DATE).build(), 10, null)
                .items()).isEmpty();
        assertThat(repository.assignedTo(ann, 10, null).items()).containsExactly(task);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-3", "a#0000000000000000001", "12345678901234567890", "1e3"})
    void malformedActivityPositionsAreRejected(String position) {
        Task task = aTask().withId(IDS.newId()).build();
        repository.create(ALICE, task, Activity.created(task, new UserId("ann")));
        operations.clear();

        assertThatThrownBy(() -> repository.activity(ALICE, task.id(), 2, position))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(operations).isEmpty();
    }

    private Map<String, AttributeValue> rawItem(String id) {
        return client.getItem(r -> r.tableName(table).key(TaskItemMapper.key(ALICE, id)).consistentRead(true))
                .item();
    }

    private Map<String, AttributeValue> rawListItem(String id) {
        return client.getItem(r -> r.tableName(table).key(TaskItemMapper.listTaskKey(id)).consistentRead(true))
                .item();
    }

    private List<String> ids(TaskFilter filter) {
        return repository.list(ALICE, filter, 10, null).items().stream().map(Task::id).toList();
    }

    private static TaskFilter filter(String name) {
        return switch (name) {
            case "" -> TaskFilter.ALL;
            case "in_progress" -> TaskFilter.builder().status(TaskStatus.IN_PROGRESS).build();
            case "urgent" -> TaskFilter.builder().priority(TaskPriority.URGENT).build();
            case "in_progress+urgent" ->
                    TaskFilter.builder().status(TaskStatus.IN_PROGRESS).priority(TaskPriority.URGENT).build();
            default -> throw new IllegalArgumentException(name);
        };
    }
}
