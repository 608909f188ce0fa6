package io.taskapi.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.taskapi.application.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A proxy result is strict JSON that carries the status, every header and the body exactly. */
class ProxyEventsWriteTest {
    /** Bodies with everything JSON must escape, multi-byte characters, and JSON itself. */
    static Stream<String> bodies() {
        Random random = new Random(7);
        String[] alphabet = {"a", "Z", "9", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001",
            "\u001f", "\u007f", "é", "€", "\u2028", "\u2029", "\ud83d\ude00", "{\"task\":\"x\"}"};
        Stream<String> generated = IntStream.range(0, 300).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            return text.toString();
        });
        return Stream.concat(Stream.of("", "{\"items\":[],\"count\":0,\"next\":null}", "\"".repeat(100)), generated);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void theBodyAndHeadersSurviveTheProxyResultUnchanged(String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ETag", "\"3\"");
        headers.put("X-Odd", body);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProxyEvents.write(new HttpResponse(207, headers, body), out);

        JsonReader reader = new JsonReader(new StringReader(out.toString(StandardCharsets.UTF_8)));
        reader.setStrictness(Strictness.STRICT);
        JsonObject result = JsonParser.parseReader(reader).getAsJsonObject();
        assertThat(result.keySet()).containsExactlyInAnyOrder("statusCode", "headers", "body", "isBase64Encoded");
        assertThat(result.get("statusCode").getAsInt()).isEqualTo(207);
        assertThat(result.get("isBase64Encoded").getAsBoolean()).isFalse();
        assertThat(result.get("body").getAsString()).isEqualTo(body);
        assertThat(result.getAsJsonObject("headers").get("X-Odd").getAsString()).isEqualTo(body);
        assertThat(result.getAsJsonObject("headers").get("ETag").getAsString()).isEqualTo("\"3\"");
    }

    /**
     * The head is plain JSON text: header values are escaped only as JSON requires, so {@code =}, {@code <}, {@code >},
     * {@code &} and {@code '} stay as they are (Gson's writer, used before, wrote them as HTML-safe unicode escapes:
     * equivalent JSON, which API Gateway decoded alike).
     */
    @Test
    void theResultIsTheStatusHeadersFlagAndBodyInThatOrderWithNothingHtmlEscaped() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/problem+json");
        headers.put("WWW-Authenticate", "Bearer realm=\"tasks\", error=\"invalid_token\"");
        headers.put("X-Odd", "<a href='/tasks?limit=2&status=new'>");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProxyEvents.write(new HttpResponse(401, headers, "{\"status\":401}"), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":401,\"headers\":{"
                + "\"Content-Type\":\"application/problem+json\","
                + "\"WWW-Authenticate\":\"Bearer realm=\\\"tasks\\\", error=\\\"invalid_token\\\"\","
                + "\"X-Odd\":\"<a href='/tasks?limit=2&status=new'>\"},"
                + "\"isBase64Encoded\":false,\"body\":\"{\\\"status\\\":401}\"}");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void aJsonStringIsExactlyAsLongAsItsEscapes(String text) {
        byte[] escaped = ProxyEvents.jsonString(text.getBytes(StandardCharsets.UTF_8));

        String json = new String(escaped, StandardCharsets.UTF_8);
        assertThat(JsonParser.parseString(json).getAsString()).isEqualTo(text);
        assertThat(json).startsWith("\"").endsWith("\"").doesNotContain("\n", "\r", "\t", "\u0000");
    }
}
