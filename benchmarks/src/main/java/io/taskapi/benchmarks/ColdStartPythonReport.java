package io.taskapi.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sections 8, 9 and 11 of the results (numbered as in docs/benchmarks.md): the handler's cold start against the seed's
 * Python function (with the floor and the local server's start), the class-data sharing experiment, and the custom
 * runtime against the same Python function; each with its chart.
 */
final class ColdStartPythonReport {
    static final String NOT_MEASURED = "not measured";

    private ColdStartPythonReport() {
    }

    static void python(JsonObject json, StringBuilder md, Path charts) throws IOException {
        int runs = json.get("runs").getAsInt();
        md.append("## 8. Cold start against the seed's Python function (ms from spawning the process; median, IQR, "
                + "range over ").append(runs).append(" runs each, interleaved)\n\n");
        JsonObject info = json.getAsJsonObject("python_info");
        boolean measured = json.has("python");
        md.append(measured
                ? String.format(Locale.ROOT, "Python %s, boto3 %s. Java: %s, flags `%s`, the zip as "
                                + "packaged.%n%n", info.get("version").getAsString(), info.get("boto3").getAsString(),
                        json.get("java").getAsString(), json.get("flags").getAsString())
                : "**Python baseline " + NOT_MEASURED + "**: " + info.get("skipped").getAsString() + ".\n\n");
        md.append("| program | init | init + first response | CPU ms | peak RSS MiB | ratio to Python (elapsed) "
                + "| ratio to Python (CPU) |\n|---|---|---|---|---|---|---|\n");
        JsonObject python = measured ? json.getAsJsonObject("python") : null;
        List<Svg.Row> rows = new ArrayList<>();
        for (String[] program : new String[][] {
                {"python", "seed's Python function: import boto3, table resource, GetItem, json.dumps"},
                {"handler", "Java handler (task-lambda.zip): init + first GET /tasks/{id}"},
                {"floor", "floor: bare Java SDK client + GetItem + Gson"}}) {
            JsonObject p = json.getAsJsonObject(program[0]);
            if (p == null) {
                md.append("| ").append(program[1]).append(" | ").append(NOT_MEASURED).append(" | ")
                        .append(NOT_MEASURED).append(" | – | – | – | – |\n");
                continue;
            }
            Stats response = JsonFiles.stats(p.getAsJsonObject("response"));
            Stats cpu = JsonFiles.stats(p.getAsJsonObject("cpu_us"));
            Stats rss = JsonFiles.stats(p.getAsJsonObject("vmhwm_kb"));
            String toPython = "–";
            String cpuToPython = "–";
            if (python != null) {
                toPython = "**" + Report.ratio(response.median(),
                        JsonFiles.stats(python.getAsJsonObject("response")).median()) + "**";
                cpuToPython = Report.ratio(cpu.median(), JsonFiles.stats(python.getAsJsonObject("cpu_us")).median());
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %s | %s |%n", program[1],
                    Report.cell(p, "init"), Report.cell(p, "response"), cpu.median() / 1000, rss.median() / 1024,
                    toPython, cpuToPython));
            rows.add(new Svg.Row(program[0].equals("python") ? "Python 3.11 + boto3 (seed)"
                    : program[0].equals("handler") ? "Java handler, zip, C1" : "Java floor (bare SDK), C1", List.of(
                            Report.bar(JsonFiles.stats(p.getAsJsonObject("init")), "%.0f ms"),
                            Report.bar(response, "%.0f ms"))));
        }
        JsonObject handler = json.getAsJsonObject("handler");
        JsonObject floor = json.getAsJsonObject("floor");
        md.append("\n");
        if (python != null && json.has("paired_ratio_handler_python")) {
            Stats paired = JsonFiles.stats(json.getAsJsonObject("paired_ratio_handler_python"));
            md.append(String.format(Locale.ROOT, "**Java handler / Python: %s** (ratio of medians); per round, the "
                            + "handler's run over the same round's Python run: median %.2f, IQR %.2f–%.2f, range "
                            + "%.2f–%.2f. ", Report.ratio(median(handler, "response"), median(python, "response")),
                    paired.median(), paired.p25(), paired.p75(), paired.min(), paired.max()));
        } else {
            md.append("**Java handler / Python: " + NOT_MEASURED + "**. ");
        }
        md.append(String.format(Locale.ROOT, "Java handler / floor, same run: **%s** (CPU %s).%n%n",
                Report.ratio(median(handler, "response"), median(floor, "response")),
                Report.ratio(median(handler, "cpu_us"), median(floor, "cpu_us"))));
        md.append("init = Python: the handler module's top level done (boto3 imported, table resource built); Java: "
                + "the handler's constructor returned (the floor: its client built). CPU = the process's own CPU time "
                + "(Python: getrusage, user + system; Java: all the JVM's threads). Python reads the seed's table "
                + "(`id` as the only key) and Java the project's (`owner`, `id`), each holding the same task.\n\n");

        JsonObject server = json.getAsJsonObject("server");
        if (server != null) {
            md.append("### Local server: `java -jar task-server.jar` to its first answered request\n\n");
            md.append("| | ms from spawning the JVM |\n|---|---|\n");
            md.append("| port accepts a connection | ").append(Report.describe(server.getAsJsonObject("port_open")))
                    .append(" |\n");
            md.append("| first `GET /health` answered 200 | ")
                    .append(Report.describe(server.getAsJsonObject("first_answer"))).append(" |\n\n");
            md.append("JDK defaults, in-memory store (`TASKS_STORE=memory`); polled on a fresh connection every 2 ms; ")
                    .append(runs).append(" starts, one per round of the runs above.\n\n");
            Stats first = JsonFiles.stats(server.getAsJsonObject("first_answer"));
            rows.add(new Svg.Row("java -jar task-server.jar", List.of(
                    Report.bar(JsonFiles.stats(server.getAsJsonObject("port_open")), "%.0f ms"),
                    Report.bar(first, "%.0f ms"))));
        }
        Svg.barChart(charts.resolve("coldstart-python.svg"),
                "Cold start against the seed's Python function (median; whiskers min–max)", "ms from spawning the process",
                List.of("init (server: port open)", "init + first response (server: first GET /health)"), rows);
    }

    static void cds(JsonObject json, StringBuilder md, Path charts) throws IOException {
        int runs = json.get("runs").getAsInt();
        md.append("## 9. Experiment: class-data sharing for the packaged handler (ms from spawning the process; "
                + "median, IQR, range over ").append(runs).append(" runs each, interleaved)\n\n");
        md.append("JDK 17: ").append(json.get("jdk17").getAsString()).append("; JDK 25: ")
                .append(!json.has("jdk25") || json.get("jdk25").isJsonNull() ? "**" + NOT_MEASURED + "** ("
                        + json.get("jdk25_skipped").getAsString() + ")" : json.get("jdk25").getAsString())
                .append(". Flags `").append(json.get("flags").getAsString()).append("` everywhere, plus the archive's. "
                        + "lib/-only = the zip's jars plus its root classes jarred as lib/task-handler.jar, built for "
                        + "the experiment (not what is deployed).\n\n");
        JsonObject python = null;
        JsonObject zip17 = null;
        for (JsonElement element : json.getAsJsonArray("configs")) {
            JsonObject c = element.getAsJsonObject();
            if (c.get("name").getAsString().equals("python")) {
                python = c;
            } else if (c.get("name").getAsString().equals("zip17")) {
                zip17 = c;
            }
        }
        md.append("| configuration | init | init + first response | CPU ms | ratio to the zip on JDK 17 "
                + "| ratio to Python |\n|---|---|---|---|---|---|\n");
        List<Svg.Row> rows = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("configs")) {
            JsonObject c = element.getAsJsonObject();
            Stats response = JsonFiles.stats(c.getAsJsonObject("response"));
            md.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %.0f | %s | %s |%n", c.get("label").getAsString(),
                    c.has("flags") && !c.get("flags").getAsString().isEmpty()
                            ? " `" + c.get("flags").getAsString() + "`" : "",
                    Report.cell(c, "init"), Report.cell(c, "response"), median(c, "cpu_us") / 1000,
                    zip17 == null ? "–" : Report.ratio(response.median(), median(zip17, "response")),
                    python == null ? NOT_MEASURED : "**" + Report.ratio(response.median(), median(python, "response"))
                            + "**"));
            rows.add(new Svg.Row(c.get("name").getAsString(), List.of(Report.bar(response, "%.0f ms"))));
        }
        md.append("\nArchives (one training run each, same flags):\n\n| archive | bytes | training run ms |\n|---|---|---|\n");
        JsonObject archives = json.getAsJsonObject("archives");
        for (String key : archives.keySet()) {
            JsonObject a = archives.getAsJsonObject(key);
            md.append(String.format(Locale.ROOT, "| %s `%s` | %,d | %.0f |%n", key, a.get("flags").getAsString(),
                    a.get("bytes").getAsLong(), a.get("training_run_ms").getAsDouble()));
        }
        md.append("\n### Archives the JVM cannot use (one untimed run each, with -Xlog:class+load)\n\n");
        md.append("| case | exit | answer | classes from an archive / loaded | the JVM's messages |\n"
                + "|---|---|---|---|---|\n");
        for (JsonElement element : json.getAsJsonArray("probes")) {
            JsonObject p = element.getAsJsonObject();
            String messages = p.get("messages").getAsString().lines().filter(l -> !l.isBlank()).limit(4)
                    .map(l -> l.replace("|", "\\|").replaceAll("^\\[[0-9.]+s\\]", "").trim())
                    .reduce("", (a, b) -> a.isEmpty() ? b : a + "<br>" + b);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d / %d | %s |%n", p.get("label").getAsString(),
                    p.get("exit").getAsInt(), answer(p),
                    p.get("classes_from_archive").getAsInt(), p.get("classes_loaded").getAsInt(),
                    messages.isEmpty() ? "(none)" : messages.length() > 400 ? messages.substring(0, 400) + " …"
                            : messages));
        }
        md.append("\n");
        Svg.barChart(charts.resolve("coldstart-cds.svg"),
                "Handler cold start with class-data sharing (init + first response; median, whiskers min–max)",
                "ms from spawning the process", List.of("init + first response"), rows);
    }

    static void runtime(JsonObject json, StringBuilder md, Path charts) throws IOException {
        int runs = json.get("runs").getAsInt();
        md.append("## 11. The custom runtime against the seed's Python function (ms from spawning the process; "
                + "median, IQR, range over ").append(runs).append(" runs each, interleaved)\n\n");
        if (json.has("skipped")) {
            md.append("**" + NOT_MEASURED + "**: ").append(json.get("skipped").getAsString()).append(".\n\n");
            return;
        }
        JsonObject info = json.getAsJsonObject("python_info");
        md.append(String.format(Locale.ROOT, "Custom runtime: `task-lambda-runtime.zip` (%,d bytes; cache %,d bytes), "
                        + "JDK %s jlinked, `%s`, started by its `bootstrap` through a Runtime API on loopback; "
                        + "init = its first poll for an event. Managed zip: JDK %s, `%s`, section 8's launcher. "
                        + "Python: %s.%n%n", json.get("package_bytes").getAsLong(), json.get("cache_bytes").getAsLong(),
                json.get("jdk").getAsString(), json.get("jvm_args").getAsString(), json.get("java").getAsString(),
                json.get("handler_flags").getAsString(), !info.has("skipped") || info.get("skipped").isJsonNull()
                        ? "Python " + info.get("version").getAsString() + ", boto3 " + info.get("boto3").getAsString()
                        : "**" + NOT_MEASURED + "** (" + info.get("skipped").getAsString() + ")"));
        JsonObject python = json.getAsJsonObject("python");
        md.append("| program | init | init + first response | CPU ms | peak RSS MiB | ratio to Python |\n"
                + "|---|---|---|---|---|---|\n");
        List<Svg.Row> rows = new ArrayList<>();
        for (String[] program : new String[][] {
                {"python", "seed's Python function (boto3)"},
                {"runtime", "custom runtime: jlinked JDK 25 + AOT cache (task-lambda-runtime.zip)"},
                {"runtime_nocache", "the same package without its cache (control)"},
                {"handler", "managed runtime's zip on JDK 17, C1 (task-lambda.zip)"}}) {
            JsonObject p = json.getAsJsonObject(program[0]);
            if (p == null) {
                md.append("| ").append(program[1]).append(" | ").append(NOT_MEASURED).append(" | ")
                        .append(NOT_MEASURED).append(" | – | – | – |\n");
                continue;
            }
            Stats response = JsonFiles.stats(p.getAsJsonObject("response"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %s |%n", program[1],
                    Report.cell(p, "init"), Report.cell(p, "response"), median(p, "cpu_us") / 1000,
                    median(p, "vmhwm_kb") / 1024, python == null ? NOT_MEASURED
                            : "**" + Report.ratio(response.median(), median(python, "response")) + "**"));
            rows.add(new Svg.Row(program[0], List.of(Report.bar(JsonFiles.stats(p.getAsJsonObject("init")), "%.0f ms"),
                    Report.bar(response, "%.0f ms"))));
        }
        md.append("\n");
        for (String program : List.of("runtime", "handler")) {
            if (json.has("paired_ratio_" + program + "_python")) {
                Stats paired = JsonFiles.stats(json.getAsJsonObject("paired_ratio_" + program + "_python"));
                md.append(String.format(Locale.ROOT, "Per round, %s's run over the same round's Python run: median "
                                + "**%.2f**, IQR %.2f–%.2f, range %.2f–%.2f.%n%n", program, paired.median(), paired.p25(),
                        paired.p75(), paired.min(), paired.max()));
            }
        }
        md.append("CPU for the custom runtime comes from /proc (10 ms ticks) as its response arrives; for the others "
                + "as in section 8.\n\n");
        JsonObject share = json.getAsJsonObject("cpu_share_256mb");
        if (share != null) {
            md.append("### At a 256 MB function's CPU share\n\n");
            if (share.has("skipped")) {
                md.append("**" + NOT_MEASURED + "**: ").append(share.get("skipped").getAsString()).append(".\n\n");
            } else {
                md.append(String.format(Locale.ROOT, "Each process confined by a cgroup CFS quota of %d µs per %d µs "
                                + "(256/1769 of one core, as Lambda gives a 256 MB function 256/1769 of a vCPU); dynalite "
                                + "and the driver outside it. %d runs each, interleaved.%n%n",
                        share.get("cfs_quota_us").getAsLong(), share.get("cfs_period_us").getAsLong(), runs));
                md.append("| program | init | init + first response | CPU ms | ratio to Python |\n|---|---|---|---|---|\n");
                JsonObject sharePython = share.getAsJsonObject("python");
                for (String[] program : new String[][] {{"python", "seed's Python function (boto3)"},
                        {"runtime", "custom runtime (task-lambda-runtime.zip)"}}) {
                    JsonObject p = share.getAsJsonObject(program[0]);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | **%s** |%n", program[1],
                            Report.cell(p, "init"), Report.cell(p, "response"), median(p, "cpu_us") / 1000,
                            Report.ratio(median(p, "response"), median(sharePython, "response"))));
                }
                Stats paired = JsonFiles.stats(share.getAsJsonObject("paired_ratio_runtime_python"));
                md.append(String.format(Locale.ROOT, "%nPer round, the runtime's run over the same round's Python run: "
                                + "median **%.2f**, IQR %.2f–%.2f, range %.2f–%.2f.%n%n", paired.median(), paired.p25(),
                        paired.p75(), paired.min(), paired.max()));
            }
        }
        Svg.barChart(charts.resolve("coldstart-runtime.svg"),
                "Custom runtime against the seed's Python function (median; whiskers min–max)",
                "ms from spawning the process", List.of("init", "init + first response"), rows);
    }

    private static String answer(JsonObject probe) {
        if (!probe.has("answer") || probe.get("answer").isJsonNull()) {
            return "none";
        }
        String answer = probe.get("answer").getAsString().replace("|", "\\|");
        return answer.length() > 40 ? answer.substring(0, 40) + " …" : answer;
    }

    private static double median(JsonObject program, String key) {
        return JsonFiles.stats(program.getAsJsonObject(key)).median();
    }
}
