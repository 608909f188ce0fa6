package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Benchmark 2, shared lists: the role check's cost on the warm path, from interleaved rounds. The JMH run of
 * {@code WarmPathBenchmark} measures each request for 32 s in one stretch, and the machine's speed drifts by more than
 * the role check costs from one stretch to the next; here the read of an own task and the read of a list's task (by
 * the handler, and by {@code TaskService} alone) alternate fork by fork, in an order reversed every round, so that
 * each round gives a paired ratio measured within a minute.
 */
public final class WarmPathRounds {
    static final List<String> BENCHMARKS = List.of("getById", "getByIdInList", "serviceGetById", "serviceGetByIdInList");

    private WarmPathRounds() {
    }

    public static void run(Settings settings) throws Exception {
        int rounds = settings.intSetting("WARM_ROUNDS", 10, 2);
        int warmups = settings.intSetting("WARM_ROUND_WARMUPS", 3, 1);
        int measurements = settings.intSetting("WARM_ROUND_MEASUREMENTS", 3, 1);
        JsonObject result = new JsonObject();
        result.addProperty("rounds", rounds);
        result.addProperty("warmup_iterations", warmups);
        result.addProperty("measurement_iterations", measurements);
        result.addProperty("iteration_seconds", 1);
        JsonArray roundsJson = new JsonArray();
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(BENCHMARKS);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            JsonObject roundJson = new JsonObject();
            for (String benchmark : order) {
                Options options = new OptionsBuilder()
                        .include("io\\.taskapi\\.lambda\\.WarmPathBenchmark\\." + benchmark + "$")
                        .forks(1)
                        .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(measurements).measurementTime(TimeValue.seconds(1))
                        .verbosity(VerboseMode.SILENT)
                        .build();
                RunResult run = new Runner(options).runSingle();
                Statistics statistics = run.getPrimaryResult().getStatistics();
                JsonObject json = new JsonObject();
                json.addProperty("p50", statistics.getPercentile(50));
                json.addProperty("p99", statistics.getPercentile(99));
                json.addProperty("mean", statistics.getMean());
                json.addProperty("samples", statistics.getN());
                roundJson.add(benchmark, json);
            }
            roundsJson.add(roundJson);
            System.out.printf("warm-path rounds: %d of %d: own %.2f / list %.2f µs (handler p50), own %.3f / list %.3f µs"
                            + " (service p50)%n", round + 1, rounds, p50(roundJson, "getById"),
                    p50(roundJson, "getByIdInList"), p50(roundJson, "serviceGetById"),
                    p50(roundJson, "serviceGetByIdInList"));
        }
        result.add("rounds_results", roundsJson);
        JsonFiles.write(settings.result("jmh-rounds.json"), result);
    }

    private static double p50(JsonObject round, String benchmark) {
        return round.getAsJsonObject(benchmark).get("p50").getAsDouble();
    }
}
