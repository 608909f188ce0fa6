package io.taskapi.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Builds {@code task-lambda-runtime.zip}, the function for Lambda's {@code provided.al2023}: the managed zip's jars,
 * a jlinked JDK 25, and an ahead-of-time cache (JEP 483/514/515) made by that same JDK in a training run.
 *
 * <p>Steps: lay out the jars, jlink the JDK, write {@code bootstrap} and {@code jvm.args}, give every file the build's
 * fixed timestamp (the cache records each jar's size and time, and the zip carries that time), train, check that the
 * JVM maps the cache in strict mode, zip. Without a JDK 25 it says {@code SKIPPED} and builds nothing: the managed
 * runtime's zip does not need it.
 *
 * <p>Arguments: the managed zip ({@code task-lambda.zip}), the target directory, {@code project.build.outputTimestamp}.
 */
public final class CustomRuntimePackage {
    /** What the handler's jars need of the JDK (jdeps): XML for S3's protocol, java.sql for Gson's optional adapters. */
    static final List<String> MODULES = List.of("java.base", "java.xml", "java.sql");
    /** The package's name, as Terraform's default and scripts/package.sh expect it. */
    static final String ZIP = "task-lambda-runtime.zip";
    static final String CACHE = "task.aot";
    static final String ARGS = "jvm.args";
    static final String MAIN = "io.taskapi.lambda.RuntimeLoop";
    /**
     * The JVM's options, shared by the training run and the function: Lambda's own choices for its Java runtimes (C1
     * only, serial GC), the heap at 85 % of the function's memory as Lambda's runtimes size it, and no perf-data file.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=85", "-XX:-UsePerfData");

    private CustomRuntimePackage() {
    }

    public static void main(String[] args) throws Exception {
        Path managedZip = Path.of(args[0]);
        Path target = Path.of(args[1]);
        FileTime buildTime = FileTime.from(Instant.parse(args[2]));
        Path zip = target.resolve(ZIP);
        Files.deleteIfExists(zip);
        Optional<Path> jdk = Jdk25.find();
        if (jdk.isEmpty()) {
            System.out.println("SKIPPED " + ZIP + ": no JDK 25 (set JDK25_HOME, or install one under /usr/lib/jvm);"
                    + " the managed runtime's task-lambda.zip is built as always");
            return;
        }
        Path root = target.resolve("custom-runtime");
        deleteTree(root);
        Files.createDirectories(root);
        List<String> classpath = layOutJars(managedZip, root.resolve("lib"), buildTime);
        jlink(jdk.get(), root.resolve("jre"));
        writeLaunchFiles(root, classpath);
        touchAll(root, buildTime);
        Training.run(root, target.resolve("custom-runtime-training"));
        touchAll(root, buildTime);
        ReproducibleZip.write(root, zip, buildTime);
        System.out.printf("%s: %,d bytes (JDK %s, cache %,d bytes)%n", zip, Files.size(zip), Jdk25.version(jdk.get()),
                Files.size(root.resolve(CACHE)));
    }

    /**
     * The managed zip's {@code lib/*.jar} as they are, and its root (the handler's classes) as one more jar: the
     * cache only takes classes from jars. Returns the class path in a fixed order, relative to the task root.
     */
    static List<String> layOutJars(Path managedZip, Path lib, FileTime buildTime) throws IOException {
        Files.createDirectories(lib);
        Path handlerJar = lib.resolve("task-handler.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(managedZip));
             ReproducibleZip.JarWriter handler = new ReproducibleZip.JarWriter(handlerJar, buildTime)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
                    Files.copy(in, lib.resolve(name.substring(4)), StandardCopyOption.REPLACE_EXISTING);
                } else if (!name.startsWith("lib/")) {
                    handler.add(name, in.readAllBytes());
                } else {
                    throw new IOException("unexpected entry in " + managedZip + ": " + name);
                }
            }
        }
        List<String> classpath = new ArrayList<>();
        classpath.add("lib/task-handler.jar");
        try (Stream<Path> jars = Files.list(lib)) {
            jars.map(jar -> "lib/" + jar.getFileName()).filter(jar -> !jar.equals("lib/task-handler.jar")).sorted()
                    .forEach(classpath::add);
        }
        return classpath;
    }

    private static void jlink(Path jdk, Path image) throws IOException, InterruptedException {
        run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--output", image.toString()),
                image.getParent(), "jlink");
    }

    /**
     * {@code bootstrap}, which Lambda runs in the task root, and {@code jvm.args}, the argument file with the options,
     * the explicit class path (a wildcard's order is the directory's, and the cache checks the order) and the main
     * class. The cache is named on the command line only, so that the training run can name its output instead.
     */
    static void writeLaunchFiles(Path root, List<String> classpath) throws IOException {
        List<String> args = new ArrayList<>(JVM_OPTIONS);
        args.add("-cp");
        args.add(String.join(":", classpath));
        args.add(MAIN);
        Files.write(root.resolve(ARGS), args, StandardCharsets.UTF_8);
        String bootstrap = """
                #!/bin/sh
                # Lambda's provided.al2023 runs this file in the task root. The cache was made by jre/ itself at build
                # time; should the JVM ever refuse it (it logs why), it starts without it: slower, never broken.
                cd "${LAMBDA_TASK_ROOT:-$(dirname "$0")}" || exit 1
                exec ./jre/bin/java -XX:AOTCache=%s @%s
                """.formatted(CACHE, ARGS);
        Path file = root.resolve("bootstrap");
        Files.writeString(file, bootstrap, StandardCharsets.UTF_8);
        file.toFile().setExecutable(true, false);
    }

    /** Gives every file and directory under {@code root} the build's fixed time, the one the zip records. */
    static void touchAll(Path root, FileTime time) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, time);
            }
        }
    }

    static void run(List<String> command, Path directory, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(what + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
