package io.taskapi.benchmarks;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One cold start in a fresh JVM, timed from the driver's side, and the summaries of many. */
final class ColdStartRuns {
    private ColdStartRuns() {
    }

    /**
     * One fresh JVM. Milestones are times in ms since just before the spawn.
     *
     * @param milestones MAIN (main() entered), INIT (constructor / client built), PRIMED, RESPONSE
     * @param memory     the MEMORY line's key=value pairs
     */
    record Run(Map<String, Double> milestones, Map<String, Long> memory) {
    }

    static Run launch(Map<String, String> env, String classpath, List<String> flags, List<String> programArgs,
                      Path work) throws IOException, InterruptedException {
        return launch(Path.of(System.getProperty("java.home")), env, classpath, flags, programArgs, work);
    }

    /** The same with the JVM of another JDK ({@code javaHome}/bin/java). */
    static Run launch(Path javaHome, Map<String, String> env, String classpath, List<String> flags,
                      List<String> programArgs, Path work) throws IOException, InterruptedException {
        return launch(javaCommand(javaHome, classpath, flags, programArgs), env, work);
    }

    static List<String> javaCommand(Path javaHome, String classpath, List<String> flags, List<String> programArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(classpath);
        command.addAll(programArgs);
        return command;
    }

    /**
     * Any program that prints the same milestone lines ({@code @@MAIN}, {@code @@INIT}, {@code @@RESPONSE 200},
     * {@code @@MEMORY ...}): a JVM, or the Python baseline. Fails unless it exits 0 having answered 200.
     */
    static Run launch(List<String> command, Map<String, String> env, Path work)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(work.resolve("last-stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Map<String, Double> milestones = new LinkedHashMap<>();
        Map<String, Long> memory = new TreeMap<>();
        long spawn = System.nanoTime();
        Process process = builder.start();
        String answer = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long at = System.nanoTime();
                if (!line.startsWith("@@")) {
                    continue; // the handler's own request log
                }
                String[] parts = line.substring(2).split(" ", 2);
                if (parts[0].equals("MEMORY")) {
                    for (String pair : parts[1].split(" ")) {
                        String[] kv = pair.split("=");
                        memory.put(kv[0], Long.parseLong(kv[1]));
                    }
                } else {
                    milestones.put(parts[0], (at - spawn) / 1e6);
                    if (parts[0].equals("RESPONSE")) {
                        answer = parts[1];
                    }
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cold start did not finish: " + command);
        }
        if (process.exitValue() != 0 || !"200".equals(answer)) {
            throw new IllegalStateException("cold start failed (exit " + process.exitValue() + ", answer " + answer
                    + "): " + command + "\n" + Files.readString(work.resolve("last-stderr.log")));
        }
        return new Run(milestones, memory);
    }

    /**
     * One run that may fail: its exit status, its answer (the RESPONSE line's value, or null) and its standard error;
     * for showing what a JVM does with an archive it cannot use.
     */
    static JsonObject probe(List<String> command, Map<String, String> env, Path work)
            throws IOException, InterruptedException {
        Path stderr = work.resolve("probe-stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String answer = null;
        StringBuilder jvmOutput = new StringBuilder(); // the JVM's unified log and crash report go to stdout
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("@@RESPONSE ")) {
                    answer = line.substring("@@RESPONSE ".length());
                } else if (!line.startsWith("@@") && !line.startsWith("{")) { // not a milestone, not the request log
                    jvmOutput.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        JsonObject json = new JsonObject();
        json.addProperty("command", String.join(" ", command));
        json.addProperty("exit", process.isAlive() ? -1 : process.exitValue());
        json.addProperty("answer", answer);
        json.addProperty("stderr", Files.readString(stderr, StandardCharsets.UTF_8));
        json.addProperty("stdout", jvmOutput.toString());
        return json;
    }

    static JsonObject summarize(List<Run> runs) {
        JsonObject json = new JsonObject();
        for (String milestone : List.of("MAIN", "INIT", "PRIMED", "RESPONSE")) {
            List<Double> values = runs.stream().map(r -> r.milestones().get(milestone))
                    .filter(v -> v != null).toList();
            if (!values.isEmpty()) {
                JsonObject m = JsonFiles.stats(Stats.of(values));
                m.add("values", JsonFiles.numbers(values));
                json.add(milestone.toLowerCase(Locale.ROOT), m);
            }
        }
        // The first request alone: from init (or priming) done to the response.
        List<Double> firstRequest = runs.stream().map(r -> r.milestones().get("RESPONSE")
                - r.milestones().getOrDefault("PRIMED", r.milestones().get("INIT"))).toList();
        json.add("first_request", JsonFiles.stats(Stats.of(firstRequest)));
        for (String key : List.of("vmhwm_kb", "peak_heap_used", "peak_heap_committed", "max_heap", "cpu_us")) {
            List<Double> values = runs.stream().map(r -> r.memory().get(key)).filter(v -> v != null)
                    .map(Long::doubleValue).toList();
            json.add(key, JsonFiles.stats(Stats.of(values)));
        }
        return json;
    }

    /** Classes loaded by each program (one extra run each, C1, logged with -Xlog:class+load), by source. */
    static JsonObject classLoading(Map<String, String> env, String handlerClasspath, String floorClasspath,
            List<String> handlerArgs, List<String> floorArgs, Path work) throws IOException, InterruptedException {
        JsonObject json = new JsonObject();
        for (String program : List.of("handler", "floor")) {
            Path log = work.resolve(program + "-classes.log");
            List<String> flags = new ArrayList<>(ColdStart.C1);
            flags.add("-Xlog:class+load=info:file=" + log);
            launch(env, program.equals("handler") ? handlerClasspath : floorClasspath, flags,
                    program.equals("handler") ? handlerArgs : floorArgs, work);
            Map<String, Integer> bySource = new TreeMap<>();
            int total = 0;
            try (Stream<String> lines = Files.lines(log)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    int at = line.indexOf(" source: ");
                    if (at < 0) {
                        continue;
                    }
                    total++;
                    String source = line.substring(at + 9).trim();
                    String group;
                    if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) {
                        group = "JDK";
                    } else if (source.contains("/lib/") || source.contains("/floor-lib/")) {
                        group = source.substring(source.lastIndexOf('/') + 1).replaceAll("-[0-9][^/]*\\.jar$", "");
                    } else if (source.endsWith("launcher.jar")) {
                        group = "launcher";
                    } else if (source.startsWith("file:") || source.startsWith("/")) {
                        group = "application";
                    } else {
                        group = "JDK (generated)";
                    }
                    bySource.merge(group, 1, Integer::sum);
                }
            }
            JsonObject programJson = new JsonObject();
            programJson.addProperty("total", total);
            JsonObject sources = new JsonObject();
            bySource.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> sources.addProperty(e.getKey(), e.getValue()));
            programJson.add("by_source", sources);
            json.add(program, programJson);
        }
        return json;
    }
}
