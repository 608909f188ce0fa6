package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the results of one run into {@code docs/benchmarks/results.md} (every table) and the SVG charts beside it.
 * Sections whose results are missing are left out.
 */
public final class Report {
    private Report() {
    }

    public static void run(Settings settings) throws IOException {
        Path charts = settings.charts();
        Path results = settings.results();
        // Sections this run has no results for are kept from the previous report, marked as such, so that a run of
        // some sections (SECTIONS=...) never drops the others' tables, nor invents them.
        Map<String, String> previous = sections(charts.resolve("results.md"));
        Map<String, Boolean> fresh = new LinkedHashMap<>();
        fresh.put("1", Files.exists(results.resolve("coldstart.json")));
        fresh.put("2", Files.exists(results.resolve("jmh.json")) || Files.exists(results.resolve("jmh-rounds.json")));
        fresh.put("3", Files.exists(results.resolve("throughput.json")));
        fresh.put("4", Files.exists(results.resolve("listing.json")));
        fresh.put("5", Files.exists(results.resolve("package.json")));
        // 8 and 9, as in docs/benchmarks.md (whose 6 and 7 are parts of section 2 here).
        fresh.put("8", Files.exists(results.resolve("coldstart-python.json")));
        fresh.put("9", Files.exists(results.resolve("coldstart-cds.json")));
        fresh.put("10", Files.exists(results.resolve("cost.json")));
        fresh.put("11", Files.exists(results.resolve("coldstart-runtime.json")));
        boolean carried = fresh.entrySet().stream().anyMatch(e -> !e.getValue() && previous.containsKey(e.getKey()));

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results (generated)\n\n");
        md.append("Written by `scripts/benchmark.sh` from the results of the latest run of each section (the runs "
                + "are listed under Machine and load)")
                .append(settings.quick() ? " (QUICK=1: too few runs to quote)" : "").append(".\n\n");
        Path environment = results.resolve("environment.txt");
        String machine = Files.exists(environment) ? Files.readString(environment, StandardCharsets.UTF_8).trim() : "";
        if (carried && previous.containsKey("machine")) {
            machine = mergeRuns(machineText(previous.get("machine")), machine);
        }
        if (!machine.isEmpty()) {
            md.append("## Machine and load\n\n```text\n").append(machine).append("\n```\n\n");
        }
        if (fresh.get("1")) {
            ColdStartReport.section(JsonFiles.read(results.resolve("coldstart.json")), md, charts);
        } else {
            carry(previous, "1", md);
        }
        if (fresh.get("2")) {
            if (Files.exists(results.resolve("jmh.json"))) {
                warmPath(JsonParser.parseString(Files.readString(results.resolve("jmh.json"))).getAsJsonArray(), md,
                        charts, results.resolve("attachments-connections.jsonl"));
            } else {
                md.append("## 2. Warm path (JMH, sample time, µs per request)\n\n");
            }
            if (Files.exists(results.resolve("jmh-rounds.json"))) {
                warmPathRounds(JsonFiles.read(results.resolve("jmh-rounds.json")), md);
            }
        } else {
            carry(previous, "2", md);
        }
        if (fresh.get("3")) {
            throughput(JsonFiles.read(results.resolve("throughput.json")), md, charts);
        } else {
            carry(previous, "3", md);
        }
        if (fresh.get("4")) {
            listing(JsonFiles.read(results.resolve("listing.json")), md, charts);
        } else {
            carry(previous, "4", md);
        }
        if (fresh.get("5")) {
            packageSize(JsonFiles.read(results.resolve("package.json")),
                    Files.exists(results.resolve("coldstart.json"))
                            ? JsonFiles.read(results.resolve("coldstart.json")) : null, md);
        } else {
            carry(previous, "5", md);
        }
        if (fresh.get("8")) {
            ColdStartPythonReport.python(JsonFiles.read(results.resolve("coldstart-python.json")), md, charts);
        } else {
            carry(previous, "8", md);
        }
        if (fresh.get("9")) {
            ColdStartPythonReport.cds(JsonFiles.read(results.resolve("coldstart-cds.json")), md, charts);
        } else {
            carry(previous, "9", md);
        }
        if (fresh.get("10")) {
            RequestCost.report(JsonFiles.read(results.resolve("cost.json")), md);
        } else {
            carry(previous, "10", md);
        }
        if (fresh.get("11")) {
            ColdStartPythonReport.runtime(JsonFiles.read(results.resolve("coldstart-runtime.json")), md, charts);
        } else {
            carry(previous, "11", md);
        }
        Files.createDirectories(charts);
        Files.writeString(charts.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(results.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }

    static final String CARRIED_NOTE = "*Not rerun by the latest run: kept from the earlier run recorded under Machine and "
            + "load, with its charts.*";

    /** The previous report's sections by number ("1" … "5", "8" … "11") and "machine", each from its heading to the next. */
    static Map<String, String> sections(Path report) throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        if (!Files.exists(report)) {
            return sections;
        }
        String key = null;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                if (key != null) {
                    sections.put(key, text.toString());
                }
                text.setLength(0);
                key = line.startsWith("## Machine") ? "machine" : number(line);
            }
            if (key != null) {
                text.append(line).append('\n');
            }
        }
        if (key != null) {
            sections.put(key, text.toString());
        }
        return sections;
    }

    /** A numbered heading's number ("## 10. …" is "10"), or "other:" and the heading when it has none. */
    private static String number(String heading) {
        int end = 3;
        while (end < heading.length() && Character.isDigit(heading.charAt(end))) {
            end++;
        }
        return end > 3 && end < heading.length() && heading.charAt(end) == '.' ? heading.substring(3, end)
                : "other:" + heading;
    }

    private static void carry(Map<String, String> previous, String number, StringBuilder md) {
        String section = previous.get(number);
        if (section == null) {
            return;
        }
        int headingEnd = section.indexOf('\n') + 1;
        String body = section.substring(headingEnd);
        if (!body.startsWith("\n" + CARRIED_NOTE)) {
            body = "\n" + CARRIED_NOTE + "\n" + body;
        }
        md.append(section, 0, headingEnd).append(body.stripTrailing()).append("\n\n");
    }

    /** The text inside the machine section's code block. */
    private static String machineText(String section) {
        int start = section.indexOf("```text\n");
        int end = section.lastIndexOf("```");
        return start < 0 || end <= start ? "" : section.substring(start + 8, end).trim();
    }

    /** The earlier runs' records, then those of this run's records that they do not hold already. */
    static String mergeRuns(String earlier, String latest) {
        StringBuilder merged = new StringBuilder(earlier);
        for (String run : latest.split("(?m)^(?=--- run of:)")) {
            if (!run.isBlank() && !earlier.contains(run.trim())) {
                merged.append(merged.length() == 0 ? "" : "\n").append(run.trim());
            }
        }
        return merged.toString().trim();
    }

    private static void warmPath(JsonArray jmh, StringBuilder md, Path charts, Path connections) throws IOException {
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        for (JsonElement element : jmh) {
            String name = element.getAsJsonObject().get("benchmark").getAsString();
            byName.put(name.substring(name.lastIndexOf('.') + 1), element.getAsJsonObject());
        }
        md.append("## 2. Warm path (JMH, sample time, µs per request)\n\n");
        md.append("| request | handler p50 | handler p99 | handler mean ± 99.9 % CI | baseline p50 | baseline p99 "
                + "| ratio p50 handler/baseline | ratio mean | spread of per-iteration p50 (handler) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        List<Svg.Row> rows = new ArrayList<>();
        for (String[] pair : new String[][] {{"getById", "baselineGetById", "GET /tasks/{id}"},
                {"getByIdInList", "baselineGetByIdInList", "GET /tasks/{id}, a list's task"},
                {"create", "baselineCreate", "POST /tasks"}, {"listPage", "baselineListPage", "GET /tasks?limit=25"},
                {"listPageOfList", "baselineListPageOfList", "GET /tasks?list_id=…&limit=25"},
                {"listPageAssignedToMe", "baselineListPageAssignedToMe", "GET /tasks?assignee=me&limit=25"},
                {"attach", "baselineAttach", "POST /tasks/{id}/attachments"},
                {"getAttachment", "baselineGetAttachment", "GET /tasks/{id}/attachments/{attachment_id}"}}) {
            JsonObject handler = byName.get(pair[0]);
            JsonObject baseline = byName.get(pair[1]);
            if (handler == null || baseline == null) {
                continue;
            }
            double hp50 = percentile(handler, "50.0");
            double bp50 = percentile(baseline, "50.0");
            double hMean = handler.getAsJsonObject("primaryMetric").get("score").getAsDouble();
            double bMean = baseline.getAsJsonObject("primaryMetric").get("score").getAsDouble();
            Stats iterationMedians = iterationMedians(handler);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f ± %.2f | %.2f | %.2f | %s | %s | %.2f–%.2f |%n",
                    pair[2], hp50, percentile(handler, "99.0"), hMean,
                    handler.getAsJsonObject("primaryMetric").get("scoreError").getAsDouble(), bp50,
                    percentile(baseline, "99.0"), ratio(hp50, bp50), ratio(hMean, bMean), iterationMedians.min(),
                    iterationMedians.max()));
            rows.add(new Svg.Row(pair[2], List.of(
                    new Svg.Bar(hp50, Double.NaN, Double.NaN,
                            String.format(Locale.ROOT, "%.2f µs (×%s)", hp50, ratio(hp50, bp50))),
                    new Svg.Bar(bp50, Double.NaN, Double.NaN, String.format(Locale.ROOT, "%.2f µs", bp50)))));
        }
        md.append("\nbaseline = parse the same event with Gson's JsonParser and write a proxy result of the same bytes "
                + "with the handler's own writer. p50/p99 over all samples of all forks. Every event carries a Cognito "
                + "authorizer's claims (TASKS_AUTH=jwt); the caller owns 1,000 tasks and is an editor, not the owner, "
                + "of a list of 1,000 tasks, a third of them assigned to the caller.\n\n");
        sharedLists(byName, md);
        attachments(byName, connections, md);
        Svg.barChart(charts.resolve("warm-path.svg"), "Warm path per request (p50)", "µs per request",
                List.of("Lambda handler, in-memory store", "baseline: parse event + write result"), rows);
    }

    /** Each shared-list request against the same request on the caller's own tasks, from the same JMH run. */
    private static void sharedLists(Map<String, JsonObject> byName, StringBuilder md) {
        String[][] pairs = {
                {"getById", "getByIdInList", "baselineGetById", "baselineGetByIdInList",
                        "read by id: a list's task against an own task (handler)"},
                {"serviceGetById", "serviceGetByIdInList", null, null,
                        "read by id: a list's task against an own task (TaskService.get only)"},
                {"listPage", "listPageOfList", "baselineListPage", "baselineListPageOfList",
                        "25-item page: a list's tasks against own tasks"},
                {"listPage", "listPageAssignedToMe", "baselineListPage", "baselineListPageAssignedToMe",
                        "25-item page: assignee=me against own tasks"}};
        StringBuilder table = new StringBuilder();
        for (String[] pair : pairs) {
            JsonObject own = byName.get(pair[0]);
            JsonObject list = byName.get(pair[1]);
            if (own == null || list == null) {
                continue;
            }
            double o50 = percentile(own, "50.0");
            double l50 = percentile(list, "50.0");
            double o99 = percentile(own, "99.0");
            double l99 = percentile(list, "99.0");
            String baselineDifference = "–";
            if (pair[2] != null && byName.containsKey(pair[2]) && byName.containsKey(pair[3])) {
                baselineDifference = String.format(Locale.ROOT, "%+.2f",
                        percentile(byName.get(pair[3]), "50.0") - percentile(byName.get(pair[2]), "50.0"));
            }
            table.append(String.format(Locale.ROOT, "| %s | %.3f → %.3f | **%+.3f** | **%s** | %.2f → %.2f | %+.2f | %s "
                            + "| %s |%n", pair[4], o50, l50, l50 - o50, ratio(l50, o50), o99, l99, l99 - o99,
                    ratio(l99, o99), baselineDifference));
        }
        if (table.length() == 0) {
            return;
        }
        md.append("### Shared lists against own tasks (same run)\n\n");
        md.append("| comparison | p50 µs own → list | difference p50 µs | ratio p50 | p99 µs own → list | difference p99 µs "
                + "| ratio p99 | baseline difference p50 µs (bytes parsed and written) |\n|---|---|---|---|---|---|---|---|\n");
        md.append(table).append("\nIn-memory store: the role check here is CPU work (a map lookup under the list "
                + "repository's lock); on DynamoDB it is one more request (a consistent BatchGetItem of the list item and "
                + "the caller's member item).\n\n");
    }

    /**
     * What a presigned URL costs: the store's grants alone, their share of the two attachment requests, and what the
     * requests cost beyond the grant and the baseline; then whether any fork that presigned opened a connection.
     */
    private static void attachments(Map<String, JsonObject> byName, Path connections, StringBuilder md)
            throws IOException {
        StringBuilder alone = new StringBuilder();
        for (String[] grant : new String[][] {{"uploadGrant", "S3FileStore.uploadGrant (presigned PUT)"},
                {"downloadGrant", "S3FileStore.downloadGrant (presigned GET)"}}) {
            JsonObject benchmark = byName.get(grant[0]);
            if (benchmark == null) {
                continue;
            }
            Stats iterationMedians = iterationMedians(benchmark);
            alone.append(String.format(Locale.ROOT, "| %s | **%.2f** | %.2f | %.2f ± %.2f | %.2f–%.2f |%n", grant[1],
                    percentile(benchmark, "50.0"), percentile(benchmark, "99.0"),
                    benchmark.getAsJsonObject("primaryMetric").get("score").getAsDouble(),
                    benchmark.getAsJsonObject("primaryMetric").get("scoreError").getAsDouble(),
                    iterationMedians.min(), iterationMedians.max()));
        }
        StringBuilder requests = new StringBuilder();
        JsonObject getById = byName.get("getById");
        for (String[] request : new String[][] {{"attach", "uploadGrant", "baselineAttach",
                "POST /tasks/{id}/attachments"},
                {"getAttachment", "downloadGrant", "baselineGetAttachment", "GET /tasks/{id}/attachments/{attachment_id}"}}) {
            JsonObject handler = byName.get(request[0]);
            JsonObject grant = byName.get(request[1]);
            JsonObject baseline = byName.get(request[2]);
            if (handler == null || grant == null || baseline == null) {
                continue;
            }
            double h = percentile(handler, "50.0");
            double g = percentile(grant, "50.0");
            double b = percentile(baseline, "50.0");
            requests.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f (%s) | %.2f | %+.2f | %s |%n", request[3], h,
                    g, percent(g / h), b, h - g - b, getById == null ? "–" : String.format(Locale.ROOT,
                            "%+.2f µs (%s×)", h - percentile(getById, "50.0"), ratio(h, percentile(getById, "50.0")))));
        }
        if (alone.length() == 0 && requests.length() == 0) {
            return;
        }
        md.append("### Attachments (same run)\n\n");
        if (alone.length() > 0) {
            md.append("| presigning alone, µs per URL | p50 | p99 | mean ± 99.9 % CI | spread of per-iteration p50 |\n"
                    + "|---|---|---|---|---|\n").append(alone).append("\n");
        }
        if (requests.length() > 0) {
            md.append("| request (p50, µs) | handler | presigning alone (share of the handler) | baseline "
                    + "| handler − presigning − baseline | against GET /tasks/{id} |\n|---|---|---|---|---|---|\n")
                    .append(requests).append("\n");
        }
        md.append("The handler's application keeps files in an S3FileStore (static credentials, region us-east-1, "
                + "pathStyle(false)) whose endpoint is a local server socket; the POST goes to a task whose attachment "
                + "repository is emptied before each iteration, the GET reads an available attachment put in the "
                + "in-memory repository directly.\n\n");
        if (!Files.exists(connections)) {
            return;
        }
        int forks = 0;
        long urls = 0;
        long opened = 0;
        List<Double> control = new ArrayList<>();
        List<String> controlAnswers = new ArrayList<>();
        List<String> benchmarks = new ArrayList<>();
        for (String line : Files.readAllLines(connections, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject fork = JsonParser.parseString(line).getAsJsonObject();
            forks++;
            urls += fork.get("urls_signed").getAsLong();
            opened += fork.get("connections").getAsLong();
            control.add(fork.get("control_connections").getAsDouble());
            String answer = fork.get("control").getAsString();
            if (!controlAnswers.contains(answer)) {
                controlAnswers.add(answer);
            }
            String benchmark = fork.get("benchmark").getAsString();
            if (!benchmarks.contains(benchmark)) {
                benchmarks.add(benchmark);
            }
        }
        if (forks == 0) {
            return;
        }
        Stats controls = Stats.of(control);
        md.append(String.format(Locale.ROOT, "**Connections to the S3 endpoint while presigning: %d** in %d forks (%s), "
                        + "%,d URLs signed by the benchmark methods (warm-up and measurement; set-up requests besides). "
                        + "Control: at the end of each fork, one HeadObject from the same store reached the same "
                        + "socket (%s connections, its attempts; it failed with %s), so the count sees what "
                        + "reaches it.%n%n", opened, forks, String.join(", ", benchmarks), urls,
                controls.min() == controls.max() ? Svg.format(controls.min())
                        : Svg.format(controls.min()) + "–" + Svg.format(controls.max()),
                String.join(", ", controlAnswers)));
    }

    /** The read by id of an own task and of a list's task, fork by fork in alternating order: paired per round. */
    private static void warmPathRounds(JsonObject json, StringBuilder md) {
        JsonArray rounds = json.getAsJsonArray("rounds_results");
        md.append(String.format(Locale.ROOT, "### Role check on the read by id, interleaved rounds (%d rounds; each: one "
                        + "fork per benchmark, %d × 1 s warm-up, %d × 1 s measured; order reversed every round)%n%n",
                rounds.size(), json.get("warmup_iterations").getAsInt(), json.get("measurement_iterations").getAsInt()));
        md.append("| read by id | own p50 µs (median of rounds) | list's task p50 µs | paired difference p50 µs "
                + "(median, range) | paired ratio p50 (median, range) | rounds with the list's task slower "
                + "| paired difference p99 µs (median, range) | paired ratio p99 (median, range) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (String[] pair : new String[][] {{"getById", "getByIdInList", "handler"},
                {"serviceGetById", "serviceGetByIdInList", "TaskService.get only"}}) {
            List<Double> own = new ArrayList<>();
            List<Double> list = new ArrayList<>();
            List<Double> difference = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> difference99 = new ArrayList<>();
            List<Double> ratios99 = new ArrayList<>();
            int slower = 0;
            for (JsonElement element : rounds) {
                JsonObject round = element.getAsJsonObject();
                if (!round.has(pair[0]) || !round.has(pair[1])) {
                    continue;
                }
                double o = round.getAsJsonObject(pair[0]).get("p50").getAsDouble();
                double l = round.getAsJsonObject(pair[1]).get("p50").getAsDouble();
                double o99 = round.getAsJsonObject(pair[0]).get("p99").getAsDouble();
                double l99 = round.getAsJsonObject(pair[1]).get("p99").getAsDouble();
                own.add(o);
                list.add(l);
                difference.add(l - o);
                ratios.add(l / o);
                difference99.add(l99 - o99);
                ratios99.add(l99 / o99);
                slower += l > o ? 1 : 0;
            }
            if (own.isEmpty()) {
                continue;
            }
            Stats d = Stats.of(difference);
            Stats r = Stats.of(ratios);
            Stats d99 = Stats.of(difference99);
            Stats r99 = Stats.of(ratios99);
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | **%+.3f** (%+.3f to %+.3f) | **%.2f** (%.2f–%.2f) "
                            + "| %d of %d | %+.2f (%+.2f to %+.2f) | %.2f (%.2f–%.2f) |%n", pair[2],
                    Stats.of(own).median(), Stats.of(list).median(), d.median(), d.min(), d.max(), r.median(), r.min(),
                    r.max(), slower, own.size(), d99.median(), d99.min(), d99.max(), r99.median(), r99.min(),
                    r99.max()));
        }
        md.append("\n");
    }

    private static double percentile(JsonObject benchmark, String key) {
        return benchmark.getAsJsonObject("primaryMetric").getAsJsonObject("scorePercentiles").get(key).getAsDouble();
    }

    /** The median of each measurement iteration's samples, from JMH's raw histograms. */
    private static Stats iterationMedians(JsonObject benchmark) {
        List<Double> medians = new ArrayList<>();
        JsonArray forks = benchmark.getAsJsonObject("primaryMetric").getAsJsonArray("rawDataHistogram");
        if (forks == null) {
            return Stats.of(List.of(Double.NaN));
        }
        for (JsonElement fork : forks) {
            for (JsonElement iteration : fork.getAsJsonArray()) {
                List<double[]> buckets = new ArrayList<>();
                long total = 0;
                for (JsonElement bucket : iteration.getAsJsonArray()) {
                    double value = bucket.getAsJsonArray().get(0).getAsDouble();
                    long count = bucket.getAsJsonArray().get(1).getAsLong();
                    buckets.add(new double[] {value, count});
                    total += count;
                }
                buckets.sort((x, y) -> Double.compare(x[0], y[0]));
                long seen = 0;
                for (double[] bucket : buckets) {
                    seen += (long) bucket[1];
                    if (seen * 2 >= total) {
                        medians.add(bucket[0]);
                        break;
                    }
                }
            }
        }
        return Stats.of(medians);
    }

    private static void throughput(JsonObject json, StringBuilder md, Path charts) throws IOException {
        md.append("## 3. Local server throughput (wrk, ").append(json.get("threads").getAsInt()).append(" threads, ")
                .append(json.get("connections").getAsInt()).append(" connections, ")
                .append(json.get("seconds").getAsInt()).append(" s after ")
                .append(json.get("warmup_seconds").getAsInt()).append(" s warm-up, ")
                .append(json.get("rounds").getAsInt()).append(" interleaved rounds, after ")
                .append(json.has("jit_warmup_seconds") ? json.get("jit_warmup_seconds").getAsInt() : 0)
                .append(" s of JIT warm-up per target)\n\n");
        md.append("Body sizes: GET ").append(json.get("get_body_bytes").getAsInt()).append(" B, POST ")
                .append(json.get("post_body_bytes").getAsInt()).append(" B (the same for both servers); the real "
                        + "server's headers: GET ").append(json.get("server_get_header_bytes").getAsInt())
                .append(" B, POST ").append(json.get("server_post_header_bytes").getAsInt()).append(" B.\n\n");
        md.append("Targets: `server` is `java -jar task-server.jar` at JDK defaults; `server-tenuring` the same jar with `")
                .append(json.get("tenuring_flag").getAsString()).append("`; `plain` a plain Javalin app answering "
                        + "fixed JSON; `plain-keeping` the same app keeping each POST body in a sorted map, with `")
                .append(json.get("tenuring_flag").getAsString()).append("`.\n\n");
        md.append("| target | requests/s (median, range) | p50 ms | p90 ms | p99 ms (median, range) | errors "
                + "| ratio to plain (req/s) | GC pauses per measured run: ms in all (longest), median |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        JsonObject targets = json.getAsJsonObject("targets");
        List<Svg.Row> rows = new ArrayList<>();
        for (String request : Throughput.REQUESTS) {
            Stats plainRps = rps(targets, "plain", request);
            List<Svg.Bar> bars = new ArrayList<>();
            for (String name : Throughput.TARGETS) {
                JsonObject target = targets.getAsJsonObject(name + " " + request);
                Stats rps = rps(targets, name, request);
                Stats p99 = JsonFiles.stats(target.getAsJsonObject("p99_us"));
                md.append(String.format(Locale.ROOT, "| %s %s | %,.0f (%,.0f–%,.0f) | %.2f | %.2f | %.2f (%.2f–%.2f) "
                                + "| %d | %s | %s |%n", name, request, rps.median(), rps.min(), rps.max(),
                        JsonFiles.stats(target.getAsJsonObject("p50_us")).median() / 1000,
                        JsonFiles.stats(target.getAsJsonObject("p90_us")).median() / 1000,
                        p99.median() / 1000, p99.min() / 1000, p99.max() / 1000, target.get("errors").getAsLong(),
                        percent(rps.median() / plainRps.median()), pauses(target)));
                bars.add(new Svg.Bar(rps.median(), rps.min(), rps.max(), String.format(Locale.ROOT, "%,.0f req/s",
                        rps.median())));
            }
            rows.add(new Svg.Row(request, bars));
        }
        md.append("\nEach round's ratios (throughput as a share of the baseline's, p99 as a multiple of it):\n\n"
                + "| round | request | server / plain | server-tenuring / plain | server-tenuring / plain-keeping |\n"
                + "|---|---|---|---|---|\n");
        int rounds = json.get("rounds").getAsInt();
        for (int round = 0; round < rounds; round++) {
            for (String request : Throughput.REQUESTS) {
                md.append("| ").append(round + 1).append(" | ").append(request).append(" | ")
                        .append(roundRatio(targets, "server", "plain", request, round)).append(" | ")
                        .append(roundRatio(targets, "server-tenuring", "plain", request, round)).append(" | ")
                        .append(roundRatio(targets, "server-tenuring", "plain-keeping", request, round))
                        .append(" |\n");
            }
        }
        md.append("\n");
        Svg.barChart(charts.resolve("throughput.svg"), "Local server throughput (median; whiskers min–max)",
                "requests per second", Throughput.TARGETS, rows);
    }

    /** The median over a target's measured runs of the GC pause time in each run, and of its longest pause. */
    private static String pauses(JsonObject target) {
        List<Double> totals = new ArrayList<>();
        List<Double> longest = new ArrayList<>();
        for (JsonElement run : target.getAsJsonArray("runs")) {
            totals.add(run.getAsJsonObject().get("gc_pause_ms").getAsDouble());
            longest.add(run.getAsJsonObject().get("gc_max_pause_ms").getAsDouble());
        }
        return String.format(Locale.ROOT, "%.0f (%.1f)", Stats.of(totals).median(), Stats.of(longest).median());
    }

    private static Stats rps(JsonObject targets, String name, String request) {
        return JsonFiles.stats(targets.getAsJsonObject(name + " " + request).getAsJsonObject("requests_per_second"));
    }

    /** One round's throughput share and p99 multiple of {@code name} against {@code baseline}. */
    private static String roundRatio(JsonObject targets, String name, String baseline, String request, int round) {
        JsonObject run = runOf(targets, name, request, round);
        JsonObject base = runOf(targets, baseline, request, round);
        double share = run.get("requests").getAsDouble() / run.get("duration_us").getAsDouble()
                / (base.get("requests").getAsDouble() / base.get("duration_us").getAsDouble());
        return String.format(Locale.ROOT, "%s, p99 %.1f×", percent(share),
                run.get("p99_us").getAsDouble() / base.get("p99_us").getAsDouble());
    }

    private static JsonObject runOf(JsonObject targets, String name, String request, int round) {
        return targets.getAsJsonObject(name + " " + request).getAsJsonArray("runs").get(round).getAsJsonObject();
    }

    private static void listing(JsonObject json, StringBuilder md, Path charts) throws IOException {
        int limit = json.get("limit").getAsInt();
        md.append("## 4. Listing cost on dynalite (limit ").append(limit).append(", first ")
                .append(json.get("pages").getAsInt()).append(" pages)\n\n");
        md.append("Loading with BatchWriteItem (4 writers, 25 items per request):\n\n| tasks of | tasks | seconds | tasks/s |\n"
                + "|---|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("loads")) {
            JsonObject load = element.getAsJsonObject();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f |%n", load.get("owner").getAsString(),
                    load.get("tasks").getAsInt(), load.get("seconds").getAsDouble(),
                    load.get("tasks_per_second").getAsDouble()));
        }
        boolean lists = json.has("list_measurements");
        md.append(lists ? "\n### Own tasks (`GET /tasks`)\n" : "");
        md.append("\n| listing | tasks | requests per page | items read per page (ScannedCount) | read units per page "
                + "| items returned per page | page latency ms (median, range) |\n|---|---|---|---|---|---|---|\n");
        List<Double> xs = new ArrayList<>();
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        for (JsonElement element : json.getAsJsonArray("measurements")) {
            JsonObject atSize = element.getAsJsonObject();
            int tasks = atSize.get("tasks").getAsInt();
            xs.add((double) tasks);
            for (Map.Entry<String, JsonElement> listing : atSize.entrySet()) {
                if (listing.getKey().equals("tasks")) {
                    continue;
                }
                JsonObject l = listing.getValue().getAsJsonObject();
                lines.computeIfAbsent(listing.getKey(), k -> new ArrayList<>()).add(worst(l, "items_read_per_page"));
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |%n", listing.getKey(), tasks,
                        requests(l), l.getAsJsonArray("items_read_per_page"), numbers(l, "read_units_per_page"),
                        l.getAsJsonArray("items_returned_per_page"), latency(l)));
            }
        }
        md.append("\n");
        Svg.lineChart(charts.resolve("listing-cost.svg"), "Items DynamoDB reads per page (worst of the first pages)",
                "tasks of the owner (log scale)", "items read per page", xs, new ArrayList<>(lines.keySet()),
                new ArrayList<>(lines.values()), limit + 1, "limit + 1 = " + (limit + 1));
        if (!lists) {
            return;
        }
        md.append("### A shared list's tasks (`GET /tasks?list_id=…`, read by a member who is not the owner)\n\n");
        md.append("| listing | tasks in the list | requests per page | items read per page: role check + query "
                + "| read units per page: role check + query | items returned per page | page latency ms (median, range) "
                + "|\n|---|---|---|---|---|---|---|\n");
        List<Double> listXs = new ArrayList<>();
        Map<String, List<Double>> listLines = new LinkedHashMap<>();
        for (JsonElement element : json.getAsJsonArray("list_measurements")) {
            JsonObject atSize = element.getAsJsonObject();
            int tasks = atSize.get("tasks").getAsInt();
            listXs.add((double) tasks);
            for (Map.Entry<String, JsonElement> listing : atSize.entrySet()) {
                if (listing.getKey().equals("tasks")) {
                    continue;
                }
                JsonObject l = listing.getValue().getAsJsonObject();
                listLines.computeIfAbsent(listing.getKey(), k -> new ArrayList<>())
                        .add(worst(l, "items_read_per_page"));
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |%n", listing.getKey(), tasks,
                        requests(l), pairs(l, "check_items_read_per_page", "items_read_per_page"),
                        pairs(l, "check_read_units_per_page", "read_units_per_page"),
                        l.getAsJsonArray("items_returned_per_page"), latency(l)));
            }
        }
        md.append("\n### Tasks assigned to the caller (`GET /tasks?assignee=me`)\n\n");
        md.append("| tasks in the list (+ 1,000 in another) | tasks assigned to the caller | requests per page "
                + "| items read per page: query + membership check | read units per page: query + membership check "
                + "| items returned per page | page latency ms (median, range) |\n|---|---|---|---|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("assigned_measurements")) {
            JsonObject atSize = element.getAsJsonObject();
            JsonObject l = atSize.getAsJsonObject("assignee=me");
            listLines.computeIfAbsent("assignee=me", k -> new ArrayList<>()).add(worst(l, "items_read_per_page"));
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %s | %s | %s |%n",
                    atSize.get("tasks").getAsInt(), atSize.get("assigned").getAsInt(), requests(l),
                    pairs(l, "items_read_per_page", "check_items_read_per_page"),
                    pairs(l, "read_units_per_page", "check_read_units_per_page"),
                    l.getAsJsonArray("items_returned_per_page"), latency(l)));
        }
        md.append("\nRead units as dynalite reports them (ReturnConsumedCapacity=TOTAL), by DynamoDB's rule: per 4 KB "
                + "read, halved for the eventually consistent index queries, whole for the consistent role and membership "
                + "checks.\n\n");
        Svg.lineChart(charts.resolve("listing-cost-lists.svg"),
                "Items a list's page and an assignee=me page read (query, worst of the first pages)",
                "tasks in the list (log scale)", "items read per page", listXs, new ArrayList<>(listLines.keySet()),
                new ArrayList<>(listLines.values()), limit + 1, "limit + 1 = " + (limit + 1));
    }

    private static double worst(JsonObject listing, String key) {
        double worst = 0;
        for (JsonElement r : listing.getAsJsonArray(key)) {
            worst = Math.max(worst, r.getAsDouble());
        }
        return worst;
    }

    private static String latency(JsonObject listing) {
        Stats latency = JsonFiles.stats(listing.getAsJsonObject("page_latency_ms"));
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", latency.median(), latency.min(), latency.max());
    }

    /** The requests of a page, when all pages made the same ones (else each page's). */
    private static String requests(JsonObject listing) {
        JsonArray requests = listing.getAsJsonArray("requests_per_page");
        if (requests == null || requests.isEmpty()) {
            return "–";
        }
        List<String> distinct = new ArrayList<>();
        requests.forEach(r -> {
            if (!distinct.contains(r.getAsString())) {
                distinct.add(r.getAsString());
            }
        });
        return String.join("; ", distinct);
    }

    private static String numbers(JsonObject listing, String key) {
        JsonArray values = listing.getAsJsonArray(key);
        if (values == null) {
            return "–";
        }
        List<String> shown = new ArrayList<>();
        values.forEach(v -> shown.add(Svg.format(v.getAsDouble())));
        return "[" + String.join(",", shown) + "]";
    }

    /** "a + b" per page, e.g. a role check's items and the query's. */
    private static String pairs(JsonObject listing, String first, String second) {
        JsonArray a = listing.getAsJsonArray(first);
        JsonArray b = listing.getAsJsonArray(second);
        if (a == null || b == null) {
            return "–";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            shown.add(Svg.format(a.get(i).getAsDouble()) + " + " + Svg.format(b.get(i).getAsDouble()));
        }
        return String.join(", ", shown);
    }

    private static void packageSize(JsonObject json, JsonObject coldStart, StringBuilder md) {
        md.append("## 5. Package and memory\n\n");
        md.append(String.format(Locale.ROOT, "| task-lambda.zip | value |%n|---|---|%n| size | %,d bytes (%.2f MiB) |%n"
                        + "| entries | %,d |%n| jars in lib/ | %d |%n| application classes (zip root) | %,d |%n"
                        + "| classes in all (root + inside lib jars) | %,d |%n", json.get("zip_bytes").getAsLong(),
                json.get("zip_bytes").getAsLong() / 1048576.0, json.get("zip_entries").getAsInt(),
                json.get("jars").getAsInt(), json.get("application_classes").getAsInt(),
                json.get("classes_total").getAsInt()));
        if (json.has("server_jar_bytes")) {
            md.append(String.format(Locale.ROOT, "| (task-server.jar, for comparison) | %,d bytes, %,d classes |%n",
                    json.get("server_jar_bytes").getAsLong(), json.get("server_jar_classes").getAsInt()));
        }
        md.append("\nLargest jars in lib/:\n\n| jar | bytes | classes |\n|---|---|---|\n");
        int shown = 0;
        for (JsonElement element : json.getAsJsonArray("lib")) {
            if (shown++ == 10) {
                break;
            }
            JsonObject jar = element.getAsJsonObject();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d |%n", jar.get("name").getAsString(),
                    jar.get("bytes").getAsLong(), jar.get("classes").getAsInt()));
        }
        md.append("\n");
        if (coldStart != null) {
            md.append("Memory at the end of a cold start (after the first response), median (range) over the runs:\n\n");
            md.append("| configuration | program | RSS high-water mark (VmHWM) MiB | peak heap used MiB "
                    + "| max heap MiB |\n|---|---|---|---|---|\n");
            for (JsonElement element : coldStart.getAsJsonArray("configs")) {
                JsonObject config = element.getAsJsonObject();
                if (!List.of("default", "c1", "lambda256").contains(config.get("name").getAsString())) {
                    continue;
                }
                for (String program : List.of("handler", "floor")) {
                    JsonObject p = config.getAsJsonObject(program);
                    Stats hwm = JsonFiles.stats(p.getAsJsonObject("vmhwm_kb"));
                    Stats heap = JsonFiles.stats(p.getAsJsonObject("peak_heap_used"));
                    Stats max = JsonFiles.stats(p.getAsJsonObject("max_heap"));
                    md.append(String.format(Locale.ROOT, "| %s | %s | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %.0f |%n",
                            config.get("label").getAsString(), program, hwm.median() / 1024, hwm.min() / 1024,
                            hwm.max() / 1024, heap.median() / 1048576, heap.min() / 1048576, heap.max() / 1048576,
                            max.median() / 1048576));
                }
            }
            md.append("\n");
        }
    }

    static String cell(JsonObject program, String milestone) {
        JsonObject m = program.getAsJsonObject(milestone);
        return m == null ? "–" : describe(m);
    }

    static String describe(JsonObject stats) {
        return describe(JsonFiles.stats(stats));
    }

    static String describe(Stats s) {
        return String.format(Locale.ROOT, "**%.0f** (IQR %.0f–%.0f; %.0f–%.0f)", s.median(), s.p25(), s.p75(), s.min(),
                s.max());
    }

    static Svg.Bar bar(Stats stats, String format) {
        return new Svg.Bar(stats.median(), stats.min(), stats.max(), String.format(Locale.ROOT, format, stats.median()));
    }

    static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
