package io.taskapi.benchmarks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Results on disk: Gson trees, written pretty so a reader can inspect them. */
public final class JsonFiles {
    private JsonFiles() {
    }

    public static void write(Path file, JsonElement json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .create().toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    public static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    public static JsonArray numbers(List<? extends Number> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    public static JsonObject stats(Stats stats) {
        JsonObject json = new JsonObject();
        json.addProperty("n", stats.n());
        json.addProperty("median", stats.median());
        json.addProperty("p25", stats.p25());
        json.addProperty("p75", stats.p75());
        json.addProperty("min", stats.min());
        json.addProperty("max", stats.max());
        return json;
    }

    public static Stats stats(JsonObject json) {
        return new Stats(json.get("n").getAsInt(), json.get("median").getAsDouble(), json.get("p25").getAsDouble(),
                json.get("p75").getAsDouble(), json.get("min").getAsDouble(), json.get("max").getAsDouble());
    }
}
