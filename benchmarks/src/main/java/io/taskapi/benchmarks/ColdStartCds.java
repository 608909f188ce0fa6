package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Experiment (section {@code coldstart-cds}): the packaged handler's cold start with class-data sharing, interleaved
 * run by run with the plain zip and the seed's Python function. Nothing here changes what is deployed: the lib/-only
 * layout that AppCDS needs (the zip's root classes jarred into {@code lib/task-handler.jar}) is built in the work
 * directory from the extracted zip.
 *
 * <ul>
 *   <li>JDK 17 (the suite's JVM): a dynamic AppCDS archive from one training run ({@code -XX:ArchiveClassesAtExit}),
 *   then {@code -XX:SharedArchiveFile=… -Xshare:auto}.</li>
 *   <li>JDK 25, when one is installed (a Temurin 25 under /usr/lib/jvm, or {@code JDK25_HOME}): its ahead-of-time
 *   cache (JEP 483/514/515), made in one training run with {@code -XX:AOTCacheOutput}, used with
 *   {@code -XX:AOTCache}.</li>
 *   <li>Archives the JVM cannot use, timed: JDK 17 given JDK 25's dynamic archive and a copy of its own with the
 *   header damaged, JDK 25 given JDK 17's archive; and, in one untimed probe each, what every JVM does with a
 *   foreign, damaged, truncated or altered archive (exit status, answer, classes it took from an archive).</li>
 * </ul>
 * All with Lambda's C1 flags.
 */
final class ColdStartCds {
    private static final String HANDLER = "io.taskapi.benchmarks.coldstart.HandlerLaunch";
    private static final Pattern MESSAGE = Pattern.compile("\\]\\[(warning|error) *\\]|^# +(SIGBUS|SIGSEGV|A fatal)"
            + "|^Caused by|^Error occurred|^An error has|^The shared archive|^Unable to|^Exception in thread");

    /** A timed configuration: which JVM, which classpath layout, which archive flags. */
    private record Variant(String name, String label, boolean jdk25, boolean libLayout, List<String> flags) {
    }

    private ColdStartCds() {
    }

    static void run(Settings settings) throws Exception {
        int runs = settings.intSetting("COLD_RUNS", 12, 3);
        Path work = settings.work().resolve("coldstart-cds");
        ColdStart.deleteTree(work);
        Path extract = work.resolve("zip");
        ColdStart.unzip(settings.artifacts().resolve("task-lambda.zip"), extract);
        Path launcher = settings.artifacts().resolve("launcher.jar");
        Path libOnly = libOnlyLayout(extract, work.resolve("lib-only"));
        String zipClasspath = extract + ":" + extract.resolve("lib") + "/*:" + launcher;
        String libClasspath = libOnly.resolve("lib") + "/*:" + launcher;
        Path home = Files.createDirectories(work.resolve("home"));
        Path jdk17 = Path.of(System.getProperty("java.home"));
        Path jdk25 = ColdStartPython.jdk25();
        if (jdk25 == null) {
            System.out.println("coldstart-cds: SKIPPED the JDK 25 AOT cache: no JDK 25 under /usr/lib/jvm (or JDK25_HOME);"
                    + " only JDK 17's AppCDS is measured");
        }
        ColdStartPython.Python python = ColdStartPython.Python.find();

        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), work.resolve("logs"))) {
            String taskId = ColdStart.seed(dynalite);
            ColdStartPython.seedSeedTable(dynalite, taskId);
            Map<String, String> env = ColdStart.environment(home, dynalite);
            env.put("TABLE_NAME", ColdStartPython.SEED_TABLE);
            List<String> handlerArgs = List.of(HANDLER, taskId);

            // Training runs: one per archive, on the lib/-only layout, with the flags of the timed runs.
            JsonObject archives = new JsonObject();
            Path archive17 = work.resolve("handler-jdk17.jsa");
            archives.add("jdk17_dynamic", train(jdk17, env, libClasspath,
                    List.of("-XX:ArchiveClassesAtExit=" + archive17), handlerArgs, work, archive17));
            Path damaged17 = work.resolve("handler-jdk17-damaged-header.jsa");
            copyAndOverwrite(archive17, damaged17, 0, 16); // the magic number and version: refused at once
            Path truncated17 = work.resolve("handler-jdk17-truncated.jsa");
            truncate(archive17, truncated17);
            Path altered17 = work.resolve("handler-jdk17-altered.jsa");
            copyAndOverwrite(archive17, altered17, Files.size(archive17) / 2, 4096); // header intact, content not
            Path archive25 = work.resolve("handler-jdk25.aot");
            Path dynamic25 = work.resolve("handler-jdk25-dynamic.jsa");
            Path truncated25 = work.resolve("handler-jdk25-truncated.aot");
            Path altered25 = work.resolve("handler-jdk25-altered.aot");
            if (jdk25 != null) {
                // JEP 514: one run that trains and then writes the cache (a second JVM the launcher starts itself).
                archives.add("jdk25_aot_cache", train(jdk25, env, libClasspath,
                        List.of("-XX:AOTCacheOutput=" + archive25), handlerArgs, work, archive25));
                archives.add("jdk25_dynamic", train(jdk25, env, libClasspath,
                        List.of("-XX:ArchiveClassesAtExit=" + dynamic25), handlerArgs, work, dynamic25));
                truncate(archive25, truncated25);
                copyAndOverwrite(archive25, altered25, Files.size(archive25) / 2, 4096);
            }

            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("zip17", "JDK 17, the zip as packaged (production today)", false, false, List.of()));
            variants.add(new Variant("lib17", "JDK 17, lib/-only layout, no archive (control)", false, true, List.of()));
            variants.add(new Variant("lib17-appcds", "JDK 17, lib/-only + AppCDS (own dynamic archive)", false, true,
                    List.of("-XX:SharedArchiveFile=" + archive17, "-Xshare:auto")));
            variants.add(new Variant("lib17-appcds-verify", "JDK 17, lib/-only + AppCDS, archive checksummed at start",
                    false, true, List.of("-XX:SharedArchiveFile=" + archive17, "-Xshare:auto",
                            "-XX:+VerifySharedSpaces")));
            if (jdk25 != null) {
                variants.add(new Variant("lib17-foreign", "JDK 17, lib/-only + JDK 25's dynamic archive (fallback)",
                        false, true, List.of("-XX:SharedArchiveFile=" + dynamic25, "-Xshare:auto")));
            }
            variants.add(new Variant("lib17-damaged", "JDK 17, lib/-only + own archive, header damaged (fallback)",
                    false, true, List.of("-XX:SharedArchiveFile=" + damaged17, "-Xshare:auto")));
            if (jdk25 != null) {
                variants.add(new Variant("zip25", "JDK 25, the zip as packaged", true, false, List.of()));
                variants.add(new Variant("lib25", "JDK 25, lib/-only layout, no cache (control)", true, true, List.of()));
                variants.add(new Variant("lib25-aot", "JDK 25, lib/-only + AOT cache (JEP 483/514/515)", true, true,
                        List.of("-XX:AOTCache=" + archive25)));
                variants.add(new Variant("lib25-aot-verify", "JDK 25, lib/-only + AOT cache, checksummed at start",
                        true, true, List.of("-XX:AOTCache=" + archive25, "-XX:+VerifySharedSpaces")));
                variants.add(new Variant("lib25-foreign", "JDK 25, lib/-only + JDK 17's archive as AOT cache (fallback)",
                        true, true, List.of("-XX:AOTCache=" + archive17)));
            }

            Map<String, List<ColdStartRuns.Run>> samples = new LinkedHashMap<>();
            for (int round = -1; round < runs; round++) { // round -1 warms the page cache and is discarded
                List<String> order = new ArrayList<>();
                if (python.available()) {
                    order.add("python");
                }
                variants.forEach(v -> order.add(v.name()));
                if (round % 2 != 0) {
                    java.util.Collections.reverse(order); // alternate the order, so no program always follows another
                }
                for (String name : order) {
                    ColdStartRuns.Run run;
                    if (name.equals("python")) {
                        run = ColdStartRuns.launch(python.command(taskId, settings.root()), env, work);
                    } else {
                        Variant v = variants.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                        List<String> flags = new ArrayList<>(ColdStart.C1);
                        flags.addAll(v.flags());
                        run = ColdStartRuns.launch(v.jdk25() ? jdk25 : jdk17, env,
                                v.libLayout() ? libClasspath : zipClasspath, flags, handlerArgs, work);
                    }
                    if (round >= 0) {
                        samples.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
                    }
                }
                System.out.printf("coldstart-cds: round %d of %d done%n", round + 1, runs);
            }

            // Untimed probes: what each JVM does with an archive it cannot use, and what the archives hold.
            JsonArray probes = new JsonArray();
            probes.add(probe("JDK 17, own archive", jdk17, env, libClasspath,
                    List.of("-XX:SharedArchiveFile=" + archive17, "-Xshare:auto"), handlerArgs, work));
            probes.add(probe("JDK 17, no archive flag (default CDS of the JDK only)", jdk17, env, libClasspath,
                    List.of(), handlerArgs, work));
            if (jdk25 != null) {
                probes.add(probe("JDK 17, JDK 25's dynamic archive, -Xshare:auto", jdk17, env, libClasspath,
                        List.of("-XX:SharedArchiveFile=" + dynamic25, "-Xshare:auto"), handlerArgs, work));
                probes.add(probe("JDK 17, JDK 25's dynamic archive, -Xshare:on (strict)", jdk17, env, libClasspath,
                        List.of("-XX:SharedArchiveFile=" + dynamic25, "-Xshare:on"), handlerArgs, work));
            }
            probes.add(probe("JDK 17, own archive with its header damaged, -Xshare:auto", jdk17, env, libClasspath,
                    List.of("-XX:SharedArchiveFile=" + damaged17, "-Xshare:auto"), handlerArgs, work));
            probes.add(probe("JDK 17, own archive truncated to half, -Xshare:auto", jdk17, env, libClasspath,
                    List.of("-XX:SharedArchiveFile=" + truncated17, "-Xshare:auto"), handlerArgs, work));
            probes.add(probe("JDK 17, own archive with 4 KiB altered mid-file, -Xshare:auto", jdk17, env, libClasspath,
                    List.of("-XX:SharedArchiveFile=" + altered17, "-Xshare:auto"), handlerArgs, work));
            probes.add(probe("JDK 17, the same altered archive, -Xshare:auto -XX:+VerifySharedSpaces", jdk17, env,
                    libClasspath, List.of("-XX:SharedArchiveFile=" + altered17, "-Xshare:auto",
                            "-XX:+VerifySharedSpaces"), handlerArgs, work));
            if (jdk25 != null) {
                probes.add(probe("JDK 25, own AOT cache", jdk25, env, libClasspath,
                        List.of("-XX:AOTCache=" + archive25), handlerArgs, work));
                probes.add(probe("JDK 25, no cache flag (default CDS of the JDK only)", jdk25, env, libClasspath,
                        List.of(), handlerArgs, work));
                probes.add(probe("JDK 25, JDK 17's archive as AOT cache (AOTMode auto)", jdk25, env, libClasspath,
                        List.of("-XX:AOTCache=" + archive17), handlerArgs, work));
                probes.add(probe("JDK 25, JDK 17's archive as AOT cache, -XX:AOTMode=on (strict)", jdk25, env,
                        libClasspath, List.of("-XX:AOTCache=" + archive17, "-XX:AOTMode=on"), handlerArgs, work));
                probes.add(probe("JDK 25, own AOT cache truncated to half", jdk25, env, libClasspath,
                        List.of("-XX:AOTCache=" + truncated25), handlerArgs, work));
                probes.add(probe("JDK 25, own AOT cache with 4 KiB altered mid-file", jdk25, env, libClasspath,
                        List.of("-XX:AOTCache=" + altered25), handlerArgs, work));
                probes.add(probe("JDK 25, the same altered cache, -XX:+VerifySharedSpaces", jdk25, env, libClasspath,
                        List.of("-XX:AOTCache=" + altered25, "-XX:+VerifySharedSpaces"), handlerArgs, work));
                probes.add(probe("JDK 25, the zip as packaged, with the AOT cache (classes at the zip's root)", jdk25,
                        env, zipClasspath, List.of("-XX:AOTCache=" + archive25), handlerArgs, work));
            }

            JsonObject result = new JsonObject();
            result.addProperty("runs", runs);
            result.addProperty("task_id", taskId);
            result.addProperty("flags", String.join(" ", ColdStart.C1));
            result.addProperty("jdk17", javaVersion(jdk17));
            result.addProperty("jdk25", jdk25 == null ? null : javaVersion(jdk25));
            result.addProperty("jdk25_skipped", jdk25 == null ? "no JDK 25 under /usr/lib/jvm" : null);
            result.add("python_info", python.describe());
            result.add("archives", archives);
            JsonArray configs = new JsonArray();
            if (python.available()) {
                JsonObject json = ColdStartRuns.summarize(samples.get("python"));
                json.addProperty("name", "python");
                json.addProperty("label", "Python 3.11 + boto3, the seed's cold path");
                configs.add(json);
            }
            for (Variant v : variants) {
                JsonObject json = ColdStartRuns.summarize(samples.get(v.name()));
                json.addProperty("name", v.name());
                json.addProperty("label", v.label());
                json.addProperty("flags", String.join(" ", v.flags()).replace(work + "/", ""));
                configs.add(json);
            }
            result.add("configs", configs);
            result.add("probes", probes);
            JsonFiles.write(settings.result("coldstart-cds.json"), result);
        }
    }

    /**
     * The lib/-only variant of the zip: every jar of its lib/ plus the zip's root (the handler's classes and
     * resources) jarred as lib/task-handler.jar; returns its directory.
     */
    static Path libOnlyLayout(Path extract, Path into) throws IOException {
        Path lib = Files.createDirectories(into.resolve("lib"));
        try (Stream<Path> jars = Files.list(extract.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(lib.resolve("task-handler.jar")));
             Stream<Path> files = Files.walk(extract)) {
            for (Path file : files.sorted().toList()) {
                Path relative = extract.relativize(file);
                if (relative.toString().isEmpty() || relative.startsWith("lib")) {
                    continue;
                }
                String name = relative.toString().replace('\\', '/') + (Files.isDirectory(file) ? "/" : "");
                out.putNextEntry(new ZipEntry(name));
                if (!Files.isDirectory(file)) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        return into;
    }

    /** One training run that writes {@code archive}; its time and the archive's size. */
    private static JsonObject train(Path javaHome, Map<String, String> env, String classpath, List<String> flags,
                                    List<String> programArgs, Path work, Path archive)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(ColdStart.C1);
        all.addAll(flags);
        long start = System.nanoTime();
        ColdStartRuns.launch(javaHome, env, classpath, all, programArgs, work);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no archive: " + archive + "\n"
                    + Files.readString(work.resolve("last-stderr.log")));
        }
        JsonObject json = new JsonObject();
        json.addProperty("training_run_ms", ms);
        json.addProperty("bytes", Files.size(archive));
        json.addProperty("flags", String.join(" ", flags).replace(work + "/", ""));
        return json;
    }

    /** One run that may fail, with the class-loading log: how many classes came from an archive. */
    private static JsonObject probe(String label, Path javaHome, Map<String, String> env, String classpath,
                                    List<String> flags, List<String> programArgs, Path work)
            throws IOException, InterruptedException {
        Path log = work.resolve("probe-classes.log");
        Files.deleteIfExists(log);
        List<String> all = new ArrayList<>(ColdStart.C1);
        all.addAll(flags);
        all.add("-Xlog:class+load=info:file=" + log);
        JsonObject json = ColdStartRuns.probe(ColdStartRuns.javaCommand(javaHome, classpath, all, programArgs), env,
                work);
        json.addProperty("label", label);
        json.addProperty("command", json.get("command").getAsString().replace(work + "/", ""));
        int total = 0;
        int shared = 0;
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains(" source: ")) {
                    total++;
                    shared += line.contains("source: shared objects file") ? 1 : 0;
                }
            }
        }
        json.addProperty("classes_loaded", total);
        json.addProperty("classes_from_archive", shared);
        // The JVM's own messages about the archive, its crash line or the exception's cause, from both streams.
        String output = json.get("stdout").getAsString() + json.get("stderr").getAsString();
        json.remove("stdout");
        json.remove("stderr");
        json.addProperty("messages", output.lines().filter(l -> MESSAGE.matcher(l).find()).distinct().limit(6)
                .map(l -> l.replace(work + "/", "")).reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b));
        System.out.printf("coldstart-cds probe: %s: exit %d, answer %s, %d of %d classes from an archive%n", label,
                json.get("exit").getAsInt(), json.get("answer").isJsonNull() ? "none" : json.get("answer").getAsString(),
                shared, total);
        return json;
    }

    private static void copyAndOverwrite(Path from, Path to, long offset, int length) throws IOException {
        Files.copy(from, to);
        to.toFile().setWritable(true);
        byte[] pattern = new byte[length];
        Arrays.fill(pattern, (byte) 0xA5);
        try (RandomAccessFile file = new RandomAccessFile(to.toFile(), "rw")) {
            file.seek(offset);
            file.write(pattern);
        }
    }

    private static void truncate(Path from, Path to) throws IOException {
        long half = Files.size(from) / 2;
        try (var in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            out.write(in.readNBytes((int) half));
        }
    }

    static String javaVersion(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (Files.exists(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                    return line.substring(line.indexOf('=') + 1).replace("\"", "") + " (" + javaHome + ")";
                }
            }
        }
        return System.getProperty("java.runtime.version") + " (" + javaHome + ")";
    }
}
