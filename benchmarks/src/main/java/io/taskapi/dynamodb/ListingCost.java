package io.taskapi.dynamodb;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.taskapi.benchmarks.DynaliteProcess;
import io.taskapi.benchmarks.JsonFiles;
import io.taskapi.benchmarks.Settings;
import io.taskapi.benchmarks.Stats;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UuidV7Generator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark 4: items DynamoDB reads per page (its own {@code ScannedCount}, seen by an execution interceptor) and the
 * page's latency, for the unfiltered listing and each kind of filter, at 1,000, 10,000 and 100,000 tasks of one owner
 * (plus 1,000 of another), loaded with BatchWriteItem into dynalite. The same data mix as {@code ListingCostIT}:
 * 90 % completed, 9 % new, 1 % in progress; priorities 10 % urgent, 30 % high, 40 % medium, 20 % low.
 *
 * <p>In package {@code io.taskapi.dynamodb} for the package-private item mapper and client builder.
 */
public final class ListingCost {
    private static final OwnerId OWNER = new OwnerId("alice");
    private static final OwnerId OTHER = new OwnerId("bob");
    private static final String TABLE = "tasks";
    private static final int LIMIT = 25;
    private static final int BATCH = 25;
    private static final Map<String, TaskFilter> LISTINGS = new LinkedHashMap<>();

    static {
        LISTINGS.put("unfiltered", TaskFilter.ALL);
        LISTINGS.put("status=in_progress (1%)", new TaskFilter(TaskStatus.IN_PROGRESS, null, null, null, null, null));
        LISTINGS.put("status=completed (90%)", new TaskFilter(TaskStatus.COMPLETED, null, null, null, null, null));
        LISTINGS.put("priority=urgent (10%)", new TaskFilter(null, TaskPriority.URGENT, null, null, null, null));
        LISTINGS.put("status=new & priority=high (2.7%)", new TaskFilter(TaskStatus.NEW, TaskPriority.HIGH, null, null, null, null));
    }

    private ListingCost() {
    }

    public static void run(Settings settings) throws Exception {
        int largest = settings.intSetting("LISTING_MAX_TASKS", 100_000, 10_000);
        int pages = settings.intSetting("LISTING_PAGES", 4, 4);
        int repeats = settings.intSetting("LISTING_REPEATS", 5, 2);
        List<Integer> sizes = new ArrayList<>();
        for (int size = 1_000; size <= largest; size *= 10) {
            sizes.add(size);
        }
        List<QueryResponse> queries = new ArrayList<>();
        ExecutionInterceptor meter = new ExecutionInterceptor() {
            @Override
            public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
                if (context.response() instanceof QueryResponse response) {
                    synchronized (queries) {
                        queries.add(response);
                    }
                }
            }
        };
        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), settings.work().resolve("listing"));
             DynamoDbClient client = DynamoDbClients.local(dynalite.endpoint(), Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                     Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(meter)).build()) {
            TableBootstrap.createIfMissing(client, TaskTableSchema.createTableRequest(TABLE));
            DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, TABLE);
            UuidV7Generator ids = new UuidV7Generator(Clock.systemUTC());
            JsonObject result = new JsonObject();
            result.addProperty("limit", LIMIT);
            result.addProperty("pages", pages);
            result.addProperty("repeats", repeats);
            JsonArray loads = new JsonArray();
            load(client, ids, OTHER, 0, 1_000, loads);
            int loaded = 0;
            JsonArray measurements = new JsonArray();
            for (int size : sizes) {
                load(client, ids, OWNER, loaded, size - loaded, loads);
                loaded = size;
                JsonObject atSize = new JsonObject();
                atSize.addProperty("tasks", size);
                for (Map.Entry<String, TaskFilter> listing : LISTINGS.entrySet()) {
                    List<Integer> readsPerPage = new ArrayList<>();
                    List<Integer> returnedPerPage = new ArrayList<>();
                    List<Double> latencies = new ArrayList<>();
                    for (int repeat = 0; repeat < repeats; repeat++) {
                        String position = null;
                        int page = 0;
                        do {
                            queries.clear();
                            long start = System.nanoTime();
                            TaskSlice slice = repository.list(OWNER, listing.getValue(), LIMIT, position);
                            latencies.add((System.nanoTime() - start) / 1e6);
                            if (queries.size() != 1) {
                                throw new IllegalStateException("expected one query per page, saw " + queries.size());
                            }
                            if (repeat == 0) {
                                readsPerPage.add(queries.get(0).scannedCount());
                                returnedPerPage.add(slice.items().size());
                            }
                            position = slice.nextPosition();
                            page++;
                        } while (position != null && page < pages);
                    }
                    JsonObject json = new JsonObject();
                    json.add("items_read_per_page", JsonFiles.numbers(readsPerPage));
                    json.add("items_returned_per_page", JsonFiles.numbers(returnedPerPage));
                    json.add("page_latency_ms", JsonFiles.stats(Stats.of(latencies)));
                    atSize.add(listing.getKey(), json);
                }
                measurements.add(atSize);
                System.out.printf("listing cost: measured at %,d tasks%n", size);
            }
            result.add("loads", loads);
            result.add("measurements", measurements);
            JsonFiles.write(settings.result("listing.json"), result);
        }
    }

    /** Writes {@code count} tasks with BatchWriteItem from four threads and records how long it took. */
    private static void load(DynamoDbClient client, UuidV7Generator ids, OwnerId owner, int from, int count,
                             JsonArray loads) throws Exception {
        List<Task> tasks = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            TaskStatus status = i % 100 == 0 ? TaskStatus.IN_PROGRESS
                    : i % 100 < 10 ? TaskStatus.NEW : TaskStatus.COMPLETED;
            int bucket = (i * 7) % 10;
            TaskPriority priority = bucket == 0 ? TaskPriority.URGENT
                    : bucket <= 3 ? TaskPriority.HIGH : bucket <= 7 ? TaskPriority.MEDIUM : TaskPriority.LOW;
            tasks.add(new Task(ids.newId(), "task " + i, status, priority, 1_700_000_000L + i, 1_700_000_000L + i, 1,
                    null, null, List.of()));
        }
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int at = 0; at < tasks.size(); at += BATCH) {
                List<Task> batch = tasks.subList(at, Math.min(tasks.size(), at + BATCH));
                batches.add(writers.submit(() -> {
                    List<WriteRequest> writes = batch.stream().map(task -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(TaskItemMapper.toItem(owner, task)).build())
                            .build()).toList();
                    Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(request));
                        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    }
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            writers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonObject json = new JsonObject();
        json.addProperty("owner", owner.value());
        json.addProperty("tasks", count);
        json.addProperty("seconds", seconds);
        json.addProperty("tasks_per_second", count / seconds);
        loads.add(json);
        System.out.printf("listing cost: loaded %,d tasks in %.1f s%n", count, seconds);
    }
}
