package io.taskapi.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.domain.Actor;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.TaskPriority;
import io.taskapi.dynamodb.DynamoDbStore;
import io.taskapi.lambda.LambdaInProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Section 10: each operation's DynamoDB capacity and warm handler time, and what a million requests of a mix cost. */
final class RequestCost {

    // ---- Prices: US East (N. Virginia), on demand, each service's first tier; all read on PRICES_READ. ----
    // AWS's own pricing pages render their rate tables client-side, so their stored text shows only worked examples;
    // each price names the page whose stored text states it, and which kind of page that is.
    static final String PRICES_READ = "2026-12-05";
    static final Price REST_API = new Price("API Gateway REST API requests (first 333 million a month)", 3.50,
            "million requests", "https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html",
            "AWS whitepaper, Table 4 (\"First 333 million requests (per month): $3.50 (per million)\"); no date shown");
    static final Price HTTP_API = new Price("API Gateway HTTP API requests (first 300 million a month)", 1.00,
            "million requests", REST_API.source(),
            "same AWS whitepaper, Table 4 (\"API calls (us-east-1); First 300 million requests (per month): $1.00 (per"
                    + " million)\"); no date shown");
    static final Price LAMBDA_REQUESTS = new Price("Lambda requests (x86_64 and arm64)", 0.20, "million requests",
            "https://aws.amazon.com/lambda/pricing/",
            "AWS pricing page, worked example (\"$0.20 per 1 million requests\", US East (N. Virginia)); no date"
                    + " shown; also docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html");
    static final Price LAMBDA_X86 = new Price("Lambda duration, x86_64 (first 6 billion GB-s a month)", 0.00001667,
            "GB-second", "https://aws.amazon.com/lambda/pricing/",
            "AWS pricing page, worked example (\"$0.00001667 per GB-s\"); third-party guides quote $0.0000166667;"
                    + " no date shown");
    static final Price LAMBDA_ARM = new Price("Lambda duration, arm64 (first 7.5 billion GB-s a month)", 0.0000133334,
            "GB-second", "https://cloudchipr.com/blog/aws-lambda-pricing",
            "not found in a stored AWS source (the AWS page's Arm table is rendered client-side); quoted from a"
                    + " third-party guide (also wring.co, 2026-03-08), 20 % under x86_64");
    static final Price DYNAMODB_READ = new Price("DynamoDB on-demand read request units (Standard table class)", 0.125,
            "million read request units", "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
            "not found in a stored AWS source (aws.amazon.com/dynamodb/pricing/on-demand/ renders its rates"
                    + " client-side); third-party page of 2025-07-21, after AWS's 50 % cut of November 2024");
    static final Price DYNAMODB_WRITE = new Price("DynamoDB on-demand write request units (Standard table class)",
            0.625, "million write request units", DYNAMODB_READ.source(), DYNAMODB_READ.note());

    // ---- Assumptions for the 256 MB estimate: not measured here. ----
    /** Lambda documents one vCPU at 1,769 MB and CPU in proportion to memory: a 256 MB function gets 256/1769 of one. */
    static final int MB_PER_VCPU = 1769;
    static final int MEMORY_MB = 256;
    /**
     * One DynamoDB call from Lambda in the same region, assumed (DynamoDB advertises single-digit-millisecond latency;
     * nothing here measures AWS): the central value and the low and high ends the report also prices.
     */
    static final double ASSUMED_CALL_MS = 5;
    static final double ASSUMED_CALL_MS_LOW = 2;
    static final double ASSUMED_CALL_MS_HIGH = 9;

    private static final String TABLE = "tasks";
    private static final String[] READ_OPERATIONS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"};
    private static final ExecutionAttribute<long[]> WIRE = new ExecutionAttribute<>("requestCost.wire");
    private static final ExecutionAttribute<List<Touched>> TOUCHED = new ExecutionAttribute<>("requestCost.touched");

    private RequestCost() {
    }

    /** A price with where its number was read. */
    record Price(String item, double dollars, String per, String source, String note) {
        Price {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(per, "per");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(note, "note");
            if (!(dollars > 0)) {
                throw new IllegalArgumentException("a price must be positive: " + item);
            }
        }
    }

