package io.taskapi.dynamodb;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.benchmarks.DynaliteProcess;
import io.taskapi.benchmarks.JsonFiles;
import io.taskapi.benchmarks.Settings;
import io.taskapi.benchmarks.Stats;
import io.taskapi.domain.Actor;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import java.util.Optional;
import java.io.OutputStream;
import java.io.PrintStream;
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
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark 4: what a page of a listing costs in DynamoDB (dynalite): the requests the service makes for it, the items
 * they read (a query's own {@code ScannedCount}; the items of a role check's {@code BatchGetItem}) and the read
 * capacity units the engine reports for each, and the page's latency; for the unfiltered listing and each kind of
 * filter, at 1,000, 10,000 and 100,000 tasks.
 *
 * <ul>
 *   <li><b>Own tasks</b>: one owner's tasks (plus 1,000 of another owner), as before shared lists existed.</li>
 *   <li><b>A list's tasks</b> ({@code GET /tasks?list_id=…}): a shared list grown to the same sizes, next to another
 *       list of 1,000 tasks, listed by a member who is not its owner; each page first reads the caller's role.</li>
 *   <li><b>{@code assignee=me}</b>: the tasks assigned to that member, a third of each list's, newest first; each page
 *       then confirms the member's lists.</li>
 * </ul>
 * The same data mix as {@code ListingCostIT}: 90 % completed, 9 % new, 1 % in progress; priorities 10 % urgent, 30 %
 * high, 40 % medium, 20 % low. Tasks are loaded with BatchWriteItem; lists and members through the application's
 * {@code ListService}; every page is read through the application's {@code TaskService} on the DynamoDB store, as a
 * request would read it.
 *
 * <p>In package {@code io.taskapi.dynamodb} for the package-private item mapper and client builder.
 */
public final class ListingCost {
    private static final String TABLE = "tasks";
    private static final int LIMIT = 25;
    private static final int BATCH = 25;
    private static final Map<String, TaskFilter> LISTINGS = new LinkedHashMap<>();
    static final String ASSIGNED = "assignee=me";

