package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing through the StringBuilder writer gives exactly the text a StringWriter would hold. */
class StringBuilderWriterTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 100, 5000})
    void everyRangeIsAppendedExactly(int length) throws IOException {
        String text = "0123456789abcdef\"\\é€\n".repeat(length / 21 + 1).substring(0, length);
        StringBuilder built = new StringBuilder();
        StringWriter reference = new StringWriter();
        for (int offset = 0; offset <= length; offset += Math.max(1, length / 7)) {
            for (java.io.Writer writer : new java.io.Writer[] {new StringBuilderWriter(built), reference}) {
                writer.write(text, offset, length - offset);
                writer.write(text.toCharArray(), 0, offset);
                writer.write('x');
                writer.append(text, 0, offset).append('y').append(text);
            }
        }
        assertThat(built.toString()).isEqualTo(reference.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "with \"quotes\" and \\ backslashes", "line\nbreaks\tand\u0001controls",
        "a long value without anything to escape, longer than the substring threshold"})
    void gsonWritesTheSameJsonThroughIt(String value) throws IOException {
        StringBuilder built = new StringBuilder();
        try (JsonWriter json = new JsonWriter(new StringBuilderWriter(built))) {
            json.beginObject().name("value").value(value).name("n").value(42).endObject();
        }
        assertThat(JsonParser.parseString(built.toString()).getAsJsonObject().get("value").getAsString())
                .isEqualTo(value);
    }
}
