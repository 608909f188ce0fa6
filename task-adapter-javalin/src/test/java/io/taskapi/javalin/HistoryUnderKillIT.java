package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A task's activity never lies, end to end: concurrent clients while the server and its engine are killed -9. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryUnderKillIT {
    private static final Path JAR = Path.of("target", "task-server.jar").toAbsolutePath();
    /** Kept after the run (unlike the engine's data): the server's output is what explains a failure. */
    private static final Path LOGS = Path.of("target", "history-under-kill").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Pattern LISTENING = Pattern.compile("Task API listening on http://127\\.0\\.0\\.1:(\\d+)");
    /** Fixed so that page tokens stay valid whichever server generation issued them. */
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** {@code -Dhistory.seed=N} replays a run's choices; the interleaving of threads and kills varies regardless. */
    private static final long SEED = Long.getLong("history.seed", System.nanoTime());
    private static final Duration CHAOS = Duration.ofSeconds(Long.getLong("history.seconds", 30));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int TASKS = 4;
    private static final int CLIENTS = 6;
    private static final int RACERS = 8;
    private static final int RACE_ROUNDS = 3;
    private static final int PAGE = 100;
    /** Every task field as its JSON and its activity name it. */
    private static final List<String> FIELDS = List.of("task", "status", "priority", "tags", "description",
            "due_date", "list_id", "assignee");
    private static final List<String> STATUSES = List.of("new", "in_progress", "completed", "cancelled");
    private static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
    private static final List<String> TAGS = List.of("red", "green", "blue", "home", "work");
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> MERGE_PATCH = Map.of("Content-Type", "application/merge-patch+json");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @TempDir
    static Path data;

    private Dynalite dynalite;
    private volatile boolean engineDown;
    private volatile Process server;
    private int generation;
    /** The running server's address; its port changes with every start. */
    private volatile URI base;
    private Thread reaper;
    private final long started = System.nanoTime();
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startEngineAndServer() throws Exception {
        System.out.println("HistoryUnderKillIT: -Dhistory.seed=" + SEED);
        Files.createDirectories(LOGS);
        try (Stream<Path> old = Files.list(LOGS)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        // Dynalite's own watchdog ends it with this JVM; the server has none, so a JVM that exits early ends it here.
        reaper = new Thread(() -> {
            Process running = server;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "history-under-kill-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        dynalite = Dynalite.start(data);
        startServer();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            killServer();
        } finally {
            if (dynalite != null) {
                dynalite.stop();
            }
            if (reaper != null) {
                Runtime.getRuntime().removeShutdownHook(reaper);
            }
        }
    }

    @Test
    void activityMatchesWhatClientsWereToldAfterKillingServerAndEngine() throws Exception {
        reportingSeed(() -> {
            ensureUp();
            Journal journal = new Journal();
            List<String> taskIds = createTasks(journal);
            Map<String, String> etags = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            int[] kills;
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    running.add(clients.submit(new Client(i, taskIds, journal, etags, stop)));
                }
                kills = chaos(new Random(SEED));
            } finally {
                stop.set(true);
                clients.shutdown();
                if (!clients.awaitTermination(2 * REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    clients.shutdownNow();
                }
            }
            for (Future<?> client : running) {
                client.get(); // a client's own failure (not a request's) is the test's
            }
            ensureUp();
            note("checking");
            List<String> problems = verify(taskIds, journal);
            System.out.println("HistoryUnderKillIT: " + kills[0] + " server kills, " + kills[1] + " engine kills; "
                    + journal.statuses + "; " + timeline);
            assertThat(kills[0]).as("server kills").isPositive();
            assertThat(kills[1]).as("engine kills").isPositive();
            assertThat(journal.acknowledged()).as("acknowledged unique values").isGreaterThan(50);
            assertThat(problems.subList(0, Math.min(40, problems.size())))
                    .as("inconsistencies (the first 40 of %d)", problems.size()).isEmpty();
        });
    }

    @Test
    void ofPutsRacingOnOneIfMatchExactlyOneWinsAndWritesOneEntry() throws Exception {
        reportingSeed(() -> {
            ensureUp();
            JsonObject body = new JsonObject();
            body.addProperty("task", "race");
            Answer created = send("POST", "/tasks", JSON, body, null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
            String etag = created.etag();
            String text = "race";
            for (int round = 0; round < RACE_ROUNDS; round++) {
                int before = readAll("/tasks/" + id + "/activity").size();
                Map<String, Answer> answers = race(id, etag, round);

                List<String> winners = answers.entrySet().stream().filter(answer -> answer.getValue().status() == 200)
                        .map(Map.Entry::getKey).toList();
                assertThat(winners).as("winners of round %d: %s", round, answers).hasSize(1);
                assertThat(answers.values()).filteredOn(answer -> answer.status() != 200)
                        .extracting(Answer::status).as("losers of round %d", round).containsOnly(412);
                List<JsonObject> entries = readAll("/tasks/" + id + "/activity");
                assertThat(entries).as("entries after round %d", round).hasSize(before + 1);
                JsonObject change = entries.get(0).getAsJsonObject("changes");
                assertThat(change.keySet()).containsExactly("task");
                assertThat(change.getAsJsonObject("task").get("from").getAsString()).isEqualTo(text);
                assertThat(change.getAsJsonObject("task").get("to").getAsString()).isEqualTo(winners.get(0));
                text = winners.get(0);
                etag = answers.get(text).etag();
            }
        });
    }

    /** {@link #RACERS} PUTs with the same If-Match, released together; each answer by the text it tried to set. */
    private Map<String, Answer> race(String id, String etag, int round) throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Map<String, Future<Answer>> answers = new TreeMap<>();
            for (int i = 0; i < RACERS; i++) {
                JsonObject body = new JsonObject();
                body.addProperty("task", "r" + round + "-" + i);
                answers.put("r" + round + "-" + i, racers.submit(() -> {
                    go.await();
                    return send("PUT", "/tasks/" + id, Map.of("Content-Type", "application/json", "If-Match", etag),
                            body, null);
                }));
            }
            go.countDown();
            Map<String, Answer> result = new TreeMap<>();
            for (Map.Entry<String, Future<Answer>> answer : answers.entrySet()) {
                result.put(answer.getKey(), answer.getValue().get(2 * REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return result;
        } finally {
            racers.shutdownNow();
        }
    }

    /**
     * Kills the server or the engine at random moments until {@link #CHAOS} is over (the engine the second of every
     * three times) and brings it back; returns how many times each was killed.
     */
    private int[] chaos(Random random) throws Exception {
        long end = System.nanoTime() + CHAOS.toNanos();
        int[] kills = new int[2];
        for (int event = 0; ; event++) {
            long pause = 1_500 + random.nextInt(2_500);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > end) {
                return kills;
            }
            Thread.sleep(pause);
            if (event % 3 == 1) {
                engineDown = true;
                dynalite.kill();
                note("engine killed");
                kills[1]++;
                // Down for a while, so that requests meet a missing engine and not only a restarted one.
                Thread.sleep(200 + random.nextInt(1_300));
                dynalite.restart();
                engineDown = false;
                note("engine back");
            } else {
                killServer();
                note("server killed");
                kills[0]++;
                Thread.sleep(random.nextInt(500));
                startServer();
                note("server " + generation + " listening");
            }
        }
    }

    /** Creates the tasks the clients edit, each with some details set, so that the creation records several fields. */
    private List<String> createTasks(Journal journal) {
        Random random = new Random(SEED);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            JsonObject body = new JsonObject();
            body.addProperty("task", "t" + i);
            body.addProperty("priority", PRIORITIES.get(random.nextInt(PRIORITIES.size())));
            if (i % 2 == 0) {
                body.addProperty("description", "dt" + i);
            } else {
                body.add("tags", tags(random));
            }
            body.addProperty("due_date", "2030-02-0" + (i + 1));
            journal.sending(body);
            Answer created = send("POST", "/tasks", JSON, body, journal);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
            journal.unique(id, "task", "t" + i, Outcome.ACKNOWLEDGED);
            if (i % 2 == 0) {
                journal.unique(id, "description", "dt" + i, Outcome.ACKNOWLEDGED);
            }
            ids.add(id);
        }
        return ids;
    }

    /** One client: edits random tasks in a loop, recording what it sent and what it was told. */
    private final class Client implements Runnable {
        private final int number;
        private final Random random;
        private final List<String> taskIds;
        private final Journal journal;
        private final Map<String, String> etags;
        private final AtomicBoolean stop;
        /** Its own acknowledged comments not yet deleted: task id and comment id. */
        private final List<String[]> comments = new ArrayList<>();
        private int sent;

        Client(int number, List<String> taskIds, Journal journal, Map<String, String> etags, AtomicBoolean stop) {
            this.number = number;
            this.random = new Random(SEED + 7919L * (number + 1));
            this.taskIds = taskIds;
            this.journal = journal;
            this.etags = etags;
            this.stop = stop;
        }

        @Override
        public void run() {
            while (!stop.get() && !Thread.currentThread().isInterrupted()) {
                String task = taskIds.get(random.nextInt(taskIds.size()));
                String unique = Integer.toString(number) + "-" + sent++;
                int dice = random.nextInt(100);
                Outcome outcome;
                if (dice < 30) {
                    outcome = patchText(task, "w" + unique);
                } else if (dice < 45) {
                    outcome = patch(task, statusOrPriority());
                } else if (dice < 55) {
                    outcome = patchDetail(task, "d" + unique);
                } else if (dice < 72) {
                    outcome = comment(task, "c" + unique);
                } else if (dice < 82 && !comments.isEmpty()) {
                    outcome = deleteComment();
                } else {
                    outcome = conditionalPut(task, "p" + unique);
                }
                if (outcome == Outcome.UNKNOWN) {
                    // The server or the engine is down: give it a moment rather than spin on refused connections.
                    pause(50 + random.nextInt(100));
                }
            }
        }

        private Outcome patchText(String task, String text) {
            JsonObject body = new JsonObject();
            body.addProperty("task", text);
            if (random.nextInt(5) == 0) {
                body.addProperty("status", STATUSES.get(random.nextInt(STATUSES.size())));
            }
            journal.unique(task, "task", text, Outcome.UNKNOWN);
            Outcome outcome = patch(task, body);
            journal.unique(task, "task", text, outcome);
            return outcome;
        }

        private JsonObject statusOrPriority() {
            JsonObject body = new JsonObject();
            int which = random.nextInt(3);
            if (which != 1) {
                body.addProperty("status", STATUSES.get(random.nextInt(STATUSES.size())));
            }
            if (which != 0) {
                body.addProperty("priority", PRIORITIES.get(random.nextInt(PRIORITIES.size())));
            }
            return body;
        }

        private Outcome patchDetail(String task, String description) {
            JsonObject body = new JsonObject();
            switch (random.nextInt(6)) {
                case 0 -> {
                    body.addProperty("description", description);
                    journal.unique(task, "description", description, Outcome.UNKNOWN);
                    Outcome outcome = patch(task, body);
                    journal.unique(task, "description", description, outcome);
                    return outcome;
                }
                case 1 -> body.add("description", JsonNull.INSTANCE);
                case 2 -> body.add("tags", tags(random));
                case 3 -> body.add("tags", JsonNull.INSTANCE);
                case 4 -> body.addProperty("due_date",
                        String.format(Locale.ROOT, "2030-03-%02d", 1 + random.nextInt(28)));
                default -> body.add("due_date", JsonNull.INSTANCE);
            }
            return patch(task, body);
        }

        private Outcome patch(String task, JsonObject body) {
            journal.sending(body);
            return remember(task, send("PATCH", "/tasks/" + task, MERGE_PATCH, body, journal)).outcome();
        }

        private Outcome comment(String task, String text) {
            JsonObject body = new JsonObject();
            body.addProperty("text", text);
            journal.comments.put(text, new SentComment(task, Outcome.UNKNOWN, null));
            Answer answer = send("POST", "/tasks/" + task + "/comments", JSON, body, journal);
            String id = null;
            if (answer.outcome() == Outcome.ACKNOWLEDGED) {
                id = JsonParser.parseString(answer.body()).getAsJsonObject().get("id").getAsString();
                comments.add(new String[] {task, id});
            }
            journal.comments.put(text, new SentComment(task, answer.outcome(), id));
            return answer.outcome();
        }

        private Outcome deleteComment() {
            String[] comment = comments.remove(random.nextInt(comments.size()));
            journal.deletions.put(comment[1], Outcome.UNKNOWN);
            Outcome outcome = send("DELETE", "/tasks/" + comment[0] + "/comments/" + comment[1], Map.of(), null,
                    journal).outcome();
            journal.deletions.put(comment[1], outcome);
            return outcome;
        }

        /**
         * A PUT on the version some client last saw (often stale, so often refused), or a fresh one now and then: the
         * If-Match clients share.
         */
        private Outcome conditionalPut(String task, String text) {
            String etag = etags.get(task);
            if (etag == null || random.nextInt(3) == 0) {
                etag = remember(task, send("GET", "/tasks/" + task, Map.of(), null, journal)).etag();
                if (etag == null) {
                    return Outcome.UNKNOWN;
                }
            }
            JsonObject body = new JsonObject();
            body.addProperty("task", text);
            journal.unique(task, "task", text, Outcome.UNKNOWN);
            Answer answer = send("PUT", "/tasks/" + task, Map.of("Content-Type", "application/json",
                    "If-Match", etag), body, journal);
            journal.unique(task, "task", text, answer.outcome());
            return remember(task, answer).outcome();
        }

        private Answer remember(String task, Answer answer) {
            if (answer.outcome() == Outcome.ACKNOWLEDGED && answer.etag() != null) {
                etags.put(task, answer.etag());
            }
            return answer;
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Everything to check, collected rather than thrown so that one run reports every inconsistency it finds. */
    private List<String> verify(List<String> taskIds, Journal journal) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> occurrences = new HashMap<>();
        Map<String, Integer> listedTexts = new HashMap<>();
        int total = 0;
        for (String id : taskIds) {
            JsonObject task = readJson("/tasks/" + id);
            List<JsonObject> entries = readAll("/tasks/" + id + "/activity");
            total += entries.size();
            List<JsonObject> comments = readAll("/tasks/" + id + "/comments");
            List<String> sequence = entries.stream().map(entry -> entry.get("id").getAsString()).toList();
            for (int i = 0; i < entries.size(); i++) {
                if (!sequence.get(i).equals(Integer.toString(entries.size() - i))) {
                    problems.add(id + ": sequence ids are not n..1: " + sequence);
                    break;
                }
            }
            List<JsonObject> oldestFirst = new ArrayList<>(entries);
            Collections.reverse(oldestFirst);
            replay(id, task, oldestFirst, journal, occurrences, problems);
            checkComments(id, oldestFirst, comments, journal, listedTexts, problems);
        }
        int[] unknown = new int[2];
        journal.values.forEach((key, sent) -> {
            List<String> found = occurrences.getOrDefault(key, List.of());
            if (sent.outcome() == Outcome.UNKNOWN) {
                unknown[0]++;
                unknown[1] += found.size();
            }
            boolean elsewhere = found.stream().anyMatch(where -> !where.startsWith(sent.taskId() + " "));
            boolean fits = switch (sent.outcome()) {
                case ACKNOWLEDGED -> found.size() == 1 && !elsewhere;
                case UNKNOWN -> found.size() <= 1 && !elsewhere;
                case REFUSED -> found.isEmpty();
            };
            if (!fits) {
                problems.add(sent.outcome() + " " + key + " (sent to " + sent.taskId() + ") is in " + found);
            }
        });
        occurrences.forEach((key, found) -> {
            if (!journal.values.containsKey(key)) {
                problems.add(key + " was never sent but is in " + found);
            }
        });
        listedTexts.forEach((text, count) -> {
            if (count > 1) {
                problems.add("comment " + text + " is listed " + count + " times");
            }
        });
        // Shows that the kills did leave writes in doubt, which is what the check is about.
        System.out.println("HistoryUnderKillIT: " + total + " entries, " + listedTexts.size() + " comments listed; "
                + unknown[1] + " of " + unknown[0] + " unique values of unknown outcome were applied");
        return problems;
    }

    /**
     * Replays the entries oldest first: each change starts from the value the entries before it leave, names a value
     * some client sent, and together they end at the task as it is.
     */
    private static void replay(String id, JsonObject task, List<JsonObject> oldestFirst, Journal journal,
            Map<String, List<String>> occurrences, List<String> problems) {
        Map<String, JsonElement> state = new HashMap<>();
        FIELDS.forEach(field -> state.put(field, JsonNull.INSTANCE));
        for (int i = 0; i < oldestFirst.size(); i++) {
            JsonObject entry = oldestFirst.get(i);
            String where = id + " entry " + entry.get("id").getAsString();
            String action = entry.get("action").getAsString();
            JsonObject changes = entry.getAsJsonObject("changes");
            if ((i == 0) != action.equals("created")) {
                problems.add(where + ": " + action + (i == 0 ? " is the first entry" : " is not the first entry"));
            }
            if (action.equals("commented") || action.equals("comment_deleted")) {
                if (!changes.keySet().isEmpty() || !entry.has("comment_id")) {
                    problems.add(where + ": a comment entry changes fields or names no comment: " + entry);
                }
                continue;
            }
            if (changes.keySet().isEmpty() || entry.has("comment_id")) {
                problems.add(where + ": a change entry changes nothing or names a comment: " + entry);
            }
            for (String field : changes.keySet()) {
                JsonObject change = changes.getAsJsonObject(field);
                JsonElement from = change.get("from");
                JsonElement to = change.get("to");
                if (!state.containsKey(field)) {
                    problems.add(where + ": unknown field " + field);
                    continue;
                }
                if (!from.equals(state.get(field))) {
                    problems.add(where + ": " + field + " from " + from + " but the entries before leave "
                            + state.get(field));
                }
                if (from.equals(to)) {
                    problems.add(where + ": " + field + " does not change: " + change);
                }
                if (!to.isJsonNull() && !journal.sent.getOrDefault(field, Set.of()).contains(to.toString())) {
                    problems.add(where + ": " + field + " to " + to + ", a value no client sent");
                }
                if ((field.equals("task") || field.equals("description")) && to.isJsonPrimitive()) {
                    occurrences.computeIfAbsent(field + "=" + to.getAsString(), key -> new ArrayList<>()).add(where);
                }
                state.put(field, to);
            }
            String expected = changes.has("list_id") ? "moved"
                    : changes.keySet().equals(Set.of("assignee")) ? "assigned" : "updated";
            if (i > 0 && !action.equals(expected)) {
                problems.add(where + ": action " + action + " for changes " + changes.keySet());
            }
        }
        for (String field : FIELDS) {
            JsonElement actual = task.has(field) ? task.get(field) : JsonNull.INSTANCE;
            if (!actual.equals(state.get(field))) {
                problems.add(id + ": " + field + " is " + actual + " but the activity replays to " + state.get(field));
            }
        }
    }

    /**
     * The comments listed are exactly those the activity says were posted and not deleted, and each agrees with what
     * its client was told.
     */
    private static void checkComments(String id, List<JsonObject> oldestFirst, List<JsonObject> comments,
            Journal journal, Map<String, Integer> listedTexts, List<String> problems) {
        Map<String, String> posted = new LinkedHashMap<>();
        Map<String, String> deleted = new LinkedHashMap<>();
        for (JsonObject entry : oldestFirst) {
            String action = entry.get("action").getAsString();
            if (!entry.has("comment_id")) {
                continue;
            }
            String where = id + " entry " + entry.get("id").getAsString();
            String commentId = entry.get("comment_id").getAsString();
            if (action.equals("commented") && posted.put(commentId, where) != null) {
                problems.add(where + ": comment " + commentId + " posted twice");
            }
            if (action.equals("comment_deleted")) {
                if (!posted.containsKey(commentId)) {
                    problems.add(where + ": comment " + commentId + " deleted without being posted before");
                }
                if (deleted.put(commentId, where) != null) {
                    problems.add(where + ": comment " + commentId + " deleted twice");
                }
                if (!journal.deletions.containsKey(commentId)) {
                    problems.add(where + ": comment " + commentId + " deleted, but no client deleted it");
                }
            }
        }
        Set<String> listed = new HashSet<>();
        for (JsonObject comment : comments) {
            String commentId = comment.get("id").getAsString();
            String text = comment.get("text").getAsString();
            SentComment sent = journal.comments.get(text);
            if (!listed.add(commentId)) {
                problems.add(id + ": comment " + commentId + " listed twice");
            }
            listedTexts.merge(text, 1, Integer::sum);
            if (sent == null || !sent.taskId().equals(id) || !comment.get("task_id").getAsString().equals(id)) {
                problems.add(id + ": comment " + comment + " is not one a client sent to this task");
            } else if (sent.outcome() == Outcome.REFUSED
                    || sent.outcome() == Outcome.ACKNOWLEDGED && !sent.id().equals(commentId)) {
                problems.add(id + ": comment " + comment + " listed, but its client was told " + sent);
            }
        }
        Set<String> expected = new HashSet<>(posted.keySet());
        expected.removeAll(deleted.keySet());
        if (!expected.equals(listed)) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(listed);
            Set<String> extra = new HashSet<>(listed);
            extra.removeAll(expected);
            problems.add(id + ": comments listed differ from the activity: missing " + missing + ", extra " + extra);
        }
        Set<String> acknowledged = new HashSet<>();
        journal.comments.forEach((text, sent) -> {
            if (!sent.taskId().equals(id) || sent.outcome() != Outcome.ACKNOWLEDGED) {
                return;
            }
            acknowledged.add(sent.id());
            Outcome deletion = journal.deletions.get(sent.id());
            if (!posted.containsKey(sent.id())) {
                problems.add(id + ": acknowledged comment " + text + " (" + sent.id() + ") has no commented entry");
            }
            if (deletion == Outcome.ACKNOWLEDGED && (!deleted.containsKey(sent.id()) || listed.contains(sent.id()))) {
                problems.add(id + ": acknowledged deletion of " + text + " (" + sent.id() + ") is not recorded");
            }
            if ((deletion == null || deletion == Outcome.REFUSED)
                    && (deleted.containsKey(sent.id()) || !listed.contains(sent.id()))) {
                problems.add(id + ": comment " + text + " (" + sent.id() + ", deletion " + deletion + ") is gone");
            }
        });
        for (Map.Entry<String, String> post : posted.entrySet()) {
            if (!acknowledged.contains(post.getKey()) && !listed.contains(post.getKey())) {
                problems.add(post.getValue() + ": comment " + post.getKey() + " is neither acknowledged nor listed");
            }
        }
    }

    /** Every item of a listing, following {@code next} to the end. */
    private List<JsonObject> readAll(String path) {
        List<JsonObject> items = new ArrayList<>();
        String next = null;
        do {
            JsonObject page = readJson(path + "?limit=" + PAGE
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            page.getAsJsonArray("items").forEach(item -> items.add(item.getAsJsonObject()));
            JsonElement token = page.get("next");
            next = token == null || token.isJsonNull() ? null : token.getAsString();
        } while (next != null);
        return items;
    }

    /** A 200's JSON; a server just (re)started may still be reconnecting to the engine, so 5xx is retried a while. */
    private JsonObject readJson(String path) {
        Answer answer = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            answer = send("GET", path, Map.of(), null, null);
            if (answer.status() == 200) {
                return JsonParser.parseString(answer.body()).getAsJsonObject();
            }
            if (answer.outcome() != Outcome.UNKNOWN) {
                break;
            }
            sleep(200);
        }
        throw new AssertionError("GET " + path + " answered " + answer);
    }

    /** Sends a request to the running server; a failed connection is an answer with status 0. */
    private Answer send(String method, String path, Map<String, String> headers, JsonObject body, Journal journal) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        Answer answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answer = new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            answer = new Answer(0, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(0, e.toString(), null);
        }
        if (journal != null) {
            String route = path.contains("/comments") ? " comment" : "";
            journal.statuses.computeIfAbsent(method + route + " " + answer.status(), key -> new AtomicInteger())
                    .incrementAndGet();
        }
        return answer;
    }

    private void ensureUp() throws Exception {
        if (engineDown) {
            dynalite.restart();
            engineDown = false;
        }
        if (server == null || !server.isAlive()) {
            startServer();
        }
    }

    /** Starts the packaged server on the engine, as an operator would, and waits until it says where it listens. */
    private void startServer() throws IOException, InterruptedException {
        assertThat(JAR).as("built by the package phase").exists();
        generation++;
        Path log = LOGS.resolve("server-" + generation + ".log");
        // C1 and the serial collector: a restart's startup is what the clients wait for, on two shared cores.
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-jar", JAR.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TASKS_") || name.startsWith("AWS_") || name.equals("PORT")
                || name.equals("HOST"));
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.putAll(Map.of("HOST", "127.0.0.1", "PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "history",
                "TASKS_CREATE_TABLE", "true", "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
                "TASKS_PAGE_TOKEN_SECRET", SECRET));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher listening = LISTENING.matcher(output);
            if (listening.find()) {
                base = URI.create("http://127.0.0.1:" + listening.group(1));
                return;
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("server " + generation + " did not start (engine log "
                        + dynalite.logFile() + "); " + log + ":\n" + output);
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL: no shutdown hook, no request finished, nothing flushed. */
    private void killServer() throws InterruptedException {
        Process running = server;
        server = null;
        if (running != null) {
            running.destroyForcibly();
            running.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void note(String event) {
        timeline.add(String.format(Locale.ROOT, "%.1fs %s", (System.nanoTime() - started) / 1e9, event));
    }

    private static JsonArray tags(Random random) {
        List<String> shuffled = new ArrayList<>(TAGS);
        Collections.shuffle(shuffled, random);
        JsonArray tags = new JsonArray();
        shuffled.subList(0, 1 + random.nextInt(3)).forEach(tags::add);
        return tags;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a test body; a failure names the seed, so that the run's choices can be replayed. */
    private static void reportingSeed(Body body) throws Exception {
        try {
            body.run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("with -Dhistory.seed=" + SEED + " (server output in " + LOGS + "): "
                    + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** What a client knows of a request it sent. */
    private enum Outcome {
        /** A 2xx answer: the change was made. */
        ACKNOWLEDGED,
        /** A 4xx answer (such as 412): the change was not made. */
        REFUSED,
        /** No answer, or a 5xx: the change may or may not have been made. */
        UNKNOWN;

        static Outcome of(int status) {
            return status >= 200 && status < 300 ? ACKNOWLEDGED : status >= 400 && status < 500 ? REFUSED : UNKNOWN;
        }
    }

    /** A response, or status 0 when none came. */
    private record Answer(int status, String body, String etag) {
        Outcome outcome() {
            return Outcome.of(status);
        }
    }

    /** Where a unique value went and what its client was told. */
    private record Sent(String taskId, String field, Outcome outcome) {
    }

    /** Where a comment went, what its client was told, and its id if the client learned it. */
    private record SentComment(String taskId, Outcome outcome, String id) {
    }

    /** Everything the clients sent and what they were told; shared by the client threads. */
    private static final class Journal {
        /** Each unique value ({@code field=value}) with where it went and what its client was told. */
        final Map<String, Sent> values = new ConcurrentHashMap<>();
        /** Every value sent for each field, as JSON, the server's defaults included. */
        final Map<String, Set<String>> sent = new ConcurrentHashMap<>();
        /** Each comment by its unique text. */
        final Map<String, SentComment> comments = new ConcurrentHashMap<>();
        /** The outcome of the DELETE of each comment id. */
        final Map<String, Outcome> deletions = new ConcurrentHashMap<>();
        /** How many requests got each answer, by method and status, for the report. */
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

        Journal() {
            sending(JsonParser.parseString("{\"status\":\"new\",\"priority\":\"medium\"}").getAsJsonObject());
        }

        /** Notes every value of a body before it goes out: the server may apply it whatever the client hears. */
        void sending(JsonObject body) {
            for (Map.Entry<String, JsonElement> member : body.entrySet()) {
                sent.computeIfAbsent(member.getKey(), key -> ConcurrentHashMap.newKeySet())
                        .add(member.getValue().toString());
            }
        }

        void unique(String taskId, String field, String value, Outcome outcome) {
            values.put(field + "=" + value, new Sent(taskId, field, outcome));
            sent.computeIfAbsent(field, key -> ConcurrentHashMap.newKeySet()).add("\"" + value + "\"");
        }

        long acknowledged() {
            return values.values().stream().filter(sent -> sent.outcome() == Outcome.ACKNOWLEDGED).count();
        }
    }
}
