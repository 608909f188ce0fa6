package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Text written with JsonText is strict JSON that reads back as exactly what was written. */
class JsonTextTest {

    @ParameterizedTest
    @MethodSource("io.taskapi.application.RequestLogTest#awkwardText")
    void anyStringReadsBackUnchanged(String text) {
        String json = new JsonText(16).beginObject().name("value").value(text).name("in array").beginArray()
                .value(text).endArray().endObject().toString();

        JsonObject parsed = strict(json).getAsJsonObject();
        assertThat(parsed.get("value").getAsString()).isEqualTo(text);
        assertThat(parsed.getAsJsonArray("in array").get(0).getAsString()).isEqualTo(text);
    }

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped() {
        String json = new JsonText(16).value("\"\\\n\r\t\u0000\u001f\u2028\u2029/é€").toString();

        assertThat(json).isEqualTo("\"\\\"\\\\\\n\\r\\t\\u0000\\u001f\\u2028\\u2029/é€\"");
    }

    @Test
    void nestedValuesAreSeparatedByCommasExactlyWhereNeeded() {
        String json = new JsonText(16).beginObject()
                .name("empty object").beginObject().endObject()
                .name("empty array").beginArray().endArray()
                .name("objects").beginArray()
                .beginObject().name("a").value(1).endObject()
                .beginObject().name("b").value(true).name("c").value((String) null).endObject()
                .endArray()
                .name("arrays").beginArray().beginArray().value(-2).endArray().beginArray().endArray().endArray()
                .name("raw").rawValue("{\"x\":[1,2]}")
                .name("last").value("z")
                .endObject().toString();

        assertThat(json).isEqualTo("{\"empty object\":{},\"empty array\":[],\"objects\":[{\"a\":1},{\"b\":true,"
                + "\"c\":null}],\"arrays\":[[-2],[]],\"raw\":{\"x\":[1,2]},\"last\":\"z\"}");
        JsonObject parsed = strict(json).getAsJsonObject();
        JsonArray objects = parsed.getAsJsonArray("objects");
        assertThat(objects.get(1).getAsJsonObject().get("c").isJsonNull()).isTrue();
        assertThat(parsed.getAsJsonObject("raw").getAsJsonArray("x")).hasSize(2);
    }

    @Test
    void aNameThatWouldNeedEscapingIsAProgrammingError() {
        assertThatThrownBy(() -> new JsonText(16).beginObject().name("a\"b")).isInstanceOf(AssertionError.class);
    }

    @Test
    void numbersKeepEveryDigit() {
        String json = new JsonText(16).beginArray().value(Long.MIN_VALUE).value(0).value(Long.MAX_VALUE).endArray()
                .toString();

        assertThat(json).isEqualTo("[" + Long.MIN_VALUE + ",0," + Long.MAX_VALUE + "]");
    }

    @Test
    void aLineEndsWithOneNewline() {
        assertThat(new JsonText(16).beginObject().name("a").value("b").endObject().toLine())
                .isEqualTo("{\"a\":\"b\"}\n");
    }

    private static JsonElement strict(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonElement element = JsonParser.parseReader(reader);
        assertThat(element).isNotNull();
        return element;
    }
}
