package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.AttachmentRepositoryContract;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs the attachment repository contract against DynamoDB semantics on dynalite, through the store facade with fresh
 * tables per test, and proves what the contract cannot see: the stored items, the slots, the API actions called and
 * an SDK retry of an add whose first answer was lost.
 */
class DynamoDbAttachmentRepositoryIT extends AttachmentRepositoryContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final long T0 = 1_800_000_000L;
    /** A server error, which the SDK retries: the answer of a write that landed, as if it was lost. */
    private static final String LOST_ANSWER =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"answer lost\"}";
    /** Named apart from HistoryCrashPointsIT's: the SDK refuses two attributes of one name in a JVM. */
    private static final ExecutionAttribute<AtomicInteger> ANSWER =
            new ExecutionAttribute<>("attachment-answer-to-lose");

    private final Set<String> operations = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Whether the answer of the next {@code PutItem} is lost after it landed. */
    private final AtomicBoolean losePutAnswer = new AtomicBoolean();
    private DynamoDbClient client;

    @Override
    protected AttachmentRepository repository() {
        DynamoDbStore store = DYNALITE.engine().store("attachments-contract-" + TABLES.incrementAndGet());
        store.prepare();
        return store.attachments();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** A repository on a fresh table through a client that records the actions called and can lose an answer. */
    private DynamoDbAttachmentRepository observed(String table) {
        DYNALITE.engine().createTable(table);
        ExecutionInterceptor observer = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                operations.add(operation);
                if ("PutItem".equals(operation) && losePutAnswer.compareAndSet(true, false)) {
                    attributes.putAttribute(ANSWER, new AtomicInteger(1));
                }
            }

            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                AtomicInteger answer = attributes.getAttribute(ANSWER);
                if (answer == null || answer.get() != 1) {
                    return context.httpResponse();
                }
                return context.httpResponse().toBuilder().statusCode(500).removeHeader("x-amz-crc32").build();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                AtomicInteger answer = attributes.getAttribute(ANSWER);
                if (answer == null || !answer.compareAndSet(1, 2)) {
                    return context.responseBody();
                }
                return Optional.of(new ByteArrayInputStream(LOST_ANSWER.getBytes(StandardCharsets.UTF_8)));
            }
        };
        client = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(observer)).build();
        return new DynamoDbAttachmentRepository(client, table);
    }

    private static Attachment pending(String taskId, String filename) {
        return new Attachment(IDS.newId(), taskId, filename, "image/png", 2048, AttachmentStatus.PENDING, T0,
                new UserId("user:ann"));
    }

    private Map<String, AttributeValue> rawItem(String table, String taskId, String slot) {
        return client.getItem(r -> r.tableName(table).key(AttachmentItemMapper.slotKey(taskId, slot))
                .consistentRead(true)).item();
    }

    @Test
    void anAttachmentIsOneItemInASlotOfItsTasksPartitionAsDocumented() {
        String table = "attachments-layout-" + TABLES.incrementAndGet();
        DynamoDbAttachmentRepository repository = observed(table);
        String task = IDS.newId();
        Attachment photo = pending(task, "photo.png");

        repository.add(photo, 20);

        Map<String, AttributeValue> item = rawItem(table, task, "slot#00");
        assertThat(item).containsOnlyKeys("owner", "id", "attachment_id", "filename", "content_type", "size",
                "status", "created_at", "uploaded_by", "expires_at");
        assertThat(item.get("owner").s()).isEqualTo("attachments:" + task);
        assertThat(item.get("attachment_id").s()).isEqualTo(photo.id());
        assertThat(item.get("status").s()).isEqualTo("pending");
        assertThat(item.get("size").n()).isEqualTo("2048");
        assertThat(item.get("expires_at").n()).isEqualTo(Long.toString(T0 + 86_400));
        // No index sees it: it has none of the indexes' key attributes but the table's own.
        assertThat(item.keySet()).doesNotContainAnyElementsOf(TaskTableSchema.keyAttributeTypes().keySet().stream()
                .filter(name -> !TaskTableSchema.tableKeys().contains(name)).toList());

        repository.markAvailable(photo.available());

        Map<String, AttributeValue> available = rawItem(table, task, "slot#00");
        assertThat(available.get("status").s()).isEqualTo("available");
        assertThat(available).doesNotContainKey("expires_at");
        assertThat(repository.find(task, photo.id())).contains(photo.available());
    }

    @Test
    void aFreedSlotIsTakenAgainWhileTheListingStaysOldestFirst() {
        String table = "attachments-slots-" + TABLES.incrementAndGet();
        DynamoDbAttachmentRepository repository = observed(table);
        String task = IDS.newId();
        List<Attachment> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(pending(task, "f" + i + ".png"));
            repository.add(added.get(i), 3);
        }

        repository.delete(task, added.get(0).id());
        Attachment later = pending(task, "later.png");
        repository.add(later, 3);

        assertThat(AttachmentItemMapper.attachmentId(rawItem(table, task, "slot#0"))).isEqualTo(later.id());
        assertThat(repository.all(task)).containsExactly(added.get(1), added.get(2), later);
        assertThat(repository.list(task, 2, null).items()).containsExactly(added.get(1), added.get(2));
        assertThat(repository.list(task, 2, added.get(2).id()).items()).containsExactly(later);
        assertThatThrownBy(() -> repository.list(task, 2, "slot#0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyConcurrentAddsFillEverySlotExactlyOnce() throws Exception {
        String table = "attachments-race-" + TABLES.incrementAndGet();
        DynamoDbAttachmentRepository repository = observed(table);
        String task = IDS.newId();
        int writers = 30;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Attachment attachment = pending(task, "w" + i + ".png");
                Callable<Boolean> add = () -> {
                    start.await();
                    try {
                        repository.add(attachment, 20);
                        return true;
                    } catch (AttachmentConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(add));
            }
            start.countDown();
            int added = 0;
            for (Future<Boolean> result : results) {
                added += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(added).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        List<String> slots = new ArrayList<>();
        for (int slot = 0; slot < 20; slot++) {
            slots.add(AttachmentItemMapper.slotId(slot, 20));
        }
        assertThat(slots).allSatisfy(slot -> assertThat(rawItem(table, task, slot)).containsKey("attachment_id"));
        assertThat(repository.all(task)).hasSize(20).extracting(Attachment::id).doesNotHaveDuplicates();
    }

    @Test
    void anAddWhoseFirstAnswerWasLostIsStoredOnce() {
        String table = "attachments-retry-" + TABLES.incrementAndGet();
        DynamoDbAttachmentRepository repository = observed(table);
        String task = IDS.newId();
        Attachment photo = pending(task, "photo.png");
        losePutAnswer.set(true);

        repository.add(photo, 20);

        assertThat(losePutAnswer).isFalse();
        assertThat(repository.all(task)).containsExactly(photo);
    }

    @Test
    void theRepositoryCallsOnlyTheTasksTablesDeclaredOperations() {
        String table = "attachments-actions-" + TABLES.incrementAndGet();
        DynamoDbAttachmentRepository repository = observed(table);
        String task = IDS.newId();
        Attachment photo = pending(task, "photo.png");
        operations.clear();

        repository.add(photo, 1);
        assertThatThrownBy(() -> repository.add(pending(task, "full.png"), 1))
                .isInstanceOf(AttachmentConflictException.class);
        repository.find(task, photo.id());
        repository.list(task, 10, null);
        repository.markAvailable(photo.available());
        repository.delete(task, photo.id());

        assertThat(operations).containsExactlyInAnyOrder("Query", "PutItem", "UpdateItem", "DeleteItem");
        assertThat(TaskTableSchema.operationsUsed()).containsAll(operations);
    }
}
