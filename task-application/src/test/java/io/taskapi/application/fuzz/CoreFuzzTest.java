package io.taskapi.application.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TestApplications;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thousands of generated hostile requests straight into the application core. Each case is one seed; a failure names the seed
 * and the request, and {@code -Dfuzz.seeds=FIRST:COUNT} replays or widens the range.
 */
class CoreFuzzTest {
    private static final OwnerId OWNER = OwnerId.SHARED;

    static LongStream seeds() {
        String range = System.getProperty("fuzz.seeds", "1:4000");
        long first = Long.parseLong(range.substring(0, range.indexOf(':')));
        long count = Long.parseLong(range.substring(range.indexOf(':') + 1));
        return LongStream.range(first, first + count);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyRequestGetsAWellFormedAnswerAndARejectedOneChangesNothing(long seed) {
        InMemoryTaskStore store = new InMemoryTaskStore();
        TaskApplication application = TestApplications.quiet(store).build();
        TaskRepository repository = store.tasks();
        TaskApi api = application.api();
        List<String> ids = new ArrayList<>();
        for (String text : List.of("first", "second", "third")) {
            ids.add(application.tasks().create(OWNER, NewTask.builder(text).build()).id());
        }
        FuzzRequest generated = new RequestGenerator(seed, ids).next();
        List<Task> before = everyTask(repository);
        List<Attachment> attachmentsBefore = everyAttachment(store, ids);

        HttpResponse response = api.handle(toCoreRequest(generated));

        String context = "seed " + seed + ": " + generated + " -> " + response.status();
        ResponseInvariants.check(context, generated.method(), response.status(), response.body());
        if (response.status() >= 300) {
            assertThat(everyTask(repository)).as(context + ": a rejected request changed the store")
                    .containsExactlyElementsOf(before);
            assertThat(everyAttachment(store, ids)).as(context + ": a rejected request changed the attachments")
                    .containsExactlyElementsOf(attachmentsBefore);
        }
    }

    /** The request as a server adapter hands it over: raw path, decoded query, headers as sent, body bytes. */
    private static HttpRequest toCoreRequest(FuzzRequest request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (!request.query().isEmpty()) {
            for (String pair : request.query().split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header ->
                headers.computeIfAbsent(header.getKey(), n -> new ArrayList<>()).add(header.getValue()));
        return HttpRequest.builder(request.method(), request.path()).query(query).headers(headers).body(request.body())
                .requestId("fuzz").caller(Caller.owner(OWNER)).build();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<Attachment> everyAttachment(InMemoryTaskStore store, List<String> taskIds) {
        List<Attachment> attachments = new ArrayList<>();
        for (String id : taskIds) {
            attachments.addAll(store.attachments().all(id));
        }
        attachments.addAll(store.attachments().all("01890a5d-ac96-774b-bcce-b302099a8057"));
        return attachments;
    }

    private static List<Task> everyTask(TaskRepository repository) {
        List<Task> all = new ArrayList<>();
        String position = null;
        do {
            TaskSlice slice = repository.list(new TaskScope.Personal(OWNER), TaskFilter.ALL, 100, position);
            all.addAll(slice.items());
            position = slice.nextPosition();
        } while (position != null);
        return all;
    }
}
