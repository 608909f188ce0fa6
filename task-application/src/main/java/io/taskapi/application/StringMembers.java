package io.taskapi.application;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request body that is one JSON object of string (and a few number) members, as the bodies of lists, members,
 * invitations, comments and attachments are: every malformed or unexpected input a client error, each problem named by
 * its member.
 */
final class StringMembers {
    private StringMembers() {
    }

    /**
     * The string members of {@code body} by field; a member set to {@code null} maps to {@code null} (allowed only in a
     * merge patch).
     *
     * @param byName       the fields the body may set, by their wire names
     * @param serverFields names of members the server sets, which a body cannot write
     * @throws BadRequestException for a body that is not a single JSON object of such members
     */
    static <F> Map<F, String> read(String body, Map<String, F> byName, Set<String> serverFields, boolean mergePatch) {
        return read(body, byName, Set.of(), serverFields, mergePatch);
    }

    /**
     * As {@link #read(String, Map, Set, boolean)}, where the fields in {@code numbers} are JSON numbers instead, each
     * given as its literal text.
     */
    static <F> Map<F, String> read(String body, Map<String, F> byName, Set<F> numbers, Set<String> serverFields,
            boolean mergePatch) {
        Map<F, String> values = new LinkedHashMap<>();
        List<Problems.Field> errors = new ArrayList<>();
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new BadRequestException(400, "Request body must be a JSON object");
            }
            reader.beginObject();
            Set<String> seen = new HashSet<>();
            while (reader.hasNext()) {
                String name = reader.nextName();
                F field = byName.get(name);
                if (!seen.add(name)) {
                    errors.add(new Problems.Field(TaskJson.shown(name), "must not appear more than once"));
                    reader.skipValue();
                } else if (field != null && reader.peek() == (numbers.contains(field) ? JsonToken.NUMBER
                        : JsonToken.STRING)) {
                    values.put(field, reader.nextString());
                } else if (field != null && mergePatch && reader.peek() == JsonToken.NULL) {
                    reader.nextNull();
                    values.put(field, null);
                } else if (field != null) {
                    errors.add(new Problems.Field(name,
                            numbers.contains(field) ? "must be a number" : "must be a string"));
                    reader.skipValue();
                } else {
                    errors.add(new Problems.Field(TaskJson.shown(name), serverFields.contains(name)
                            ? "is set by the server and cannot be written" : "is not a known field"));
                    reader.skipValue();
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw TaskJson.malformed();
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw TaskJson.malformed();
        }
        if (!errors.isEmpty()) {
            throw BadRequestException.invalid(errors);
        }
        return values;
    }
}
