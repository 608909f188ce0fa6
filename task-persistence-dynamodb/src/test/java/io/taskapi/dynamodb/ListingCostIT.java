package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Proves that a page costs O(page size), not O(owner's tasks): for every kind of listing, the items DynamoDB reads for
 * a page, as it reports them itself, are at most {@code limit + 1} for a listing served by a key (status, priority,
 * due date) and at most 4 × {@code limit} for one with a tag filter, at 1,000 and at 10,000 tasks alike; the same for
 * a shared list's tasks and for the tasks assigned to a user across lists.
 */
class ListingCostIT {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final TaskScope NOISE = new TaskScope.Personal(new OwnerId("bob"));
    private static final String TABLE = "tasks";
    private static final String LISTS_TABLE = "tasks-in-lists";
    private static final TaskScope LIST = new TaskScope.InList("0190a5c2-7d3e-7f00-8000-00000000000a");
    private static final TaskScope OTHER_LIST = new TaskScope.InList("0190a5c2-7d3e-7f00-8000-00000000000b");
    private static final UserId ME = new UserId("ann");
    private static final UserId SOMEONE = new UserId("ben");
    private static final int LIMIT = 25;
    private static final int PAGES = 4;
    private static final int BATCH = 25;
    /** Listings served by a key: each page reads at most limit + 1 items. */
    private static final Map<String, TaskFilter> LISTINGS = new LinkedHashMap<>();
    /** Listings with a tag filter: each page reads at most 4 × limit items. */
    private static final Map<String, TaskFilter> TAGGED = new LinkedHashMap<>();
    private static final Map<String, TaskFilter> ALL_LISTINGS = new LinkedHashMap<>();
    private static final int TAG_READ = TaskListings.TAG_READ_FACTOR * LIMIT;
    /** The tasks assigned to a user across lists: each page reads at most limit + 1 items too. */
    private static final String ASSIGNED = "assignee=me (a third)";

    static {
        LISTINGS.put("unfiltered", TaskFilter.ALL);
        LISTINGS.put("status=in_progress (1%)", TaskFilter.builder().status(TaskStatus.IN_PROGRESS).build());
        LISTINGS.put("status=completed (90%)", TaskFilter.builder().status(TaskStatus.COMPLETED).build());
        LISTINGS.put("priority=urgent (10%)", TaskFilter.builder().priority(TaskPriority.URGENT).build());
        LISTINGS.put("status=new+priority=high", TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.HIGH).build());
        LISTINGS.put("sort=due_date (50%)", TaskFilter.builder().order(TaskOrder.DUE_DATE).build());
        LISTINGS.put("sort=due_date, Feb-Mar", TaskFilter.builder().dueBefore(LocalDate.of(2026, 4, 1)).dueAfter(LocalDate.of(2026, 1, 31)).order(TaskOrder.DUE_DATE).build());
        LISTINGS.put("sort=due_date+status=new", TaskFilter.builder().status(TaskStatus.NEW).order(TaskOrder.DUE_DATE).build());
        TAGGED.put("tag=t3 (10%)", TaskFilter.builder().tag("t3").build());
        TAGGED.put("tag=rare (1%)", TaskFilter.builder().tag("rare").build());
        TAGGED.put("status=completed+tag=t3", TaskFilter.builder().status(TaskStatus.COMPLETED).tag("t3").build());
        TAGGED.put("sort=due_date+tag=t4", TaskFilter.builder().tag("t4").order(TaskOrder.DUE_DATE).build());
        ALL_LISTINGS.putAll(LISTINGS);
        ALL_LISTINGS.putAll(TAGGED);
    }


    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static DynamoDbClient client;
    private static final List<QueryResponse> QUERIES = new ArrayList<>();
    /** Read capacity units per page as the engine reports them, when it does. */
    private static final Map<String, List<Double>> CAPACITY = new LinkedHashMap<>();
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());

    @BeforeAll
    static void startEngine() {
        ExecutionInterceptor meter = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query) {
                    return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                }
                return context.request();
            }

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
        TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(LISTS_TABLE));
    }

    @AfterAll
    static void stopEngine() {
        client.close();
    }

    @Test
    void everyPageReadsAtMostOneItemMoreThanItReturnsAt1000And10000Tasks() throws Exception {
        DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, TABLE);
        List<Task> stored = new ArrayList<>();

        load(TABLE, NOISE, 0, 1_000, new ArrayList<>());
        load(TABLE, ALICE, 0, 1_000, stored);
        Map<String, List<Integer>> at1k = measure(repository, ALICE, stored);
        Map<String, List<Double>> capacityAt1k = new LinkedHashMap<>(CAPACITY);
        CAPACITY.clear();
        load(TABLE, ALICE, 1_000, 9_000, stored);
        Map<String, List<Integer>> at10k = measure(repository, ALICE, stored);
        Map<String, List<Double>> capacityAt10k = new LinkedHashMap<>(CAPACITY);
        CAPACITY.clear();

        report(at1k, at10k, capacityAt1k, capacityAt10k);
        assertFlat(at1k, at10k, capacityAt1k, capacityAt10k);
        // Even the rarest status, a partial page at 1k, reads no more than limit + 1 once it fills pages at 10k.
        assertThat(at1k.get("status=in_progress (1%)")).containsExactly(10);
        assertThat(at10k.get("status=in_progress (1%)").get(0)).isEqualTo(LIMIT + 1);
    }

    /**
     * A list's tasks are gathered by indexes alone (each has a partition of its own in the table), and a user's assigned
     * tasks by one more: the same bounds hold for them, next to another list and an owner's own tasks.
     */
    @Test
    void everyPageOfAListAndOfAUsersAssignedTasksReadsAtMostOneItemMoreThanItReturnsAt1000And10000Tasks()
            throws Exception {
        DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, LISTS_TABLE);
        List<Task> inList = new ArrayList<>();
        List<Task> everywhere = new ArrayList<>();

        load(LISTS_TABLE, OTHER_LIST, 0, 1_000, everywhere);
        load(LISTS_TABLE, NOISE, 0, 1_000, everywhere);
        load(LISTS_TABLE, LIST, 0, 1_000, inList);
        everywhere.addAll(inList);
        Map<String, List<Integer>> at1k = measure(repository, LIST, inList);
        at1k.put(ASSIGNED, measureAssigned(repository, everywhere));
        Map<String, List<Double>> capacityAt1k = new LinkedHashMap<>(CAPACITY);
        CAPACITY.clear();
        List<Task> more = new ArrayList<>();
        load(LISTS_TABLE, LIST, 1_000, 9_000, more);
        inList.addAll(more);
        everywhere.addAll(more);
        Map<String, List<Integer>> at10k = measure(repository, LIST, inList);
        at10k.put(ASSIGNED, measureAssigned(repository, everywhere));
        Map<String, List<Double>> capacityAt10k = new LinkedHashMap<>(CAPACITY);
        CAPACITY.clear();

        System.out.printf("in a list: %d then %d tasks%n", 1_000, 10_000);
        report(at1k, at10k, capacityAt1k, capacityAt10k);
        assertFlat(at1k, at10k, capacityAt1k, capacityAt10k);
        assertThat(at1k.get(ASSIGNED)).allMatch(read -> read <= LIMIT + 1);
        assertThat(at10k.get(ASSIGNED)).allMatch(read -> read <= LIMIT + 1).contains(LIMIT + 1);
        assertThat(at1k.get("status=in_progress (1%)")).containsExactly(10);
    }

    private static void report(Map<String, List<Integer>> at1k, Map<String, List<Integer>> at10k,
            Map<String, List<Double>> capacityAt1k, Map<String, List<Double>> capacityAt10k) {
        System.out.printf("items read per page (limit %d, up to %d pages)%n", LIMIT, PAGES);
        for (String listing : at1k.keySet()) {
            System.out.printf("  %-28s 1k tasks: %-20s 10k tasks: %-20s capacity units 1k: %s 10k: %s%n",
                    listing, at1k.get(listing), at10k.get(listing), capacityAt1k.get(listing),
                    capacityAt10k.get(listing));
        }
    }

    private static void assertFlat(Map<String, List<Integer>> at1k, Map<String, List<Integer>> at10k,
            Map<String, List<Double>> capacityAt1k, Map<String, List<Double>> capacityAt10k) {
        for (String listing : LISTINGS.keySet()) {
            assertThat(at1k.get(listing)).as(listing).allMatch(read -> read <= LIMIT + 1);
            assertThat(at10k.get(listing)).as(listing).allMatch(read -> read <= LIMIT + 1);
        }
        for (String listing : TAGGED.keySet()) {
            assertThat(at1k.get(listing)).as(listing).allMatch(read -> read <= TAG_READ);
            assertThat(at10k.get(listing)).as(listing).allMatch(read -> read <= TAG_READ);
        }
        // Ten times the tasks, and the dearest page costs the same: it depends on the page size, not the table.
        assertThat(worst(at10k, LISTINGS)).isEqualTo(worst(at1k, LISTINGS)).isEqualTo(LIMIT + 1);
        assertThat(worst(at10k, TAGGED)).isEqualTo(worst(at1k, TAGGED)).isEqualTo(TAG_READ);
        // When the engine reports consumed capacity (dynalite and DynamoDB do), it is flat as well.
        assertThat(worstCapacity(capacityAt10k)).isLessThanOrEqualTo(worstCapacity(capacityAt1k));
    }

    /** Walks the first pages of the tasks assigned to {@link #ME} and returns the items DynamoDB read for each. */
    private List<Integer> measureAssigned(DynamoDbTaskRepository repository, List<Task> stored) {
        List<Task> expected = stored.stream().filter(task -> task.assignee().equals(Optional.of(ME)))
                .sorted(Comparator.comparing(Task::id).reversed()).toList();
        List<Integer> reads = new ArrayList<>();
        List<Task> seen = new ArrayList<>();
        String position = null;
        do {
            QUERIES.clear();
            TaskSlice slice = repository.assignedTo(ME, LIMIT, position);
            assertThat(QUERIES).as("one query per page").hasSize(1);
            QueryResponse query = QUERIES.get(0);
            assertThat(query.scannedCount()).isEqualTo(slice.items().size() + (slice.nextPosition() == null ? 0 : 1));
            if (query.consumedCapacity() != null && query.consumedCapacity().capacityUnits() != null) {
                CAPACITY.computeIfAbsent(ASSIGNED, k -> new ArrayList<>())
                        .add(query.consumedCapacity().capacityUnits());
            }
            reads.add(query.scannedCount());
            seen.addAll(slice.items());
            position = slice.nextPosition();
        } while (position != null && reads.size() < PAGES);
        assertThat(seen).containsExactlyElementsOf(expected.subList(0, Math.min(expected.size(), seen.size())));
        return reads;
    }

    /** Walks the first pages of every listing and returns the items DynamoDB read for each page. */
    private Map<String, List<Integer>> measure(DynamoDbTaskRepository repository, TaskScope scope,
            List<Task> stored) {
        Map<String, List<Integer>> readsPerPage = new LinkedHashMap<>();
        List<Task> newestFirst = stored.stream().sorted(Comparator.comparing(Task::id).reversed()).toList();
        Comparator<Task> byDue = Comparator.comparing((Task task) -> task.dueDate().orElseThrow())
                .thenComparing(Task::id);
        for (Map.Entry<String, TaskFilter> listing : ALL_LISTINGS.entrySet()) {
            TaskFilter filter = listing.getValue();
            boolean tagged = TAGGED.containsKey(listing.getKey());
            List<Task> expected = newestFirst.stream().filter(filter::matches)
                    .sorted(filter.order() == TaskOrder.DUE_DATE ? byDue : (a, b) -> 0).toList();
            List<Integer> reads = new ArrayList<>();
            List<Task> seen = new ArrayList<>();
            String position = null;
            do {
                QUERIES.clear();
                TaskSlice slice = repository.list(scope, filter, LIMIT, position);
                assertThat(QUERIES).as("one query per page").hasSize(1);
                QueryResponse query = QUERIES.get(0);
                int read = query.scannedCount();
                if (tagged) {
                    // A bounded read: never more than its bound, and a short page only when the bound was reached.
                    assertThat(read).as(listing.getKey()).isLessThanOrEqualTo(TAG_READ);
                    assertThat(slice.items().size() == LIMIT || read == TAG_READ || slice.nextPosition() == null)
                            .as(listing.getKey() + " short page only at the read bound").isTrue();
                } else {
                    // Exactly the page plus the one-item probe that tells whether another page exists.
                    assertThat(read).as(listing.getKey())
                            .isEqualTo(slice.items().size() + (slice.nextPosition() == null ? 0 : 1));
                }
                if (query.consumedCapacity() != null && query.consumedCapacity().capacityUnits() != null) {
                    // Read units are charged per 4 KB read, so they too are bounded by the page, not the table.
                    assertThat(query.consumedCapacity().capacityUnits())
                            .isLessThanOrEqualTo(tagged ? TAG_READ : LIMIT + 1.0);
                    CAPACITY.computeIfAbsent(listing.getKey(), k -> new ArrayList<>())
                            .add(query.consumedCapacity().capacityUnits());
                }
                reads.add(read);
                seen.addAll(slice.items());
                position = slice.nextPosition();
            } while (position != null && reads.size() < PAGES);
            assertThat(seen).as(listing.getKey()).containsExactlyElementsOf(
                    expected.subList(0, Math.min(expected.size(), seen.size())));
            readsPerPage.put(listing.getKey(), reads);
        }
        return readsPerPage;
    }

    /**
     * Writes {@code count} tasks in batches of 25 with a skewed mix: 90% completed, 9% new, 1% in progress; a list's
     * tasks are assigned, a third each to {@link #ME} and {@link #SOMEONE}.
     */
    private static void load(String table, TaskScope owner, int from, int count, List<Task> stored)
            throws Exception {
        String listId = owner instanceof TaskScope.InList list ? list.listId() : null;
        List<Task> tasks = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            TaskStatus status = i % 100 == 0 ? TaskStatus.IN_PROGRESS
                    : i % 100 < 10 ? TaskStatus.NEW : TaskStatus.COMPLETED;
            int bucket = (i * 7) % 10;
            TaskPriority priority = bucket == 0 ? TaskPriority.URGENT
                    : bucket <= 3 ? TaskPriority.HIGH : bucket <= 7 ? TaskPriority.MEDIUM : TaskPriority.LOW;
            // Half the tasks are due, spread over a year; every tenth has tag t3, one in a hundred the tag rare.
            LocalDate due = i % 2 == 0 ? LocalDate.of(2026, 1, 1).plusDays((i * 37L) % 365) : null;
            List<String> tags = i % 100 == 7 ? List.of("t" + (i % 10), "rare") : List.of("t" + (i % 10));
            UserId assignee = listId == null ? null : i % 3 == 0 ? ME : i % 3 == 1 ? SOMEONE : null;
            tasks.add(new Task(IDS.newId(), "task " + i, status, priority, 1_700_000_000L + i,
                    1_700_000_000L + i, 1, Optional.empty(), Optional.ofNullable(due), tags,
                            Optional.ofNullable(listId), Optional.ofNullable(assignee)));
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int start = 0; start < tasks.size(); start += BATCH) {
                List<Task> batch = tasks.subList(start, Math.min(tasks.size(), start + BATCH));
                batches.add(writers.submit(() -> writeBatch(table, owner, batch)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            writers.shutdownNow();
        }
        stored.addAll(tasks);
    }

    private static void writeBatch(String table, TaskScope owner, List<Task> batch) {
        List<WriteRequest> writes = batch.stream()
                .map(task -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(TaskItemMapper.toItem(owner, task)).build())
                        .build())
                .toList();
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static int worst(Map<String, List<Integer>> readsPerPage, Map<String, TaskFilter> listings) {
        return listings.keySet().stream().flatMap(listing -> readsPerPage.get(listing).stream())
                .mapToInt(Integer::intValue).max().orElse(0);
    }

    private static double worstCapacity(Map<String, List<Double>> unitsPerPage) {
        return unitsPerPage.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max()
                .orElse(0);
    }
}