    /**
     * One API operation measured: its key in the JSON, the request as the report shows it, the status it must answer,
     * and its share of the priced mix (0 for operations reported but not in the mix).
     */
    record Operation(String key, String request, int status, double share) {
        Operation {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(request, "request");
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("a share is a fraction: " + share);
            }
        }
    }

    /**
     * The stated mix: 80 % reads (gets by id and first list pages), 20 % writes (creates, updates, deletes); creates with
     * an idempotency key, the shared list's requests and comments are measured and reported but left out of it.
     */
    static final List<Operation> OPERATIONS = List.of(
            new Operation("create", "POST /tasks", 201, 0.08),
            new Operation("create_idempotent", "POST /tasks with an Idempotency-Key", 201, 0),
            new Operation("get", "GET /tasks/{id}", 200, 0.50),
            new Operation("list", "GET /tasks?limit=25 (first page, 25 items)", 200, 0.30),
            new Operation("update", "PUT /tasks/{id}", 200, 0.08),
            new Operation("delete", "DELETE /tasks/{id}", 200, 0.04),
            new Operation("get_in_list", "GET /tasks/{id}, a shared list's task (editor)", 200, 0),
            new Operation("list_of_list", "GET /tasks?list_id=…&limit=25 (editor)", 200, 0),
            new Operation("comment", "POST /tasks/{id}/comments", 201, 0));

    static {
        double shares = OPERATIONS.stream().mapToDouble(Operation::share).sum();
        if (Math.abs(shares - 1) > 1e-9) {
            throw new IllegalStateException("the mix's shares must add up to 1, not " + shares);
        }
    }

    /** One DynamoDB call as the meter saw it: units the engine reported, units computed from the items, wire time. */
    record Call(String operation, boolean read, double reportedUnits, double indexWriteUnits,
                double computedTableWriteUnits, boolean conditionFailed, long wireNanos) {
        Call {
            Objects.requireNonNull(operation, "operation");
            if (wireNanos < 0) {
                throw new IllegalArgumentException("wire time cannot be negative");
            }
        }
    }

    /** A write's key in one table, and the item under it before the write (null when there was none). */
    record Touched(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before) {
        Touched {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
        }
    }

    /** A table's key attributes and its secondary indexes, as DescribeTable tells them. */
    record TableInfo(List<String> keys, List<IndexInfo> indexes) {
        TableInfo {
            keys = List.copyOf(keys);
            indexes = List.copyOf(indexes);
        }
    }

    /** A secondary index: its key attributes, projection type and any projected non-key attributes. */
    record IndexInfo(String name, List<String> keys, String projection, List<String> nonKeyAttributes) {
        IndexInfo {
            keys = List.copyOf(keys);
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }

    static void run(Settings settings) throws Exception {
        int warmups = settings.intSetting("COST_WARMUP_ROUNDS", 300, 30);
        int rounds = settings.intSetting("COST_ROUNDS", 300, 30);
        int accountingRounds = settings.intSetting("COST_ACCOUNTING_ROUNDS", 5, 2);
        AwsBasicCredentials keys = AwsBasicCredentials.create("local", "local");
        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), settings.work().resolve("cost"));
             DynamoDbClient raw = DynamoDbClient.builder().endpointOverride(dynalite.endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(keys))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            Meter meter = new Meter(raw);
            // The function's client as DynamoDbClients builds it (URL-connection HTTP client, its timeouts, standard
            // retries, three attempts; LambdaModule's 5 s per call and 2 s per attempt), plus the meter; built here
            // because DynamoDbClients' builder with interceptors is package-private.
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(keys))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)))
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5))
                            .apiCallAttemptTimeout(Duration.ofSeconds(2))
                            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
                            .addExecutionInterceptor(meter))
                    .build();
                 DynamoDbStore store = DynamoDbStore.builder(TABLE).client(client).createMissingTables(true).build()) {
                store.prepare();
                for (String table : raw.listTables().tableNames()) {
                    meter.tables.put(table, tableInfo(raw.describeTable(r -> r.tableName(table)).table()));
                }
                // As LambdaModule assembles it, with the request log's embedded-metrics line formatted for every
                // request (its CPU is part of the billed time) and written to a null stream.
                TaskApplication application = TaskApplication.builder(store)
                        .secret(DeploymentSecret.random())
                        .cors(CorsPolicy.parse("*"))
                        .log(RequestLog.withEmbeddedMetrics(new PrintStream(OutputStream.nullOutputStream()),
                                "task-api"))
                        .build();
                Workload workload = new Workload(application, LambdaInProcess.handler(application));
                JsonObject result = measure(workload, meter, warmups, rounds, accountingRounds);
                JsonFiles.write(settings.result("cost.json"), result);
                System.out.println(summary(result));
            }
        }
    }

    /** The data every request reads, and the events of each operation (a fresh task for each delete). */
    static final class Workload {
        final TaskApplication application;
        final RequestStreamHandler handler;
        final Actor caller = LambdaInProcess.actor(LambdaInProcess.CALLER);
        final String taskId;
        final String updatedId;
        final String commentedId;
        final String listTaskId;
        final String listId;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        long updates;

        Workload(TaskApplication application, RequestStreamHandler handler) {
            this.application = application;
            this.handler = handler;
            // 40 own tasks, so that the first page is full (25) and has more after it, as a real listing would.
            String last = null;
            for (int i = 0; i < 40; i++) {
                last = ownTask("Task number " + i);
            }
            taskId = last;
            updatedId = ownTask("The task every PUT changes");
            commentedId = ownTask("The task every comment is posted to");
            Actor owner = LambdaInProcess.actor("olivia");
            listId = application.lists().create(owner, "Launch").list().id();
            application.lists().setRole(owner, listId, caller.user(), ListRole.EDITOR);
            String lastInList = null;
            for (int i = 0; i < 30; i++) {
                lastInList = application.tasks().create(owner, NewTask.builder("List task " + i)
                        .priority(TaskPriority.HIGH).listId(listId).build()).id();
            }
            listTaskId = lastInList;
        }

        String ownTask(String text) {
            return application.tasks().create(caller, NewTask.builder(text).priority(TaskPriority.HIGH).build()).id();
        }

        /** The event of one request of {@code operation}; a delete's task is created first, outside the meter. */
        byte[] event(Operation operation) {
            return switch (operation.key()) {
                case "create" -> LambdaInProcess.event("POST", "/tasks", Map.of(),
                        "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}");
                // A key never used before, as a client's first try of a request would send.
                case "create_idempotent" -> LambdaInProcess.withHeader(LambdaInProcess.event("POST", "/tasks",
                        Map.of(), "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}"),
                        "Idempotency-Key", UUID.randomUUID().toString());
                case "get" -> LambdaInProcess.event("GET", "/tasks/" + taskId, Map.of(), null);
                case "list" -> LambdaInProcess.event("GET", "/tasks", Map.of("limit", "25"), null);
                // Every PUT changes the status, so each one is a real change with its activity entry.
                case "update" -> LambdaInProcess.event("PUT", "/tasks/" + updatedId, Map.of(),
                        "{\"status\":\"" + (updates++ % 2 == 0 ? "in_progress" : "new") + "\"}");
                case "delete" -> LambdaInProcess.event("DELETE", "/tasks/" + ownTask("A task to delete"), Map.of(),
                        null);
                case "get_in_list" -> LambdaInProcess.event("GET", "/tasks/" + listTaskId, Map.of(), null);
                case "list_of_list" -> {
                    Map<String, String> query = new LinkedHashMap<>();
                    query.put("list_id", listId);
                    query.put("limit", "25");
                    yield LambdaInProcess.event("GET", "/tasks", query, null);
                }
                case "comment" -> LambdaInProcess.event("POST", "/tasks/" + commentedId + "/comments", Map.of(),
                        "{\"text\":\"Looks good to me\"}");
                default -> throw new IllegalArgumentException(operation.key());
            };
        }

        /** Invokes the handler as the runtime does and answers the elapsed nanoseconds; checks the status after. */
        long invoke(Operation operation, byte[] event) throws IOException {
            out.reset();
            long start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            long elapsed = System.nanoTime() - start;
            JsonObject result = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
            int status = result.get("statusCode").getAsInt();
            if (status != operation.status()) {
                throw new IllegalStateException(operation.request() + " answered " + status + ", not "
                        + operation.status() + ": " + result.get("body"));
            }
            return elapsed;
        }
    }

    /**
     * Warm-up rounds, then measured rounds (every operation once per round, the order rotated round by round so that
     * the machine's drift spreads over all of them), then a few accounting rounds in which the meter also reads each
     * written item before and after the write, to compute index writes (which takes time, so they are not timed).
     */
    static JsonObject measure(Workload workload, Meter meter, int warmups, int rounds, int accountingRounds)
            throws IOException {
        Map<String, List<Double>> totals = new LinkedHashMap<>();
        Map<String, List<Double>> wires = new LinkedHashMap<>();
        Map<String, List<Double>> locals = new LinkedHashMap<>();
        Map<String, List<List<Call>>> seen = new LinkedHashMap<>();
        Map<String, List<List<Call>>> accounted = new LinkedHashMap<>();
        for (Operation operation : OPERATIONS) {
            totals.put(operation.key(), new ArrayList<>());
            wires.put(operation.key(), new ArrayList<>());
            locals.put(operation.key(), new ArrayList<>());
            seen.put(operation.key(), new ArrayList<>());
            accounted.put(operation.key(), new ArrayList<>());
        }
        int all = warmups + rounds + accountingRounds;
        for (int round = 0; round < all; round++) {
            boolean timed = round >= warmups && round < warmups + rounds;
            meter.accounting = round >= warmups + rounds;
            for (int i = 0; i < OPERATIONS.size(); i++) {
                Operation operation = OPERATIONS.get((i + round) % OPERATIONS.size());
                byte[] event = workload.event(operation);
                meter.reset();
                long elapsed = workload.invoke(operation, event);
                List<Call> calls = meter.calls();
                if (timed) {
                    long wire = calls.stream().mapToLong(Call::wireNanos).sum();
                    totals.get(operation.key()).add(elapsed / 1e6);
                    wires.get(operation.key()).add(wire / 1e6);
                    locals.get(operation.key()).add((elapsed - wire) / 1e6);
                    seen.get(operation.key()).add(calls);
                } else if (meter.accounting) {
                    accounted.get(operation.key()).add(calls);
                }
            }
            if (round + 1 == warmups || (round + 1 > warmups && (round + 1 - warmups) % 100 == 0)) {
                System.out.printf("request cost: %d of %d rounds (%d warm-up)%n", round + 1, all, warmups);
            }
        }
        meter.accounting = false;

        double factor = (double) MB_PER_VCPU / MEMORY_MB;
        JsonObject result = new JsonObject();
        result.add("jvm_arguments", strings(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        result.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        result.addProperty("warmup_rounds", warmups);
        result.addProperty("rounds", rounds);
        result.addProperty("accounting_rounds", accountingRounds);
        result.addProperty("memory_mb", MEMORY_MB);
        result.addProperty("mb_per_vcpu", MB_PER_VCPU);
        result.addProperty("cpu_factor", factor);
        result.addProperty("assumed_call_ms", ASSUMED_CALL_MS);
        result.addProperty("assumed_call_ms_low", ASSUMED_CALL_MS_LOW);
        result.addProperty("assumed_call_ms_high", ASSUMED_CALL_MS_HIGH);
        JsonArray operations = new JsonArray();
        for (Operation operation : OPERATIONS) {
            List<List<Call>> timedCalls = seen.get(operation.key());
            List<List<Call>> accountedCalls = accounted.get(operation.key());
            JsonObject json = new JsonObject();
            json.addProperty("key", operation.key());
            json.addProperty("request", operation.request());
            json.addProperty("share", operation.share());
            json.addProperty("calls", mean(timedCalls, calls -> (double) calls.size()));
            json.addProperty("requests", sequence(timedCalls.get(timedCalls.size() - 1)));
            json.addProperty("read_units", mean(timedCalls, calls -> sum(calls, true)));
            json.addProperty("write_units", mean(timedCalls, calls -> sum(calls, false)));
            json.addProperty("read_units_max", max(timedCalls, calls -> sum(calls, true)));
            json.addProperty("write_units_max", max(timedCalls, calls -> sum(calls, false)));
            json.addProperty("unreported_calls", timedCalls.stream().flatMap(List::stream)
                    .filter(call -> Double.isNaN(call.reportedUnits()) && !call.conditionFailed()).count());
            json.addProperty("index_write_units", mean(accountedCalls,
                    calls -> calls.stream().mapToDouble(Call::indexWriteUnits).sum()));
            json.addProperty("failed_conditional_writes", mean(timedCalls,
                    calls -> (double) calls.stream().filter(Call::conditionFailed).count()));
            // A failed condition still consumes write units in DynamoDB; the engine reports none, so they are
            // computed from the item, as the index writes are.
            json.addProperty("failed_write_units", mean(accountedCalls, calls -> calls.stream()
                    .filter(Call::conditionFailed).mapToDouble(Call::computedTableWriteUnits).sum()));
            long writes = accountedCalls.stream().flatMap(List::stream)
                    .filter(call -> !call.read() && !call.conditionFailed()).count();
            long matching = accountedCalls.stream().flatMap(List::stream)
                    .filter(call -> !call.read() && !call.conditionFailed()
                            && call.computedTableWriteUnits() == call.reportedUnits()).count();
            json.addProperty("table_write_checks", writes);
            json.addProperty("table_write_checks_matching", matching);
            Stats total = Stats.of(totals.get(operation.key()));
            Stats wire = Stats.of(wires.get(operation.key()));
            Stats local = Stats.of(locals.get(operation.key()));
            json.add("total_ms", JsonFiles.stats(total));
            json.add("wire_ms", JsonFiles.stats(wire));
            json.add("local_ms", JsonFiles.stats(local));
            double calls = json.get("calls").getAsDouble();
            json.addProperty("estimate_ms", local.median() * factor + calls * ASSUMED_CALL_MS);
            json.addProperty("estimate_ms_low", local.median() * factor + calls * ASSUMED_CALL_MS_LOW);
            json.addProperty("estimate_ms_high", local.median() * factor + calls * ASSUMED_CALL_MS_HIGH);
            operations.add(json);
        }
        result.add("operations", operations);
        result.add("prices", prices());
        result.add("per_million", perMillion(operations));
        return result;
    }

    /** The components of a million requests of the mix, in dollars, at the central and both ends of the assumption. */
    static JsonObject perMillion(JsonArray operations) {
        double readUnits = 0;
        double writeUnits = 0;
        Map<String, Double> billedMs = new LinkedHashMap<>();
        for (String end : List.of("estimate_ms", "estimate_ms_low", "estimate_ms_high")) {
            billedMs.put(end, 0.0);
        }
        for (JsonElement element : operations) {
            JsonObject operation = element.getAsJsonObject();
            double share = operation.get("share").getAsDouble();
            readUnits += share * operation.get("read_units").getAsDouble();
            writeUnits += share * (operation.get("write_units").getAsDouble()
                    + operation.get("index_write_units").getAsDouble()
                    + operation.get("failed_write_units").getAsDouble());
            // Lambda bills each invocation's duration rounded up to the next millisecond.
            billedMs.replaceAll((end, sum) -> sum + share * Math.ceil(operation.get(end).getAsDouble()));
        }
        JsonObject json = new JsonObject();
        json.addProperty("read_units_per_request", readUnits);
        json.addProperty("write_units_per_request", writeUnits);
        json.addProperty("api_gateway_rest", REST_API.dollars());
        json.addProperty("api_gateway_http", HTTP_API.dollars());
        json.addProperty("lambda_requests", LAMBDA_REQUESTS.dollars());
        json.addProperty("dynamodb_reads", readUnits * DYNAMODB_READ.dollars());
        json.addProperty("dynamodb_writes", writeUnits * DYNAMODB_WRITE.dollars());
        billedMs.forEach((end, ms) -> {
            String suffix = end.substring("estimate_ms".length());
            double gbSeconds = 1e6 * ms / 1000 * MEMORY_MB / 1024;
            json.addProperty("billed_ms_per_request" + suffix, ms);
            json.addProperty("lambda_duration_x86" + suffix, gbSeconds * LAMBDA_X86.dollars());
            json.addProperty("lambda_duration_arm" + suffix, gbSeconds * LAMBDA_ARM.dollars());
        });
        return json;
    }

    static JsonArray prices() {
        JsonArray json = new JsonArray();
        for (Price price : List.of(REST_API, HTTP_API, LAMBDA_REQUESTS, LAMBDA_X86, LAMBDA_ARM, DYNAMODB_READ,
                DYNAMODB_WRITE)) {
            JsonObject row = new JsonObject();
            row.addProperty("item", price.item());
            row.addProperty("dollars", price.dollars());
            row.addProperty("per", price.per());
            row.addProperty("source", price.source());
            row.addProperty("note", price.note());
            row.addProperty("read", PRICES_READ);
            json.add(row);
        }
        return json;
    }

    /**
     * The benchmark's own interceptor on the function's client: asks every request for its consumed capacity, sums what
     * the engine answers, times each attempt on the wire, and, while accounting, reads each written item before and
     * after the write (with a client of its own, unmetered) to compute the index writes the engine does not report.
     */
    static final class Meter implements ExecutionInterceptor {
        final DynamoDbClient raw;
        final Map<String, TableInfo> tables = new HashMap<>();
        private final List<Call> calls = new ArrayList<>();
        volatile boolean accounting;

        Meter(DynamoDbClient raw) {
            this.raw = raw;
        }

        synchronized void reset() {
            calls.clear();
        }

        synchronized List<Call> calls() {
            return List.copyOf(calls);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            attributes.putAttribute(WIRE, new long[2]);
            if (accounting) {
                attributes.putAttribute(TOUCHED, touched(context.request()));
            }
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return withCapacity(context.request());
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attributes.getAttribute(WIRE)[1] = System.nanoTime();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            long[] wire = attributes.getAttribute(WIRE);
            wire[0] += System.nanoTime() - wire[1];
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            record(attributes, reported(context.response()), false);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (attributes.getAttribute(WIRE) != null) {
                record(attributes, Double.NaN, context.exception() instanceof ConditionalCheckFailedException);
            }
        }

        private void record(ExecutionAttributes attributes, double reportedUnits, boolean conditionFailed) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            boolean read = List.of(READ_OPERATIONS).contains(operation);
            double index = 0;
            double table = Double.NaN;
            List<Touched> touched = attributes.getAttribute(TOUCHED);
            if (touched != null && !read) {
                table = 0;
                for (Touched write : touched) {
                    Map<String, AttributeValue> after = conditionFailed ? write.before() : item(write.table(), write.key());
                    TableInfo info = tables.get(write.table());
                    table += conditionFailed ? Math.max(1, writeUnits(write.before()))
                            : Math.max(writeUnits(write.before()), writeUnits(after));
                    if (!conditionFailed) {
                        for (IndexInfo indexInfo : info.indexes()) {
                            index += indexWriteUnits(info, indexInfo, write.before(), after);
                        }
                    }
                }
            }
            Call call = new Call(operation, read, reportedUnits, index, table, conditionFailed,
                    attributes.getAttribute(WIRE)[0]);
            synchronized (this) {
                calls.add(call);
            }
        }

        /** Every key a write request touches, with the item stored under it now (before the write). */
        private List<Touched> touched(SdkRequest request) {
            List<Touched> touched = new ArrayList<>();
            if (request instanceof PutItemRequest put) {
                touched.add(before(put.tableName(), keyOf(put.tableName(), put.item())));
            } else if (request instanceof UpdateItemRequest update) {
                touched.add(before(update.tableName(), update.key()));
            } else if (request instanceof DeleteItemRequest delete) {
                touched.add(before(delete.tableName(), delete.key()));
            } else if (request instanceof BatchWriteItemRequest batch) {
                batch.requestItems().forEach((table, writes) -> {
                    for (WriteRequest write : writes) {
                        touched.add(before(table, write.putRequest() != null
                                ? keyOf(table, write.putRequest().item()) : write.deleteRequest().key()));
                    }
                });
            } else if (request instanceof TransactWriteItemsRequest) {
                // dynalite has no transactions, so the store uses none; a transaction here would go uncounted.
                throw new IllegalStateException("TransactWriteItems is not accounted for");
            }
            return touched;
        }

        private Touched before(String table, Map<String, AttributeValue> key) {
            return new Touched(table, key, item(table, key));
        }

        private Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
            GetItemResponse response = raw.getItem(r -> r.tableName(table).key(key).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
        }

        private Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String name : tables.get(table).keys()) {
                key.put(name, item.get(name));
            }
            return key;
        }
    }

    /**
     * The write units one table write costs in one index, by DynamoDB's documented rules for global secondary indexes:
     * none if the item is in the index neither before nor after; one delete or one put of the index entry if it leaves
     * or enters it; a delete and a put if an index key attribute changes; one update (sized by the larger entry) if
     * only projected attributes change; none if nothing projected changes. An entry is sized as its projected
     * attributes, in 1 KB units.
     */
    static double indexWriteUnits(TableInfo table, IndexInfo index, Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        boolean wasIn = before != null && before.keySet().containsAll(index.keys());
        boolean isIn = after != null && after.keySet().containsAll(index.keys());
        if (!wasIn && !isIn) {
            return 0;
        }
        if (!isIn) {
            return writeUnits(projected(table, index, before));
        }
        if (!wasIn) {
            return writeUnits(projected(table, index, after));
        }
        Map<String, AttributeValue> old = projected(table, index, before);
        Map<String, AttributeValue> fresh = projected(table, index, after);
        boolean keyChanged = index.keys().stream().anyMatch(name -> !before.get(name).equals(after.get(name)));
        if (keyChanged) {
            return writeUnits(old) + writeUnits(fresh);
        }
        return old.equals(fresh) ? 0 : Math.max(writeUnits(old), writeUnits(fresh));
    }

    private static Map<String, AttributeValue> projected(TableInfo table, IndexInfo index,
            Map<String, AttributeValue> item) {
        if (index.projection().equals("ALL")) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(table.keys());
        names.addAll(index.keys());
        if (index.projection().equals("INCLUDE")) {
            names.addAll(index.nonKeyAttributes());
        }
        for (String name : names) {
            if (item.containsKey(name)) {
                projected.put(name, item.get(name));
            }
        }
        return projected;
    }

    /** Write units of one item: its size in 1 KB units, at least one (a write of nothing still costs one). */
    static double writeUnits(Map<String, AttributeValue> item) {
        return item == null ? 1 : Math.max(1, Math.ceil(itemSize(item) / 1024.0));
    }

    /**
     * An item's size by DynamoDB's documented rules, as dynalite computes it: each attribute's name plus its value
     * (strings and binaries their bytes, numbers about one byte per two significant digits plus one, lists and maps 3
     * bytes plus one per element).
     */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return numberSize(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(RequestCost::numberSize).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(element -> 1 + valueSize(element)).sum();
        }
        if (value.hasM()) {
            return 3 + value.m().size() + itemSize(value.m());
        }
        return 0;
    }

    /** dynalite's rule for a number: 1 + ceil(digits / 2), one more for an even digit count at an even exponent. */
    static long numberSize(String number) {
        BigDecimal value = new BigDecimal(number);
        if (value.signum() == 0) {
            return 1;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int digits = stripped.unscaledValue().abs().toString().length();
        int exponent = digits - stripped.scale() - 1;
        return 1 + (digits + 1) / 2 + (digits % 2 != 0 || exponent % 2 != 0 ? 0 : 1) + (value.signum() < 0 ? 1 : 0);
    }

    /** Asks for the total consumed capacity on every request that can report it. */
    static SdkRequest withCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    /** The capacity units a response reports, summed over its tables; NaN when it reports none. */
    static double reported(SdkResponse response) {
        if (response instanceof GetItemResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof ScanResponse r) {
            return units(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            return units(r.hasConsumedCapacity() ? r.consumedCapacity() : null);
        } else if (response instanceof BatchWriteItemResponse r) {
            return units(r.hasConsumedCapacity() ? r.consumedCapacity() : null);
        } else if (response instanceof TransactGetItemsResponse r) {
            return units(r.hasConsumedCapacity() ? r.consumedCapacity() : null);
        } else if (response instanceof TransactWriteItemsResponse r) {
            return units(r.hasConsumedCapacity() ? r.consumedCapacity() : null);
        }
        return Double.NaN;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? Double.NaN : capacity.capacityUnits();
    }

    private static double units(List<ConsumedCapacity> capacities) {
        if (capacities == null || capacities.isEmpty()) {
            return Double.NaN;
        }
        return capacities.stream().mapToDouble(RequestCost::units).sum();
    }

    static TableInfo tableInfo(TableDescription table) {
        List<IndexInfo> indexes = new ArrayList<>();
        if (table.hasGlobalSecondaryIndexes()) {
            table.globalSecondaryIndexes().forEach(index -> indexes.add(new IndexInfo(index.indexName(),
                    names(index.keySchema()), index.projection().projectionTypeAsString(),
                    index.projection().hasNonKeyAttributes() ? index.projection().nonKeyAttributes() : List.of())));
        }
        if (table.hasLocalSecondaryIndexes()) {
            table.localSecondaryIndexes().forEach(index -> indexes.add(new IndexInfo(index.indexName(),
                    names(index.keySchema()), index.projection().projectionTypeAsString(),
                    index.projection().hasNonKeyAttributes() ? index.projection().nonKeyAttributes() : List.of())));
        }
        return new TableInfo(names(table.keySchema()), indexes);
    }

    private static List<String> names(List<KeySchemaElement> keys) {
        return keys.stream().map(KeySchemaElement::attributeName).toList();
    }

    private static double sum(List<Call> calls, boolean reads) {
        return calls.stream().filter(call -> call.read() == reads && !Double.isNaN(call.reportedUnits()))
                .mapToDouble(Call::reportedUnits).sum();
    }

    private static double mean(List<List<Call>> invocations, java.util.function.ToDoubleFunction<List<Call>> value) {
        return invocations.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double max(List<List<Call>> invocations, java.util.function.ToDoubleFunction<List<Call>> value) {
        return invocations.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static String sequence(List<Call> calls) {
        return calls.isEmpty() ? "none" : String.join(" + ", calls.stream().map(Call::operation).toList());
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static String summary(JsonObject result) {
        StringBuilder text = new StringBuilder("request cost:\n");
        for (JsonElement element : result.getAsJsonArray("operations")) {
            JsonObject operation = element.getAsJsonObject();
            text.append(String.format(Locale.ROOT, "  %-45s %s; RCU %.2f WCU %.2f (+%.2f index); %.2f ms (local %.3f)%n",
                    operation.get("request").getAsString(), operation.get("requests").getAsString(),
                    operation.get("read_units").getAsDouble(), operation.get("write_units").getAsDouble(),
                    operation.get("index_write_units").getAsDouble(),
                    operation.getAsJsonObject("total_ms").get("median").getAsDouble(),
                    operation.getAsJsonObject("local_ms").get("median").getAsDouble()));
        }
        return text.toString();
    }

    // ---- The report's section (docs/benchmarks/results.md), from cost.json alone. ----

    /** Renders section 10 of results.md from {@code cost.json}. */
    static void report(JsonObject json, StringBuilder md) {
        double factor = json.get("cpu_factor").getAsDouble();
        double callMs = json.get("assumed_call_ms").getAsDouble();
        md.append("## 10. What a million requests cost\n\n");
        md.append(String.format(Locale.ROOT, "The packaged handler in process (`TaskHandler`, REST API events with Cognito"
                        + " claims) on the function's DynamoDB store against dynalite; %d warm-up rounds, then %d measured"
                        + " rounds of every request (order rotated each round), then %d accounting rounds. JVM: %s, `%s`."
                        + "%n%n", json.get("warmup_rounds").getAsInt(), json.get("rounds").getAsInt(),
                json.get("accounting_rounds").getAsInt(), json.get("java").getAsString(),
                String.join(" ", stringList(json.getAsJsonArray("jvm_arguments")))));
        md.append("**Measured** (this run): DynamoDB calls and the capacity units dynalite reported"
                + " (`ReturnConsumedCapacity=TOTAL` on every call, means per request), and the handler's time per request"
                + " (median), split into time on the wire to dynalite and the rest, in process.\n"
                + "**Computed**: index write units, from each written item before and after the write by DynamoDB's"
                + " documented GSI rules (dynalite reports table units only).\n"
                + String.format(Locale.ROOT, "**Assumed**: the 256 MB estimate = in-process time × %.2f (Lambda gives"
                + " 256/%d of a vCPU; this machine's core taken as one vCPU) + calls × %.0f ms (in-region DynamoDB,"
                + " not measured).%n%n", factor, json.get("mb_per_vcpu").getAsInt(), callMs));
        md.append("| request | share of mix | DynamoDB calls | requests | read units | write units (table) | index write"
                + " units (computed) | handler ms p50 | of it on the wire | in process p50 (IQR) | 256 MB estimate ms"
                + " (assumed) | billed ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("operations")) {
            JsonObject operation = element.getAsJsonObject();
            Stats local = JsonFiles.stats(operation.getAsJsonObject("local_ms"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s | %s | %.2f | %.2f | %.3f (%.3f–%.3f)"
                            + " | %.1f | %.0f |%n", operation.get("request").getAsString(),
                    Report.percent(operation.get("share").getAsDouble()), operation.get("calls").getAsDouble(),
                    operation.get("requests").getAsString(), units(operation, "read_units"),
                    units(operation, "write_units"), units(operation, "index_write_units"),
                    operation.getAsJsonObject("total_ms").get("median").getAsDouble(),
                    operation.getAsJsonObject("wire_ms").get("median").getAsDouble(), local.median(), local.p25(),
                    local.p75(), operation.get("estimate_ms").getAsDouble(),
                    Math.ceil(operation.get("estimate_ms").getAsDouble())));
        }
        md.append('\n');
        long checks = 0;
        long matching = 0;
        long unreported = 0;
        double failed = 0;
        for (JsonElement element : json.getAsJsonArray("operations")) {
            JsonObject operation = element.getAsJsonObject();
            checks += operation.get("table_write_checks").getAsLong();
            matching += operation.get("table_write_checks_matching").getAsLong();
            unreported += operation.get("unreported_calls").getAsLong();
            failed += operation.get("failed_conditional_writes").getAsDouble();
        }
        md.append(String.format(Locale.ROOT, "Checks: the item-size rule that sizes index writes gave the engine's own table"
                        + " write units in %d of %d writes; calls without reported capacity: %d; failed conditional writes"
                        + " per request (summed over operations): %.2f.%n%n", matching, checks, unreported, failed));

        md.append("Prices (us-east-1, on demand, first tier; read " + PRICES_READ + "):\n\n");
        md.append("| item | price | source |\n|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("prices")) {
            JsonObject price = element.getAsJsonObject();
            md.append(String.format(Locale.ROOT, "| %s | $%s per %s | %s: %s |%n", price.get("item").getAsString(),
                    dollars(price.get("dollars").getAsDouble()),
                    price.get("per").getAsString(), price.get("source").getAsString(),
                    price.get("note").getAsString()));
        }
        md.append('\n');

        JsonObject million = json.getAsJsonObject("per_million");
        md.append(String.format(Locale.ROOT, "One million requests of the mix (%.2f read units, %.2f write units and %.2f"
                        + " billed ms at 256 MB per request on average), in dollars:%n%n",
                million.get("read_units_per_request").getAsDouble(),
                million.get("write_units_per_request").getAsDouble(),
                million.get("billed_ms_per_request").getAsDouble()));
        md.append("| component | x86_64 | arm64 |\n|---|---|---|\n");
        double rest = million.get("api_gateway_rest").getAsDouble();
        double http = million.get("api_gateway_http").getAsDouble();
        double requests = million.get("lambda_requests").getAsDouble();
        double x86 = million.get("lambda_duration_x86").getAsDouble();
        double arm = million.get("lambda_duration_arm").getAsDouble();
        double dynamo = million.get("dynamodb_reads").getAsDouble() + million.get("dynamodb_writes").getAsDouble();
        md.append(String.format(Locale.ROOT, "| API Gateway, REST API | %.2f | %.2f |%n", rest, rest));
        md.append(String.format(Locale.ROOT, "| API Gateway, HTTP API | %.2f | %.2f |%n", http, http));
        md.append(String.format(Locale.ROOT, "| Lambda requests | %.2f | %.2f |%n", requests, requests));
        md.append(String.format(Locale.ROOT, "| Lambda duration, 256 MB (assumed times) | %.2f | %.2f |%n", x86, arm));
        md.append(String.format(Locale.ROOT, "| DynamoDB reads | %.3f | %.3f |%n",
                million.get("dynamodb_reads").getAsDouble(), million.get("dynamodb_reads").getAsDouble()));
        md.append(String.format(Locale.ROOT, "| DynamoDB writes | %.3f | %.3f |%n",
                million.get("dynamodb_writes").getAsDouble(), million.get("dynamodb_writes").getAsDouble()));
        md.append(String.format(Locale.ROOT, "| **total with a REST API** | **%.2f** | **%.2f** |%n",
                rest + requests + x86 + dynamo, rest + requests + arm + dynamo));
        md.append(String.format(Locale.ROOT, "| **total with an HTTP API** | **%.2f** | **%.2f** |%n%n",
                http + requests + x86 + dynamo, http + requests + arm + dynamo));
        md.append(String.format(Locale.ROOT, "With %.0f ms or %.0f ms per DynamoDB call instead of %.0f ms, Lambda's"
                        + " duration is %.2f or %.2f (x86_64), %.2f or %.2f (arm64) dollars per million.%n%n",
                json.get("assumed_call_ms_low").getAsDouble(), json.get("assumed_call_ms_high").getAsDouble(), callMs,
                million.get("lambda_duration_x86_low").getAsDouble(),
                million.get("lambda_duration_x86_high").getAsDouble(),
                million.get("lambda_duration_arm_low").getAsDouble(),
                million.get("lambda_duration_arm_high").getAsDouble()));
    }

    private static String units(JsonObject operation, String key) {
        double value = operation.get(key).getAsDouble();
        JsonElement max = operation.get(key + "_max");
        String text = String.format(Locale.ROOT, "%.2f", value);
        if (max != null && max.getAsDouble() > value + 1e-9) {
            text += String.format(Locale.ROOT, " (max %.1f)", max.getAsDouble());
        }
        return text;
    }

    /** A price as its source writes it: cents always shown ($3.50), smaller fractions in full ($0.00001667). */
    private static String dollars(double value) {
        BigDecimal price = BigDecimal.valueOf(value).stripTrailingZeros();
        return (price.scale() < 2 ? price.setScale(2) : price).toPlainString();
    }

    private static List<String> stringList(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.getAsString()));
        return values;
    }
}
