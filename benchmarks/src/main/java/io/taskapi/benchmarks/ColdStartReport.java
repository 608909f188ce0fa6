package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cold start section of the results: each JVM configuration, the handler against the floor, and its chart. */
final class ColdStartReport {
    private ColdStartReport() {
    }

    static void section(JsonObject json, StringBuilder md, Path charts) throws IOException {
        md.append("## 1. Cold start (ms from spawning the JVM; median, IQR, range over ")
                .append(json.get("runs").getAsInt()).append(" fresh JVMs each)\n\n");
        md.append("| configuration | handler init | handler init + first response | floor client built "
                + "| floor init + GetItem + JSON | ratio handler/floor (init + response) "
                + "| CPU ms handler / floor (ratio) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        List<Svg.Row> rows = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("configs")) {
            JsonObject config = element.getAsJsonObject();
            JsonObject handler = config.getAsJsonObject("handler");
            JsonObject floor = config.getAsJsonObject("floor");
            Stats handlerResponse = JsonFiles.stats(handler.getAsJsonObject("response"));
            Stats floorResponse = JsonFiles.stats(floor.getAsJsonObject("response"));
            md.append("| ").append(config.get("label").getAsString()).append(" | ")
                    .append(Report.cell(handler, "init")).append(" | ").append(Report.cell(handler, "response")).append(" | ")
                    .append(Report.cell(floor, "init")).append(" | ").append(Report.cell(floor, "response")).append(" | ")
                    .append(Report.ratio(handlerResponse.median(), floorResponse.median())).append(" | ")
                    .append(cpu(handler, floor)).append(" |\n");
            rows.add(new Svg.Row(config.get("name").getAsString(), List.of(
                    Report.bar(handlerResponse, "%.0f ms (×" + Report.ratio(handlerResponse.median(), floorResponse.median()) + ")"),
                    Report.bar(floorResponse, "%.0f ms"))));
        }
        md.append("\nratio = median of the handler's init + first response / median of the floor's, same flags. "
                + "CPU = the JVM's own CPU time (all threads, JIT and GC included, 10 ms resolution) at the end of the "
                + "run, median; less disturbed by other load on the machine than elapsed time.\n\n");
        Svg.barChart(charts.resolve("coldstart.svg"), "Cold start: init + first response (median; whiskers min–max)",
                "ms from spawning the JVM", List.of("Lambda handler (GET /tasks/{id})", "floor (bare client + GetItem)"),
                rows);

        JsonObject c1 = null;
        for (JsonElement element : json.getAsJsonArray("configs")) {
            if (element.getAsJsonObject().get("name").getAsString().equals("c1")) {
                c1 = element.getAsJsonObject();
            }
        }
        JsonObject primed = json.getAsJsonObject("primed");
        if (c1 != null && primed != null) {
            md.append("### SnapStart priming, as far as it can be run locally (C1 flags)\n\n");
            md.append("| | first request (ms after init or priming) | init + (priming) + first response |\n|---|---|---|\n");
            md.append("| not primed | ").append(Report.describe(c1.getAsJsonObject("handler").getAsJsonObject("first_request")))
                    .append(" | ").append(Report.cell(c1.getAsJsonObject("handler"), "response")).append(" |\n");
            md.append("| primed (beforeCheckpoint ran after init) | ")
                    .append(Report.describe(primed.getAsJsonObject("first_request"))).append(" | ")
                    .append(Report.cell(primed, "response")).append(" |\n\n");
            md.append("Priming itself (init → primed): ").append(Report.describe(diff(primed, "primed", "init")))
                    .append(" ms.\n\n");
        }
        JsonObject classes = json.getAsJsonObject("class_loading");
        if (classes != null) {
            md.append("### Classes loaded by the end of the first response (C1 flags)\n\n");
            md.append("| program | classes loaded | largest sources |\n|---|---|---|\n");
            for (String program : List.of("handler", "floor")) {
                JsonObject p = classes.getAsJsonObject(program);
                StringBuilder sources = new StringBuilder();
                int shown = 0;
                for (Map.Entry<String, JsonElement> source : p.getAsJsonObject("by_source").entrySet()) {
                    if (shown++ == 8) {
                        break;
                    }
                    sources.append(shown > 1 ? ", " : "").append(source.getKey()).append(" ")
                            .append(source.getValue().getAsInt());
                }
                md.append("| ").append(program).append(" | ").append(p.get("total").getAsInt()).append(" | ")
                        .append(sources).append(" |\n");
            }
            md.append("\n");
        }
    }

    private static String cpu(JsonObject handler, JsonObject floor) {
        if (!handler.has("cpu_us") || !floor.has("cpu_us")) {
            return "–";
        }
        double h = JsonFiles.stats(handler.getAsJsonObject("cpu_us")).median() / 1000;
        double f = JsonFiles.stats(floor.getAsJsonObject("cpu_us")).median() / 1000;
        return String.format(Locale.ROOT, "%.0f / %.0f (%.2f)", h, f, h / f);
    }

    private static Stats diff(JsonObject program, String later, String earlier) {
        JsonArray a = program.getAsJsonObject(later).getAsJsonArray("values");
        JsonArray b = program.getAsJsonObject(earlier).getAsJsonArray("values");
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            values.add(a.get(i).getAsDouble() - b.get(i).getAsDouble());
        }
        return Stats.of(values);
    }
}
