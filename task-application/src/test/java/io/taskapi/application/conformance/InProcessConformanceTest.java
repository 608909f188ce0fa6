package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Activity;
import io.taskapi.domain.FailingTaskRepository;
import io.taskapi.domain.ForwardingTaskRepository;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.IdempotencyStore;
import io.taskapi.application.InMemoryIdempotencyStore;
import io.taskapi.application.TaskApi;
import io.taskapi.application.TestApplications;
import io.taskapi.application.TestStore;
import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite against the application core itself, as a front door that authenticates each user hands requests to
 * it, plus the answers a healthy black box cannot provoke (a store that fails, a writer that keeps losing, a retry while
 * the first attempt runs). Afterwards, every response the OpenAPI document lists must have been seen, valid, at least
 * once: the document describes nothing the API does not do. {@code InProcessSharedOwnerConformanceTest} runs the suite
 * without authentication.
 */
class InProcessConformanceTest extends ApiConformanceSuite {
    private static final String ID = "01890a5d-ac96-774b-bcce-b302099a8057";
    private static final String ATTACHMENT =
            "{\"content_type\":\"application/pdf\",\"filename\":\"plan.pdf\",\"size\":12}";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> MERGE_PATCH = Map.of("Content-Type", "application/merge-patch+json");

    @Override
    protected ApiTransport newTransport() {
        return InProcessTransport.inMemory(true);
    }

    private static TaskApi api(TaskRepository repository, IdempotencyStore idempotency) {
        return TestApplications.quiet(new TestStore(repository, idempotency)).build().api();
    }

    /** A transport without authentication to {@code api}, whose store the test itself controls. */
    private static ApiTransport sharedOwner(TaskApi api) {
        return new InProcessTransport(api, false, () -> { });
    }

    private static ApiExchange checked(ApiTransport api, String method, String path, Map<String, String> headers,
            String body) {
        ApiExchange response = api.send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        OpenApiContract.check(method, path, response);
        return response;
    }

    @Test
    void aStoreThatIsDownIsA503AndAStoreBugA500ForEveryOperation() {
        for (Supplier<RuntimeException> failure : List.<Supplier<RuntimeException>>of(
                () -> new StoreUnavailableException(new RuntimeException("throttled")),
                () -> new IllegalStateException("bug"))) {
            ApiTransport broken = sharedOwner(api(new FailingTaskRepository(failure), new InMemoryIdempotencyStore()));
            int expected = failure.get() instanceof StoreUnavailableException ? 503 : 500;

            assertThat(checked(broken, "GET", "/tasks", Map.of(), null).status()).isEqualTo(expected);
            assertThat(checked(broken, "POST", "/tasks", JSON, "{\"task\":\"x\"}").status()).isEqualTo(expected);
            assertThat(checked(broken, "GET", "/tasks/" + ID, Map.of(), null).status()).isEqualTo(expected);
            assertThat(checked(broken, "PUT", "/tasks/" + ID, JSON, "{\"task\":\"x\"}").status()).isEqualTo(expected);
            assertThat(checked(broken, "PATCH", "/tasks/" + ID, MERGE_PATCH, "{\"task\":\"x\"}").status())
                    .isEqualTo(expected);
            assertThat(checked(broken, "DELETE", "/tasks/" + ID, Map.of(), null).status()).isEqualTo(expected);
            assertThat(checked(broken, "GET", "/tasks/" + ID + "/comments", Map.of(), null).status())
                    .isEqualTo(expected);
            assertThat(checked(broken, "POST", "/tasks/" + ID + "/comments", JSON, "{\"text\":\"x\"}").status())
                    .isEqualTo(expected);
            assertThat(checked(broken, "DELETE", "/tasks/" + ID + "/comments/" + ID, Map.of(), null).status())
                    .isEqualTo(expected);
            assertThat(checked(broken, "GET", "/tasks/" + ID + "/activity", Map.of(), null).status())
                    .isEqualTo(expected);
            String attachments = "/tasks/" + ID + "/attachments";
            assertThat(checked(broken, "GET", attachments, Map.of(), null).status()).isEqualTo(expected);
            assertThat(checked(broken, "POST", attachments, JSON, ATTACHMENT).status()).isEqualTo(expected);
            assertThat(checked(broken, "GET", attachments + "/" + ID, Map.of(), null).status()).isEqualTo(expected);
            assertThat(checked(broken, "POST", attachments + "/" + ID + "/complete", Map.of(), null).status())
                    .isEqualTo(expected);
            assertThat(checked(broken, "DELETE", attachments + "/" + ID, Map.of(), null).status())
                    .isEqualTo(expected);
        }
    }

