package io.taskapi.application;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One spelling for each JSON value, so that two bodies that mean the same are the same bytes: members sorted by name,
 * no whitespace, strings escaped only where JSON requires. Numbers keep their text.
 */
final class JsonCanonical {
    private JsonCanonical() {
    }

    /** The canonical text of a JSON document, or empty when the bytes are not one (or nest too deeply to read). */
    static Optional<String> of(byte[] body) {
        if (body.length == 0 || JsonBodies.depth(body) > JsonBodies.MAX_DEPTH) {
            return Optional.empty();
        }
        try (JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement document = JsonParser.parseReader(reader);
            JsonText text = new JsonText(body.length);
            write(document, text);
            return Optional.of(text.toString());
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void write(JsonElement element, JsonText text) {
        if (element.isJsonObject()) {
            text.beginObject();
            Map<String, JsonElement> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonElement> member : ((JsonObject) element).entrySet()) {
                sorted.put(member.getKey(), member.getValue());
            }
            sorted.forEach((name, value) -> {
                text.escapedName(name);
                write(value, text);
            });
            text.endObject();
        } else if (element.isJsonArray()) {
            text.beginArray();
            for (JsonElement item : (JsonArray) element) {
                write(item, text);
            }
            text.endArray();
        } else if (element.isJsonNull()) {
            text.rawValue("null");
        } else if (element.getAsJsonPrimitive().isString()) {
            text.value(element.getAsString());
        } else {
            text.rawValue(element.getAsString());
        }
    }
}
