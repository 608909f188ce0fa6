package io.taskapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request log's hand-made latency format matches what a formatter would print. */
class RequestLogTest {
    @ParameterizedTest
    @CsvSource({"0, 0.000", "999, 0.000", "1000, 0.001", "12345, 0.012", "123456, 0.123", "1234567, 1.234",
        "1200000, 1.200", "98765432100, 98765.432", "-5, 0.000"})
    void latencyIsMillisecondsWithThreeDecimals(long nanos, String expected) {
        assertThat(RequestLog.milliseconds(nanos)).isEqualTo(expected);
    }
}