    /** The list operations with a store whose lists and invitations fail; tasks are in memory. */
    @Test
    void aListStoreThatIsDownIsA503AndAListStoreBugA500ForEveryOperation() {
        String list = "/lists/" + ID;
        for (Supplier<RuntimeException> failure : List.<Supplier<RuntimeException>>of(
                () -> new StoreUnavailableException(new RuntimeException("throttled")),
                () -> new IllegalStateException("bug"))) {
            TestStore store = new TestStore(new InMemoryTaskRepository(), failing(ListRepository.class, failure),
                    failing(InvitationRepository.class, failure), new InMemoryIdempotencyStore());
            ApiTransport broken = sharedOwner(TestApplications.quiet(store).build().api());
            int expected = failure.get() instanceof StoreUnavailableException ? 503 : 500;

            for (String[] request : List.of(new String[] {"GET", "/lists", null}, new String[] {"GET", list, null},
                    new String[] {"DELETE", list, null}, new String[] {"GET", list + "/members", null},
                    new String[] {"DELETE", list + "/members/someone", null},
                    new String[] {"POST", "/invitations/" + "A".repeat(43), null},
                    new String[] {"POST", "/lists", "{\"name\":\"x\"}"},
                    new String[] {"PUT", list + "/members/someone", "{\"role\":\"viewer\"}"},
                    new String[] {"POST", list + "/invitations", "{\"role\":\"viewer\"}"})) {
                assertThat(checked(broken, request[0], request[1], JSON, request[2]).status())
                        .as(request[0] + " " + request[1]).isEqualTo(expected);
            }
            assertThat(checked(broken, "PATCH", list, MERGE_PATCH, "{\"name\":\"x\"}").status()).isEqualTo(expected);
        }
    }