    static {
        LISTINGS.put("unfiltered", TaskFilter.ALL);
        LISTINGS.put("status=in_progress (1%)", TaskFilter.builder().status(TaskStatus.IN_PROGRESS).build());
        LISTINGS.put("status=completed (90%)", TaskFilter.builder().status(TaskStatus.COMPLETED).build());
        LISTINGS.put("priority=urgent (10%)", TaskFilter.builder().priority(TaskPriority.URGENT).build());
        LISTINGS.put("status=new & priority=high (2.7%)", TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.HIGH).build());
    }

    private ListingCost() {
    }

    /** One DynamoDB request of a page, as the interceptor saw it. */
    private record Call(String operation, int itemsRead, int itemsReturned, double capacityUnits) {
    }

    public static void run(Settings settings) throws Exception {
        int largest = settings.intSetting("LISTING_MAX_TASKS", 100_000, 10_000);
        int pages = settings.intSetting("LISTING_PAGES", 4, 4);
        int repeats = settings.intSetting("LISTING_REPEATS", 5, 2);
        List<Integer> sizes = new ArrayList<>();
        for (int size = 1_000; size <= largest; size *= 10) {
            sizes.add(size);
        }
        List<Call> calls = new ArrayList<>();
        ExecutionInterceptor meter = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query) {
                    return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                }
                if (context.request() instanceof BatchGetItemRequest batch) {
                    return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                }
                return context.request();
            }

            @Override
            public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
                Call call = null;
                if (context.response() instanceof QueryResponse response) {
                    call = new Call("Query", response.scannedCount(), response.count(),
                            units(response.consumedCapacity()));
                } else if (context.response() instanceof BatchGetItemResponse response
                        && context.request() instanceof BatchGetItemRequest request) {
                    int keys = request.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
                    int found = response.responses().values().stream().mapToInt(List::size).sum();
                    double units = response.consumedCapacity().stream().mapToDouble(ListingCost::units).sum();
                    call = new Call("BatchGetItem", keys, found, units);
                }
                if (call != null) {
                    synchronized (calls) {
                        calls.add(call);
                    }
                }
            }
        };
        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), settings.work().resolve("listing"));
             DynamoDbClient client = DynamoDbClients.local(dynalite.endpoint(), Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                     Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(meter)).build();
             DynamoDbStore store = DynamoDbStore.builder(TABLE).client(client).createMissingTables(true).build()) {
            store.prepare();
            TaskApplication application = TaskApplication.builder(store)
                    .secret(DeploymentSecret.random())
                    .log(new RequestLog(new PrintStream(OutputStream.nullOutputStream())))
                    .build();
            // The member who lists: their own tasks, and a member (an editor, not the owner) of two lists.
            Actor alice = Actor.of(new OwnerId("alice"));
            Actor bob = Actor.of(new OwnerId("bob"));
            Actor olivia = Actor.of(new OwnerId("olivia"));
            String list = application.lists().create(olivia, "Launch").list().id();
            String otherList = application.lists().create(olivia, "Operations").list().id();
            application.lists().setRole(olivia, list, alice.user(), ListRole.EDITOR);
            application.lists().setRole(olivia, otherList, alice.user(), ListRole.EDITOR);
            UserId[] assignees = {alice.user(), olivia.user(), null};

            UuidV7Generator ids = new UuidV7Generator(Clock.systemUTC());
            JsonObject result = new JsonObject();
            result.addProperty("limit", LIMIT);
            result.addProperty("pages", pages);
            result.addProperty("repeats", repeats);
            JsonArray loads = new JsonArray();
            load(client, ids, "bob (own tasks)", new TaskScope.Personal(bob.personal()), null, 0, 1_000, loads);
            load(client, ids, "list Operations", new TaskScope.InList(otherList), assignees, 0, 1_000, loads);
            int loaded = 0;
            JsonArray own = new JsonArray();
            JsonArray inList = new JsonArray();
            JsonArray assigned = new JsonArray();
            for (int size : sizes) {
                load(client, ids, "alice (own tasks)", new TaskScope.Personal(alice.personal()), null, loaded,
                        size - loaded, loads);
                load(client, ids, "list Launch", new TaskScope.InList(list), assignees, loaded, size - loaded, loads);
                loaded = size;
                JsonObject ownAtSize = new JsonObject();
                JsonObject listAtSize = new JsonObject();
                ownAtSize.addProperty("tasks", size);
                listAtSize.addProperty("tasks", size);
                for (Map.Entry<String, TaskFilter> listing : LISTINGS.entrySet()) {
                    ownAtSize.add(listing.getKey(), measure(application, alice, calls, pages, repeats,
                            token -> page(TaskListQuery.firstPage().withLimit(LIMIT).withFilter(listing.getValue()), token)));
                    listAtSize.add(listing.getKey(), measure(application, alice, calls, pages, repeats,
                            token -> page(TaskListQuery.firstPage().withLimit(LIMIT).withFilter(listing.getValue())
                                    .inList(list), token)));
                }
                JsonObject assignedAtSize = new JsonObject();
                assignedAtSize.addProperty("tasks", size);
                // A third of each list's tasks: of the list measured and of the other list's 1,000.
                assignedAtSize.addProperty("assigned", (size + 2) / 3 + (1_000 + 2) / 3);
                assignedAtSize.add(ASSIGNED, measure(application, alice, calls, pages, repeats,
                        token -> page(TaskListQuery.firstPage().withLimit(LIMIT).onlyAssignedToMe(), token)));
                own.add(ownAtSize);
                inList.add(listAtSize);
                assigned.add(assignedAtSize);
                System.out.printf("listing cost: measured at %,d tasks%n", size);
            }
            result.add("loads", loads);
            result.add("measurements", own);
            result.add("list_measurements", inList);
            result.add("assigned_measurements", assigned);
            JsonFiles.write(settings.result("listing.json"), result);
        }
    }

    /**
     * Walks the first {@code pages} pages of one listing {@code repeats} times through the service, and records each
     * page's DynamoDB requests (first walk) and latency (every walk).
     */
    private static JsonObject measure(TaskApplication application, Actor actor, List<Call> calls, int pages,
            int repeats, java.util.function.Function<String, TaskListQuery> query) {
        List<Integer> readsPerPage = new ArrayList<>();
        List<Integer> returnedPerPage = new ArrayList<>();
        List<Double> unitsPerPage = new ArrayList<>();
        List<Integer> checkReadsPerPage = new ArrayList<>();
        List<Double> checkUnitsPerPage = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            String token = null;
            int page = 0;
            do {
                synchronized (calls) {
                    calls.clear();
                }
                long start = System.nanoTime();
                TaskPage result = application.tasks().list(actor, query.apply(token));
                latencies.add((System.nanoTime() - start) / 1e6);
                List<Call> seen;
                synchronized (calls) {
                    seen = List.copyOf(calls);
                }
                List<Call> queries = seen.stream().filter(call -> call.operation().equals("Query")).toList();
                List<Call> checks = seen.stream().filter(call -> call.operation().equals("BatchGetItem")).toList();
                if (queries.size() != 1 || checks.size() + queries.size() != seen.size()) {
                    throw new IllegalStateException("expected one query per page (and role checks), saw " + seen);
                }
                if (repeat == 0) {
                    readsPerPage.add(queries.get(0).itemsRead());
                    unitsPerPage.add(queries.get(0).capacityUnits());
                    returnedPerPage.add(result.items().size());
                    checkReadsPerPage.add(checks.stream().mapToInt(Call::itemsRead).sum());
                    checkUnitsPerPage.add(checks.stream().mapToDouble(Call::capacityUnits).sum());
                    requests.add(String.join(" + ", seen.stream().map(Call::operation).toList()));
                }
                token = result.next().orElse(null);
                page++;
            } while (token != null && page < pages);
        }
        JsonObject json = new JsonObject();
        json.add("items_read_per_page", JsonFiles.numbers(readsPerPage));
        json.add("items_returned_per_page", JsonFiles.numbers(returnedPerPage));
        json.add("read_units_per_page", JsonFiles.numbers(unitsPerPage));
        json.add("check_items_read_per_page", JsonFiles.numbers(checkReadsPerPage));
        json.add("check_read_units_per_page", JsonFiles.numbers(checkUnitsPerPage));
        JsonArray requestsJson = new JsonArray();
        requests.forEach(requestsJson::add);
        json.add("requests_per_page", requestsJson);
        json.add("page_latency_ms", JsonFiles.stats(Stats.of(latencies)));
        return json;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? Double.NaN : capacity.capacityUnits();
    }

    /**
     * Writes {@code count} tasks into {@code scope} with BatchWriteItem from four threads and records how long it took;
     * a list's tasks are assigned in turn to {@code assignees}' entries (a {@code null} entry: to no one).
     */
    private static void load(DynamoDbClient client, UuidV7Generator ids, String label, TaskScope scope,
                             UserId[] assignees, int from, int count, JsonArray loads) throws Exception {
        String listId = scope instanceof TaskScope.InList inList ? inList.listId() : null;
        List<Task> tasks = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            TaskStatus status = i % 100 == 0 ? TaskStatus.IN_PROGRESS
                    : i % 100 < 10 ? TaskStatus.NEW : TaskStatus.COMPLETED;
            int bucket = (i * 7) % 10;
            TaskPriority priority = bucket == 0 ? TaskPriority.URGENT
                    : bucket <= 3 ? TaskPriority.HIGH : bucket <= 7 ? TaskPriority.MEDIUM : TaskPriority.LOW;
            UserId assignee = assignees == null ? null : assignees[i % assignees.length];
            tasks.add(new Task(ids.newId(), "task " + i, status, priority, 1_700_000_000L + i, 1_700_000_000L + i, 1,
                    Optional.empty(), Optional.empty(), List.of(), Optional.ofNullable(listId),
                            Optional.ofNullable(assignee)));
        }
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int at = 0; at < tasks.size(); at += BATCH) {
                List<Task> batch = tasks.subList(at, Math.min(tasks.size(), at + BATCH));
                batches.add(writers.submit(() -> {
                    List<WriteRequest> writes = batch.stream().map(task -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(TaskItemMapper.toItem(scope, task)).build())
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
        json.addProperty("owner", label);
        json.addProperty("tasks", count);
        json.addProperty("seconds", seconds);
        json.addProperty("tasks_per_second", count / seconds);
        loads.add(json);
        System.out.printf("listing cost: loaded %,d tasks of %s in %.1f s%n", count, label, seconds);
    }

    /** The page of {@code first} after {@code token}, or {@code first} itself when there is no token yet. */
    private static TaskListQuery page(TaskListQuery first, String token) {
        return token == null ? first : first.after(token);
    }
}
