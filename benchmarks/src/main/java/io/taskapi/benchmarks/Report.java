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
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results (generated)\n\n");
        md.append("Written by `scripts/benchmark.sh` from the results of one run")
                .append(settings.quick() ? " (QUICK=1: too few runs to quote)" : "").append(".\n\n");
        Path environment = settings.results().resolve("environment.txt");
        if (Files.exists(environment)) {
            md.append("## Machine and load\n\n```text\n")
                    .append(Files.readString(environment, StandardCharsets.UTF_8).trim()).append("\n```\n\n");
        }
        Path charts = settings.charts();
        if (Files.exists(settings.results().resolve("coldstart.json"))) {
            ColdStartReport.section(JsonFiles.read(settings.results().resolve("coldstart.json")), md, charts);
        }
        if (Files.exists(settings.results().resolve("jmh.json"))) {
            warmPath(JsonParser.parseString(Files.readString(settings.results().resolve("jmh.json")))
                    .getAsJsonArray(), md, charts);
        }
        if (Files.exists(settings.results().resolve("throughput.json"))) {
            throughput(JsonFiles.read(settings.results().resolve("throughput.json")), md, charts);
        }
        if (Files.exists(settings.results().resolve("listing.json"))) {
            listing(JsonFiles.read(settings.results().resolve("listing.json")), md, charts);
        }
        if (Files.exists(settings.results().resolve("package.json"))) {
            packageSize(JsonFiles.read(settings.results().resolve("package.json")),
                    Files.exists(settings.results().resolve("coldstart.json"))
                            ? JsonFiles.read(settings.results().resolve("coldstart.json")) : null, md);
        }
        Files.createDirectories(charts);
        Files.writeString(charts.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(settings.results().resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }

    private static void warmPath(JsonArray jmh, StringBuilder md, Path charts) throws IOException {
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
                {"create", "baselineCreate", "POST /tasks"}, {"listPage", "baselineListPage", "GET /tasks?limit=25"}}) {
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
                + "with the handler's own writer. p50/p99 over all samples of all forks.\n\n");
        Svg.barChart(charts.resolve("warm-path.svg"), "Warm path per request (p50)", "µs per request",
                List.of("Lambda handler, in-memory store", "baseline: parse event + write result"), rows);
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
        md.append("| target | requests/s (median, range) | p50 ms | p90 ms | p99 ms (median, range) | errors "
                + "| ratio to plain Javalin (req/s) |\n|---|---|---|---|---|---|---|\n");
        JsonObject targets = json.getAsJsonObject("targets");
        List<Svg.Row> rows = new ArrayList<>();
        for (String request : List.of("GET /tasks/{id}", "POST /tasks")) {
            JsonObject server = targets.getAsJsonObject("server " + request);
            JsonObject plain = targets.getAsJsonObject("plain " + request);
            Stats serverRps = JsonFiles.stats(server.getAsJsonObject("requests_per_second"));
            Stats plainRps = JsonFiles.stats(plain.getAsJsonObject("requests_per_second"));
            for (String name : List.of("server", "plain")) {
                JsonObject target = name.equals("server") ? server : plain;
                Stats rps = name.equals("server") ? serverRps : plainRps;
                Stats p99 = JsonFiles.stats(target.getAsJsonObject("p99_us"));
                md.append(String.format(Locale.ROOT, "| %s %s | %,.0f (%,.0f–%,.0f) | %.2f | %.2f | %.2f (%.2f–%.2f) "
                                + "| %d | %s |%n", name.equals("server") ? "task-server.jar" : "plain Javalin", request,
                        rps.median(), rps.min(), rps.max(),
                        JsonFiles.stats(target.getAsJsonObject("p50_us")).median() / 1000,
                        JsonFiles.stats(target.getAsJsonObject("p90_us")).median() / 1000,
                        p99.median() / 1000, p99.min() / 1000, p99.max() / 1000, target.get("errors").getAsLong(),
                        name.equals("server") ? percent(serverRps.median() / plainRps.median()) : "100 %"));
            }
            rows.add(new Svg.Row(request, List.of(
                    new Svg.Bar(serverRps.median(), serverRps.min(), serverRps.max(), String.format(Locale.ROOT,
                            "%,.0f req/s (%s)", serverRps.median(), percent(serverRps.median() / plainRps.median()))),
                    new Svg.Bar(plainRps.median(), plainRps.min(), plainRps.max(),
                            String.format(Locale.ROOT, "%,.0f req/s", plainRps.median())))));
        }
        md.append("\n");
        Svg.barChart(charts.resolve("throughput.svg"), "Local server throughput (median; whiskers min–max)",
                "requests per second", List.of("task-server.jar (in-memory store)", "plain Javalin, fixed JSON"), rows);
    }

    private static void listing(JsonObject json, StringBuilder md, Path charts) throws IOException {
        int limit = json.get("limit").getAsInt();
        md.append("## 4. Listing cost on dynalite (limit ").append(limit).append(", first ")
                .append(json.get("pages").getAsInt()).append(" pages)\n\n");
        md.append("Loading with BatchWriteItem (4 writers, 25 items per request):\n\n| owner | tasks | seconds | tasks/s |\n"
                + "|---|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("loads")) {
            JsonObject load = element.getAsJsonObject();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f |%n", load.get("owner").getAsString(),
                    load.get("tasks").getAsInt(), load.get("seconds").getAsDouble(),
                    load.get("tasks_per_second").getAsDouble()));
        }
        md.append("\n| listing | tasks | items read per page (ScannedCount) | items returned per page "
                + "| page latency ms (median, range) |\n|---|---|---|---|---|\n");
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
                JsonArray read = l.getAsJsonArray("items_read_per_page");
                double worst = 0;
                for (JsonElement r : read) {
                    worst = Math.max(worst, r.getAsDouble());
                }
                lines.computeIfAbsent(listing.getKey(), k -> new ArrayList<>()).add(worst);
                Stats latency = JsonFiles.stats(l.getAsJsonObject("page_latency_ms"));
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.1f (%.1f–%.1f) |%n", listing.getKey(),
                        tasks, read, l.getAsJsonArray("items_returned_per_page"), latency.median(), latency.min(),
                        latency.max()));
            }
        }
        md.append("\n");
        Svg.lineChart(charts.resolve("listing-cost.svg"), "Items DynamoDB reads per page (worst of the first pages)",
                "tasks of the owner (log scale)", "items read per page", xs, new ArrayList<>(lines.keySet()),
                new ArrayList<>(lines.values()), limit + 1, "limit + 1 = " + (limit + 1));
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
