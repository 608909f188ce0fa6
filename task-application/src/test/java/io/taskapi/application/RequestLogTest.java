package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.taskapi.domain.OwnerId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The request log writes each line as one strict JSON object whose values are exactly what it was given. */
class RequestLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RequestLog log = RequestLog.withEmbeddedMetrics(
            new PrintStream(out, true, StandardCharsets.UTF_8), "task-api-test");

    @ParameterizedTest
    @CsvSource({"0, 0.000", "999, 0.000", "1000, 0.001", "9999, 0.009", "10000, 0.010", "12345, 0.012",
        "99999, 0.099", "100000, 0.100", "123456, 0.123", "1234567, 1.234", "1200000, 1.200",
        "98765432100, 98765.432", "-5, 0.000"})
    void latencyIsMillisecondsWithThreeDecimals(long nanos, String expected) {
        assertThat(RequestLog.milliseconds(nanos)).isEqualTo(expected);
    }

    /** Text with every kind of character that JSON must escape or that is easy to get wrong. */
    static Stream<String> awkwardText() {
        Random random = new Random(20261126);
        String[] alphabet = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001",
            "\u001f", "\u007f", "é", "\u2028", "\u2029", "€", "\ud83d\ude00"};
        Stream<String> generated = IntStream.range(0, 200).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            return text.toString();
        });
        return Stream.concat(Stream.of("", "plain-request-id", "\"", "\\", "a\"b\\c\nd", "\u2028\u2029"), generated);
    }

    @ParameterizedTest
    @MethodSource("awkwardText")
    void aRequestLineCarriesAnyValueUnchanged(String text) {
        log.request(request(text, Caller.owner(OwnerId.SHARED)), Route.TASKS, 201, 1_234_567);

        JsonObject line = onlyLine();
        assertThat(line.get("request_id").getAsString()).isEqualTo(text);
        assertThat(line.get("method").getAsString()).isEqualTo(text);
        assertThat(line.get("status").getAsInt()).isEqualTo(201);
        assertThat(line.get("latency_ms").getAsBigDecimal()).isEqualByComparingTo("1.234");
    }

    @ParameterizedTest
    @MethodSource("awkwardText")
    void aFailureLineCarriesTheStackTraceUnchanged(String message) {
        RuntimeException failure = new IllegalStateException(message);
        log.failure(request("req-1", Caller.owner(OwnerId.SHARED)), Route.TASK, failure);

        JsonObject line = onlyLine();
        assertThat(line.get("level").getAsString()).isEqualTo("ERROR");
        assertThat(line.get("exception").getAsString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(line.get("stack").getAsString()).startsWith(failure.toString()).contains("\tat ");
    }

    @Test
    void theEmbeddedMetricsDirectiveNamesEveryMetricOfTheLine() {
        log.request(request("req-1", Caller.rejected("expired")), Route.TASK, 401, 2_000_000);

        JsonObject line = onlyLine();
        assertThat(line.get("auth_failure").getAsString()).isEqualTo("expired");
        assertThat(line.get("cold_start").getAsBoolean()).isTrue();
        JsonObject directive = line.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0)
                .getAsJsonObject();
        assertThat(directive.get("Namespace").getAsString()).isEqualTo(RequestLog.METRICS_NAMESPACE);
        assertThat(directive.getAsJsonArray("Metrics").asList())
                .map(metric -> metric.getAsJsonObject().get("Name").getAsString())
                .containsExactly("Requests", "ClientErrors", "ServerErrors", "Latency", "ColdStart")
                .allSatisfy(name -> assertThat(line.has(name)).as(name).isTrue());
        assertThat(line.get("ClientErrors").getAsInt()).isEqualTo(1);
        assertThat(line.get("Latency").getAsBigDecimal()).isEqualByComparingTo("2.000");
        assertThat(line.getAsJsonObject("_aws").get("Timestamp").getAsLong()).isPositive();
    }

    private static HttpRequest request(String text, Caller caller) {
        return HttpRequest.builder(text, "/tasks").headers(Map.of("Accept", List.of("application/json")))
                .requestId(text).caller(caller).build();
    }

    /** The one line written, parsed strictly: it must be a single JSON object followed by one newline. */
    private JsonObject onlyLine() {
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        String line = text.substring(0, text.length() - 1);
        assertThat(line).doesNotContain("\n", "\r");
        JsonReader reader = new JsonReader(new StringReader(line));
        reader.setStrictness(Strictness.STRICT);
        return JsonParser.parseReader(reader).getAsJsonObject();
    }
}
