package io.taskapi.benchmarks;

import io.taskapi.dynamodb.ListingCost;

/**
 * Entry point of {@code scripts/benchmark.sh}: runs the named sections in order ({@code coldstart},
 * {@code coldstart-python}, {@code coldstart-cds}, {@code warm-rounds}, {@code throughput}, {@code listing},
 * {@code package}, {@code cost}, {@code report}); the JMH warm path runs between them through JMH's own main.
 */
public final class Suite {
    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        for (String section : args) {
            long start = System.nanoTime();
            switch (section) {
                case "coldstart" -> ColdStart.run(settings);
                case "coldstart-ab" -> ColdStart.compare(settings);
                case "coldstart-python" -> ColdStartPython.run(settings);
                case "coldstart-cds" -> ColdStartCds.run(settings);
                case "coldstart-runtime" -> ColdStartRuntime.run(settings);
                case "warm-rounds" -> WarmPathRounds.run(settings);
                case "throughput" -> Throughput.run(settings);
                case "listing" -> ListingCost.run(settings);
                case "package" -> PackageStats.run(settings);
                case "cost" -> RequestCost.run(settings);
                case "report" -> Report.run(settings);
                default -> throw new IllegalArgumentException("unknown section: " + section);
            }
            System.out.printf("%s finished in %.0f s%n", section, (System.nanoTime() - start) / 1e9);
        }
        System.exit(0);
    }
}