    /** A repository of {@code type} whose every call fails with a fresh exception from {@code failure}. */
    private static <T> T failing(Class<T> type, Supplier<RuntimeException> failure) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "failing " + type.getSimpleName()
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            throw failure.get();
        }));
    }

    /** Oversized list, member and invitation bodies are refused before parsing, like an oversized task. */
    @Test
    void anOversizedListMemberOrInvitationBodyIsA413() {
        ApiTransport api = newTransport();
        String list = json(checked(api, "POST", "/lists", JSON, "{\"name\":\"x\"}")).get("id").getAsString();
        String oversized = "{\"name\":\"x\"}" + " ".repeat(65_536);

        assertThat(checked(api, "POST", "/lists", JSON, oversized).status()).isEqualTo(413);
        assertThat(checked(api, "PATCH", "/lists/" + list, MERGE_PATCH, oversized).status()).isEqualTo(413);
        assertThat(checked(api, "PUT", "/lists/" + list + "/members/someone", JSON, oversized).status()).isEqualTo(413);
        assertThat(checked(api, "POST", "/lists/" + list + "/invitations", JSON, oversized).status()).isEqualTo(413);
    }

    /** An oversized comment is refused before parsing, like an oversized task. */
    @Test
    void anOversizedCommentIsA413() {
        ApiTransport api = newTransport();
        String task = checked(api, "POST", "/tasks", JSON, "{\"task\":\"x\"}").header("Location").orElseThrow()
                .substring("/tasks/".length());
        String oversized = "{\"text\":\"x\"}" + " ".repeat(65_536);

        assertThat(checked(api, "POST", "/tasks/" + task + "/comments", JSON, oversized).status()).isEqualTo(413);
        assertThat(json(checked(api, "GET", "/tasks/" + task + "/comments", Map.of(), null)).get("count").getAsInt())
                .isZero();
    }

    /** An oversized description of an attachment is refused before parsing, like an oversized task. */
    @Test
    void anOversizedAttachmentIsA413() {
        ApiTransport api = newTransport();
        String task = checked(api, "POST", "/tasks", JSON, "{\"task\":\"x\"}").header("Location").orElseThrow()
                .substring("/tasks/".length());

        assertThat(checked(api, "POST", "/tasks/" + task + "/attachments", JSON, ATTACHMENT + " ".repeat(65_536))
                .status()).isEqualTo(413);
        assertThat(json(checked(api, "GET", "/tasks/" + task + "/attachments", Map.of(), null)).get("count")
                .getAsInt()).isZero();
    }

    /**
     * Browsers send preflights without credentials: each route of a task's history and attachments answers them with
     * its methods.
     */
    @Test
    void theHistoryAndAttachmentRoutesAnswerPreflightsWithoutCredentials() {
        ApiTransport api = newTransport();
        for (String[] route : List.of(new String[] {"/tasks/" + ID + "/comments", "GET, HEAD, POST, OPTIONS"},
                new String[] {"/tasks/" + ID + "/comments/" + ID, "DELETE, OPTIONS"},
                new String[] {"/tasks/" + ID + "/activity", "GET, HEAD, OPTIONS"},
                new String[] {"/tasks/" + ID + "/attachments", "GET, HEAD, POST, OPTIONS"},
                new String[] {"/tasks/" + ID + "/attachments/" + ID, "GET, HEAD, DELETE, OPTIONS"},
                new String[] {"/tasks/" + ID + "/attachments/" + ID + "/complete", "POST, OPTIONS"})) {
            ApiExchange preflight = checked(api, "OPTIONS", route[0], Map.of(ApiTransport.USER, "",
                    "Origin", "https://app.example.com", "Access-Control-Request-Method", route[1].split(", ")[0]),
                    null);

            assertThat(preflight.status()).as(route[0]).isEqualTo(204);
            assertThat(preflight.header("Allow")).as(route[0]).contains(route[1]);
            assertThat(preflight.body()).isEmpty();
        }
    }

    @Test
    void aRenameThatKeepsLosingRacesIsA409() {
        InMemoryListRepository memory = new InMemoryListRepository();
        ListRepository lists = (ListRepository) Proxy.newProxyInstance(ListRepository.class.getClassLoader(),
                new Class<?>[] {ListRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replace")) {
                        throw VersionConflictException.ofList();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ApiTransport contended = sharedOwner(TestApplications.quiet(new TestStore(new InMemoryTaskRepository(), lists,
                new InMemoryInvitationRepository(), new InMemoryIdempotencyStore())).build().api());
        String list = json(checked(contended, "POST", "/lists", JSON, "{\"name\":\"x\"}")).get("id").getAsString();

        ApiExchange lost = checked(contended, "PATCH", "/lists/" + list, MERGE_PATCH, "{\"name\":\"y\"}");

        assertThat(lost.status()).isEqualTo(409);
        assertThat(lost.body()).contains("List was modified by another request");
    }

    @Test
    void anUpdateThatKeepsLosingRacesIsA409() {
        InMemoryTaskRepository store = new InMemoryTaskRepository();
        ApiTransport contended = sharedOwner(api(new ForwardingTaskRepository(store) {
            @Override
            public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
                throw new VersionConflictException();
            }
        }, new InMemoryIdempotencyStore()));
        String id = checked(contended, "POST", "/tasks", JSON, "{\"task\":\"x\"}").header("Location").orElseThrow()
                .substring("/tasks/".length());

        assertThat(checked(contended, "PUT", "/tasks/" + id, JSON, "{\"task\":\"y\"}").status()).isEqualTo(409);
        assertThat(checked(contended, "PATCH", "/tasks/" + id, MERGE_PATCH, "{\"task\":\"y\"}").status())
                .isEqualTo(409);
    }

    @Test
    void aRetryWhileTheFirstAttemptRunsIs409() {
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        ApiTransport api = sharedOwner(api(new InMemoryTaskRepository(), keys));
        long now = Clock.systemUTC().instant().getEpochSecond();
        for (String fingerprintOf : List.of("POST /tasks", "PATCH /tasks/" + ID, "POST /lists", "PATCH /lists/" + ID,
                "POST /lists/" + ID + "/invitations", "POST /tasks/" + ID + "/comments",
                "POST /tasks/" + ID + "/attachments")) {
            String[] methodAndPath = fingerprintOf.split(" ");
            String body = fingerprintOf.endsWith("/invitations") ? "{\"role\":\"viewer\"}"
                    : fingerprintOf.endsWith("/comments") ? "{\"text\":\"x\"}"
                    : fingerprintOf.endsWith("/attachments") ? ATTACHMENT
                    : fingerprintOf.contains("/lists") ? "{\"name\":\"x\"}" : "{\"task\":\"x\"}";
            String key = "running-" + methodAndPath[0] + methodAndPath[1].replace('/', '-');
            keys.claim(OwnerId.SHARED, key, sha256(methodAndPath[0], methodAndPath[1], body),
                    now);
            Map<String, String> headers = Map.of("Content-Type", methodAndPath[0].equals("POST")
                    ? "application/json" : "application/merge-patch+json", "Idempotency-Key", key);

            ApiExchange response = checked(api, methodAndPath[0], methodAndPath[1], headers, body);

            assertThat(response.status()).as(fingerprintOf).isEqualTo(409);
            assertThat(response.header("Retry-After")).contains("1");
        }
    }

    /**
     * Oversized updates are refused by the core before parsing, like an oversized create (which the suite checks on
     * every front door); checked here, where no socket can race the answer.
     */
    @Test
    void anOversizedUpdateIsA413() {
        ApiTransport api = newTransport();
        String id = checked(api, "POST", "/tasks", JSON, "{\"task\":\"x\"}").header("Location").orElseThrow()
                .substring("/tasks/".length());
        String oversized = "{\"status\":\"new\"}" + " ".repeat(65_536);

        assertThat(checked(api, "PUT", "/tasks/" + id, JSON, oversized).status()).isEqualTo(413);
        assertThat(checked(api, "PATCH", "/tasks/" + id, MERGE_PATCH, oversized).status()).isEqualTo(413);
    }

    /**
     * What a front door reports about credentials it could not accept is rendered by the core alone: a refused token is
     * a 401 whose challenge names {@code invalid_token} and says nothing of why, and a token that cannot be checked now
     * is a 503 to retry; neither reaches the store.
     */
    @Test
    void refusedAndUncheckableCredentialsAreAnsweredByTheCore() {
        TaskApi api = api(new FailingTaskRepository(() -> new IllegalStateException("the store must not be reached")),
                new InMemoryIdempotencyStore());
        for (String[] request : List.of(new String[] {"GET", "/tasks"}, new String[] {"DELETE", "/tasks/" + ID},
                new String[] {"HEAD", "/tasks/" + ID}, new String[] {"GET", "/me"},
                new String[] {"POST", "/tasks/" + ID + "/comments"},
                new String[] {"HEAD", "/tasks/" + ID + "/comments"},
                new String[] {"DELETE", "/tasks/" + ID + "/comments/" + ID},
                new String[] {"GET", "/tasks/" + ID + "/activity"},
                new String[] {"HEAD", "/tasks/" + ID + "/activity"},
                new String[] {"POST", "/tasks/" + ID + "/attachments"},
                new String[] {"HEAD", "/tasks/" + ID + "/attachments"},
                new String[] {"HEAD", "/tasks/" + ID + "/attachments/" + ID},
                new String[] {"POST", "/tasks/" + ID + "/attachments/" + ID + "/complete"})) {
            ApiExchange rejected = exchange(api, request[0], request[1], Caller.rejected("expired"));
            ApiExchange unverifiable = exchange(api, request[0], request[1], Caller.unverifiable("jwks_unreachable"));

            assertThat(rejected.status()).isEqualTo(401);
            assertThat(rejected.header("WWW-Authenticate")).contains("Bearer realm=\"tasks\", error=\"invalid_token\"");
            assertThat(rejected.body()).isIn("", "{\"message\":\"The access token is invalid or has expired\","
                    + "\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"The access token is invalid or has expired\"}");
            assertThat(rejected.body()).doesNotContain("signature", "issuer", "audience", "kid");
            assertThat(unverifiable.status()).isEqualTo(503);
            assertThat(unverifiable.header("Retry-After")).contains("5");
            assertThat(unverifiable.header("WWW-Authenticate")).isEmpty();
        }
    }

    private static ApiExchange exchange(TaskApi api, String method, String path, Caller caller) {
        HttpResponse response = api.handle(HttpRequest.builder(method, path).requestId("r").caller(caller).build());
        ApiExchange exchange = InProcessTransport.exchange(response);
        if (!method.equals("HEAD") || response.status() != 503) {
            OpenApiContract.check(method, path, exchange);
        }
        return exchange;
    }

    @AfterAll
    static void everyDocumentedResponseWasSeen() {
        Set<String> missing = new TreeSet<>(OpenApiContract.documentedResponses());
        missing.removeAll(OpenApiContract.seenResponses());

        assertThat(missing).as("documented responses no test provoked").isEmpty();
    }

    private static String sha256(String method, String path, String body) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
