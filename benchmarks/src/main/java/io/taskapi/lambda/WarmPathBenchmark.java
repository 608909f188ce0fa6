package io.taskapi.lambda;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.AuthMode;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.domain.Actor;
import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UploadGrant;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.s3.S3FileStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Benchmark 2: the Lambda handler's own cost per request on a warm JVM, with the in-memory store, for a read by id, a
 * create and a 25-item list page of the caller's own tasks; and, for shared lists, a read by id of a list's task (the
 * role check included), a 25-item page of a list's tasks and a 25-item page of the tasks assigned to the caller. Each
 * request has a baseline that only parses the same event JSON (Gson's JsonParser) and writes a proxy result of exactly
 * the same status, headers and body (with the handler's own writer). Sample-time mode, for p50 and p99. Two more
 * benchmarks time the read by id in {@code TaskService} alone (own task, list's task), where the role check is a larger
 * share of the work and its cost stands out from the handler's.
 *
 * <p>Attachments: {@code POST /tasks/{id}/attachments} (a pending attachment and a presigned upload URL) and
 * {@code GET /tasks/{id}/attachments/{attachment_id}} of an available attachment (with a presigned download URL), each
 * against its baseline, through a handler whose application keeps files in an {@link S3FileStore}; and the store's
 * {@code uploadGrant} and {@code downloadGrant} alone. The store's endpoint is a local socket that counts the
 * connections it accepts: presigning must open none ({@link Attachments}).
 *
 * <p>The handler identifies callers as the deployed function does ({@code TASKS_AUTH=jwt}): every event carries the
 * claims of API Gateway's Cognito authorizer. The caller, {@value #CALLER}, owns {@value #OWN_TASKS} tasks and is an
 * editor (not the owner) of a list of {@value #LIST_TASKS} tasks that {@value #LIST_OWNER} created; a third of the
 * list's tasks are assigned to the caller.
 *
 * <p>In package {@code io.taskapi.lambda} for the handler's package-private {@code TaskHandler(TaskApplication,
 * AuthMode)} constructor; the request log writes its line for every request, to a null stream.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WarmPathBenchmark {
    static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final int OWN_TASKS = 1_000;
    static final int LIST_TASKS = 1_000;
    /** The user every event comes from: a member of the list, not its owner. */
    static final String CALLER = "ann";
    static final String LIST_OWNER = "olivia";
    /**
     * Warm-up iterations of the benchmarks that presign (2 s each): the SDK's presigning code takes longer to compile
     * than the rest. With the class's 3, a {@code POST /tasks/{id}/attachments} still ran 50 % slower in its first
     * measured iteration than in the next four (76 against 49–54 µs); with 6, on 2 cores shared with another build,
     * one fork of it still ran at 150–300 µs in its first three measured iterations.
     */
    static final int ATTACHMENT_WARMUPS = 10;

    /**
     * A handler over an in-memory store holding the caller's {@value #OWN_TASKS} tasks and a shared list's
     * {@value #LIST_TASKS}, and the events it is fed.
     */
    @State(Scope.Benchmark)
    public static class Handler {
        TaskApplication application;
        Actor caller;
        TaskHandler handler;
        String taskId;
        String listTaskId;
        String listId;
        byte[] getEvent;
        byte[] listEvent;
        byte[] getInListEvent;
        byte[] listOfListEvent;
        byte[] assignedToMeEvent;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            application = application();
            caller = actor(CALLER);
            Actor owner = actor(LIST_OWNER);
            for (int i = 0; i < OWN_TASKS; i++) {
                taskId = application.tasks().create(caller, NewTask.builder("Task number " + i)
                        .status(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW).priority(TaskPriority.HIGH)
                        .build()).id();
            }
            listId = application.lists().create(owner, "Launch").list().id();
            application.lists().setRole(owner, listId, caller.user(), ListRole.EDITOR);
            for (int i = 0; i < LIST_TASKS; i++) {
                // A third assigned to the caller, a third to the list's owner, a third to no one; the last one, which
                // the read by id reads, to no one, so that its JSON differs from the own task's by list_id alone.
                UserId assignee = i % 3 == 1 ? caller.user() : i % 3 == 2 ? owner.user() : null;
                NewTask.Builder task = NewTask.builder("Task number " + i)
                        .status(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW).priority(TaskPriority.HIGH)
                        .listId(listId);
                if (assignee != null) {
                    task.assignee(assignee);
                }
                listTaskId = application.tasks().create(owner, task.build()).id();
            }
            handler = new TaskHandler(application, AuthMode.JWT);
            getEvent = event("GET", "/tasks/" + taskId, Map.of(), null);
            listEvent = event("GET", "/tasks", Map.of("limit", "25"), null);
            getInListEvent = event("GET", "/tasks/" + listTaskId, Map.of(), null);
            listOfListEvent = event("GET", "/tasks", ordered("list_id", listId, "limit", "25"), null);
            assignedToMeEvent = event("GET", "/tasks", ordered("assignee", "me", "limit", "25"), null);
            check(handle(getEvent), 200, "\"id\":\"" + taskId + "\"");
            check(handle(listEvent), 200, "\"count\":25");
            check(handle(getInListEvent), 200, "\"list_id\":\"" + listId + "\"");
            check(handle(listOfListEvent), 200, "\"count\":25");
            check(handle(assignedToMeEvent), 200, "\"count\":25");
        }

        byte[] handle(byte[] event) throws IOException {
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        }
    }

    /** Creates go to a store emptied before each iteration, so the heap does not grow through the run. */
    @State(Scope.Benchmark)
    public static class Creating {
        TaskHandler handler;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
        byte[] postEvent;

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            handler = new TaskHandler(application(), AuthMode.JWT);
            postEvent = event("POST", "/tasks", Map.of(),
                    "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}");
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(postEvent), out, null);
            check(out.toByteArray(), 201, "\"task\"");
        }
    }

    /**
     * A handler whose application keeps attachments' files in an {@link S3FileStore}, built as the Lambda function
     * builds it for AWS ({@code pathStyle(false)}; static credentials and an explicit region here), on an endpoint that
     * must never be contacted: a local server socket that counts the connections it accepts (an IP address, so the
     * SDK's endpoint rules put the bucket in the URL's path all the same). The caller owns {@value #OWN_TASKS} tasks,
     * made as the {@link Handler}'s are; the last one has one available attachment, put in the in-memory attachment
     * repository directly, and takes every {@code POST} of an iteration (the limit per task is lifted for that; the
     * repository is emptied before each iteration, so that it does not grow through the run, as for
     * {@link Creating}).
     *
     * <p>At the end of each fork the count is appended to {@code $BENCH_RESULTS/attachments-connections.jsonl}, then
     * the store makes one request of its own ({@code HeadObject}, which must fail: each connection is closed
     * unanswered) to show that the socket does count what reaches it; a fork whose signing opened a connection fails.
     */
    @State(Scope.Benchmark)
    public static class Attachments {
        static final String BUCKET = "task-api-dev-attachments-123456789012";
        static final String FILENAME = "Launch plan.pdf";
        static final String CONTENT_TYPE = "application/pdf";
        static final long SIZE = 1_234_567;
        static final AttachmentLimits LIMITS = new AttachmentLimits(AttachmentLimits.DEFAULT_MAX_BYTES,
                Integer.MAX_VALUE, AttachmentLimits.DEFAULT_CONTENT_TYPES, AttachmentLimits.DEFAULT_URL_LIFETIME);

        ServerSocket endpoint;
        final AtomicInteger connections = new AtomicInteger();
        S3FileStore files;
        InMemoryTaskStore store;
        TaskHandler handler;
        Actor caller;
        String taskId;
        Attachment available;
        byte[] attachEvent;
        byte[] getAttachmentEvent;
        /** URLs signed by the benchmark methods, counted by them. */
        long urls;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);

        @Setup(Level.Trial)
        public void open() throws IOException {
            endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!endpoint.isClosed()) {
                    try (Socket accepted = endpoint.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "s3-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
            files = S3FileStore.builder(BUCKET)
                    .endpoint(URI.create("http://127.0.0.1:" + endpoint.getLocalPort()))
                    .region(Region.US_EAST_1)
                    .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                    .pathStyle(false)
                    .build();
            store = new InMemoryTaskStore();
            TaskApplication application = builder(store).files(files).attachmentLimits(LIMITS).build();
            caller = actor(CALLER);
            for (int i = 0; i < OWN_TASKS; i++) {
                taskId = application.tasks().create(caller, NewTask.builder("Task number " + i)
                        .status(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW).priority(TaskPriority.HIGH)
                        .build()).id();
            }
            available = new Attachment(new UuidV7Generator(Clock.systemUTC()).newId(), taskId, FILENAME,
                    CONTENT_TYPE, SIZE, AttachmentStatus.AVAILABLE, Instant.now().getEpochSecond(), caller.user());
            handler = new TaskHandler(application, AuthMode.JWT);
            attachEvent = event("POST", "/tasks/" + taskId + "/attachments", Map.of(),
                    "{\"filename\":\"" + FILENAME + "\",\"content_type\":\"" + CONTENT_TYPE + "\",\"size\":" + SIZE
                            + "}");
            getAttachmentEvent = event("GET", "/tasks/" + taskId + "/attachments/" + available.id(), Map.of(), null);
        }

        @Setup(Level.Iteration)
        public void reset() throws IOException {
            store.attachments().clear();
            store.attachments().add(available, LIMITS.maxPerTask());
            check(handle(attachEvent), 201, "X-Amz-Signature=");
            check(handle(getAttachmentEvent), 200, "/available/" + available.key() + "?");
        }

        byte[] handle(byte[] event) throws IOException {
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        }

        @TearDown(Level.Trial)
        public void close(BenchmarkParams params) throws IOException {
            int during = connections.get();
            String control;
            try {
                files.stat(available.key());
                control = "answered";
            } catch (RuntimeException expected) {
                control = expected.getClass().getSimpleName();
            }
            int controlConnections = connections.get() - during;
            shutDown();
            String results = System.getenv("BENCH_RESULTS");
            if (results != null && !results.isBlank()) {
                String benchmark = params.getBenchmark();
                String line = "{\"benchmark\":\"" + benchmark.substring(benchmark.lastIndexOf('.') + 1)
                        + "\",\"urls_signed\":" + urls + ",\"connections\":" + during
                        + ",\"control_connections\":" + controlConnections + ",\"control\":\"" + control + "\"}\n";
                Path file = Path.of(results, "attachments-connections.jsonl");
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            if (during != 0) {
                throw new IllegalStateException("signing URLs opened " + during + " connections to the S3 endpoint");
            }
        }

        void shutDown() throws IOException {
            files.close();
            endpoint.close();
        }
    }

    /** The attachment requests' events, and for each a proxy result with exactly the bytes the handler answered. */
    @State(Scope.Benchmark)
    public static class AttachmentBaseline {
        byte[] attachEvent;
        byte[] getAttachmentEvent;
        Result attachResult;
        Result getAttachmentResult;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Attachments attachments = new Attachments();
            attachments.open();
            attachments.reset();
            attachEvent = attachments.attachEvent;
            getAttachmentEvent = attachments.getAttachmentEvent;
            attachResult = Result.of(attachments.handle(attachEvent));
            getAttachmentResult = Result.of(attachments.handle(getAttachmentEvent));
            attachments.shutDown();
        }
    }

    /** The same events and, for each, a proxy result with exactly the bytes the handler answered. */
    @State(Scope.Benchmark)
    public static class Baseline {
        byte[] getEvent;
        byte[] listEvent;
        byte[] postEvent;
        byte[] getInListEvent;
        byte[] listOfListEvent;
        byte[] assignedToMeEvent;
        Result getResult;
        Result listResult;
        Result postResult;
        Result getInListResult;
        Result listOfListResult;
        Result assignedToMeResult;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            // Its own handler, set up like the benchmarked ones, only to record what they answer.
            Handler handler = new Handler();
            handler.setUp();
            Creating creating = new Creating();
            creating.setUp();
            getEvent = handler.getEvent;
            listEvent = handler.listEvent;
            getInListEvent = handler.getInListEvent;
            listOfListEvent = handler.listOfListEvent;
            assignedToMeEvent = handler.assignedToMeEvent;
            postEvent = creating.postEvent;
            getResult = Result.of(handler.handle(getEvent));
            listResult = Result.of(handler.handle(listEvent));
            getInListResult = Result.of(handler.handle(getInListEvent));
            listOfListResult = Result.of(handler.handle(listOfListEvent));
            assignedToMeResult = Result.of(handler.handle(assignedToMeEvent));
            creating.out.reset();
            creating.handler.handleRequest(new ByteArrayInputStream(postEvent), creating.out, null);
            postResult = Result.of(creating.out.toByteArray());
        }
    }

    /** A proxy result's parts, to write again. */
    record Result(int status, Map<String, String> headers, String body) {
        static Result of(byte[] proxyResult) {
            JsonObject json = JsonParser.parseString(new String(proxyResult, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> header : json.getAsJsonObject("headers").entrySet()) {
                headers.put(header.getKey(), header.getValue().getAsString());
            }
            return new Result(json.get("statusCode").getAsInt(), headers, json.get("body").getAsString());
        }
    }

    @Benchmark
    public byte[] getById(Handler state) throws IOException {
        return state.handle(state.getEvent);
    }

    /** A list's task by id: found by the same one-step lookup, then the caller's role in its list is read. */
    @Benchmark
    public byte[] getByIdInList(Handler state) throws IOException {
        return state.handle(state.getInListEvent);
    }

    /** The use case alone, without the handler: the caller's own task by id (one lookup that finds it). */
    @Benchmark
    public Task serviceGetById(Handler state) {
        return state.application.tasks().get(state.caller, state.taskId);
    }

    /** The use case alone: a list's task by id (the lookup, then the caller's role in the list). */
    @Benchmark
    public Task serviceGetByIdInList(Handler state) {
        return state.application.tasks().get(state.caller, state.listTaskId);
    }

    @Benchmark
    public byte[] listPage(Handler state) throws IOException {
        return state.handle(state.listEvent);
    }

    /** {@code GET /tasks?list_id=…&limit=25}: the caller's role in the list, then a page of its tasks. */
    @Benchmark
    public byte[] listPageOfList(Handler state) throws IOException {
        return state.handle(state.listOfListEvent);
    }

    /** {@code GET /tasks?assignee=me&limit=25}: a page of the caller's assigned tasks, then their lists' memberships. */
    @Benchmark
    public byte[] listPageAssignedToMe(Handler state) throws IOException {
        return state.handle(state.assignedToMeEvent);
    }

    @Benchmark
    public int create(Creating state) throws IOException {
        state.out.reset();
        state.handler.handleRequest(new ByteArrayInputStream(state.postEvent), state.out, null);
        return state.out.size();
    }

    /** {@code POST /tasks/{id}/attachments}: the task's write check, a pending attachment and a presigned PUT URL. */
    @Benchmark
    @Warmup(iterations = ATTACHMENT_WARMUPS, time = 2)
    public byte[] attach(Attachments state) throws IOException {
        state.urls++;
        return state.handle(state.attachEvent);
    }

    /** {@code GET /tasks/{id}/attachments/{attachment_id}} of an available attachment: with a presigned GET URL. */
    @Benchmark
    @Warmup(iterations = ATTACHMENT_WARMUPS, time = 2)
    public byte[] getAttachment(Attachments state) throws IOException {
        state.urls++;
        return state.handle(state.getAttachmentEvent);
    }

    /** The store alone: one presigned PUT URL, its expiry computed as the service computes it. */
    @Benchmark
    @Warmup(iterations = ATTACHMENT_WARMUPS, time = 2)
    public UploadGrant uploadGrant(Attachments state) {
        state.urls++;
        return state.files.uploadGrant(state.available.key(), Attachments.CONTENT_TYPE, Attachments.SIZE,
                Instant.now().plus(AttachmentLimits.DEFAULT_URL_LIFETIME));
    }

    /** The store alone: one presigned GET URL, with its signed content disposition and type. */
    @Benchmark
    @Warmup(iterations = ATTACHMENT_WARMUPS, time = 2)
    public DownloadGrant downloadGrant(Attachments state) {
        state.urls++;
        return state.files.downloadGrant(state.available.key(), Attachments.FILENAME, Attachments.CONTENT_TYPE,
                Instant.now().plus(AttachmentLimits.DEFAULT_URL_LIFETIME));
    }

    @Benchmark
    public int baselineAttach(AttachmentBaseline state) throws IOException {
        return parseAndWrite(state.attachEvent, state.attachResult, state.out);
    }

    @Benchmark
    public int baselineGetAttachment(AttachmentBaseline state) throws IOException {
        return parseAndWrite(state.getAttachmentEvent, state.getAttachmentResult, state.out);
    }

    @Benchmark
    public int baselineGetById(Baseline state) throws IOException {
        return parseAndWrite(state.getEvent, state.getResult, state.out);
    }

    @Benchmark
    public int baselineGetByIdInList(Baseline state) throws IOException {
        return parseAndWrite(state.getInListEvent, state.getInListResult, state.out);
    }

    @Benchmark
    public int baselineListPage(Baseline state) throws IOException {
        return parseAndWrite(state.listEvent, state.listResult, state.out);
    }

    @Benchmark
    public int baselineListPageOfList(Baseline state) throws IOException {
        return parseAndWrite(state.listOfListEvent, state.listOfListResult, state.out);
    }

    @Benchmark
    public int baselineListPageAssignedToMe(Baseline state) throws IOException {
        return parseAndWrite(state.assignedToMeEvent, state.assignedToMeResult, state.out);
    }

    @Benchmark
    public int baselineCreate(Baseline state) throws IOException {
        return parseAndWrite(state.postEvent, state.postResult, state.out);
    }

    /**
     * The least a handler must do: read the event into a tree and write the same result with the handler's own
     * writer, so that the ratio measures the handler's work between the two, not how it does its I/O.
     */
    static int parseAndWrite(byte[] event, Result result, ByteArrayOutputStream out) throws IOException {
        JsonObject parsed = JsonParser.parseReader(
                new InputStreamReader(new ByteArrayInputStream(event), StandardCharsets.UTF_8)).getAsJsonObject();
        out.reset();
        ProxyEvents.write(new HttpResponse(result.status(), result.headers(), result.body()), out);
        return out.size() + parsed.size();
    }

    /** The application as the Lambda function assembles it, on an in-memory store, logging to a null stream. */
    static TaskApplication application() {
        return builder(new InMemoryTaskStore()).build();
    }

    /** The settings every benchmarked application shares; the caller adds a file store or not. */
    static TaskApplication.Builder builder(InMemoryTaskStore store) {
        return TaskApplication.builder(store)
                .secret(DeploymentSecret.fromBase64(SECRET))
                .cors(CorsPolicy.parse("*"))
                .log(new RequestLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    /** The user a Cognito token of {@code user} makes the caller: its subject, and its e-mail as the name. */
    static Actor actor(String user) {
        String subject = subject(user);
        return new Actor(new UserId(subject), new OwnerId("user:" + subject),
                Optional.ofNullable(user + "@example.com"));
    }

    /** A Cognito-style subject (a UUID), always the same for one user name. */
    static String subject(String user) {
        return UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /**
     * An API Gateway REST API (payload 1.0) event as the gateway sends it for a method with a Cognito user pool
     * authorizer that accepted {@value #CALLER}'s ID token: the token's claims, all strings, in the request context.
     */
    static byte[] event(String method, String path, Map<String, String> query, String body) {
        Gson gson = new Gson();
        String single = "null";
        String multi = "null";
        if (!query.isEmpty()) {
            JsonObject singleJson = new JsonObject();
            JsonObject multiJson = new JsonObject();
            query.forEach((name, value) -> {
                singleJson.addProperty(name, value);
                com.google.gson.JsonArray values = new com.google.gson.JsonArray();
                values.add(value);
                multiJson.add(name, values);
            });
            single = singleJson.toString();
            multi = multiJson.toString();
        }
        String contentType = body == null ? "" : ",\"Content-Type\":\"application/json\"";
        String multiContentType = body == null ? "" : ",\"Content-Type\":[\"application/json\"]";
        String bodyJson = body == null ? "null" : gson.toJson(body);
        String resource = path.contains("/attachments/") ? "/tasks/{id}/attachments/{attachment_id}"
                : path.endsWith("/attachments") ? "/tasks/{id}/attachments"
                : path.startsWith("/tasks/") ? "/tasks/{id}" : "/tasks";
        String subject = subject(CALLER);
        String claims = "{\"sub\":\"" + subject + "\","
                + "\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1\","
                + "\"aud\":\"example-app-client\",\"token_use\":\"id\",\"cognito:username\":\"" + CALLER + "\","
                + "\"email\":\"" + CALLER + "@example.com\",\"auth_time\":\"1795701500\","
                + "\"exp\":\"Thu Nov 26 15:00:00 UTC 2026\",\"iat\":\"Thu Nov 26 14:00:00 UTC 2026\"}";
        return ("{\"resource\":\"" + resource + "\",\"path\":\"" + path + "\",\"httpMethod\":\"" + method + "\","
                + "\"headers\":{\"Accept\":\"application/json\",\"Authorization\":\"eyJraWQiOi.example.token\","
                + "\"Host\":\"api.example.com\"" + contentType + "},"
                + "\"multiValueHeaders\":{\"Accept\":[\"application/json\"],"
                + "\"Authorization\":[\"eyJraWQiOi.example.token\"],\"Host\":[\"api.example.com\"]"
                + multiContentType + "},"
                + "\"queryStringParameters\":" + single + ",\"multiValueQueryStringParameters\":" + multi + ","
                + "\"pathParameters\":null,\"stageVariables\":null,"
                + "\"requestContext\":{\"resourcePath\":\"" + resource + "\",\"httpMethod\":\"" + method + "\","
                + "\"path\":\"/prod" + path + "\",\"stage\":\"prod\","
                + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\","
                + "\"authorizer\":{\"claims\":" + claims + "}},"
                + "\"body\":" + bodyJson + ",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
    }

    static void check(byte[] proxyResult, int status, String expected) {
        Result result = Result.of(proxyResult);
        if (result.status() != status || !result.body().contains(expected)) {
            throw new IllegalStateException("expected " + status + " with " + expected + ", got " + result.status()
                    + ": " + result.body());
        }
    }
}
