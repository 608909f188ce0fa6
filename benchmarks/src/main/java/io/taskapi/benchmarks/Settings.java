package io.taskapi.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite reads its inputs and writes its results, and how long it runs; all from the environment that
 * {@code scripts/benchmark.sh} sets.
 *
 * @param root      the repository root (holds package-lock.json and node_modules/dynalite)
 * @param artifacts copies of the built zip, module jar and server jar, taken once so concurrent builds cannot swap them
 * @param work      scratch space (extracted zip, CDS archives, logs)
 * @param results   where each benchmark writes its JSON results
 * @param charts    where the report writes its SVG charts (docs/benchmarks)
 * @param quick     {@code QUICK=1}: fewer runs and shorter phases, for a check of the machinery only
 */
public record Settings(Path root, Path artifacts, Path work, Path results, Path charts, boolean quick) {

    public static Settings fromEnvironment() {
        Path root = Path.of(System.getenv().getOrDefault("BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path target = root.resolve("benchmarks/target");
        Path results = Path.of(System.getenv().getOrDefault("BENCH_RESULTS", target.resolve("results").toString()));
        Path charts = Path.of(System.getenv().getOrDefault("BENCH_CHARTS", root.resolve("docs/benchmarks").toString()));
        boolean quick = "1".equals(System.getenv("QUICK"));
        return new Settings(root, target.resolve("artifacts"), target.resolve("work"), results.toAbsolutePath(),
                charts.toAbsolutePath(), quick);
    }

    public int intSetting(String name, int normal, int quickValue) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return Integer.parseInt(value.trim());
        }
        return quick ? quickValue : normal;
    }

    public Path result(String name) throws java.io.IOException {
        Files.createDirectories(results);
        return results.resolve(name);
    }
}
