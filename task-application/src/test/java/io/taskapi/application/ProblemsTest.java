package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The problem details a front door renders for what it refuses itself, titled by status. */
class ProblemsTest {
    /** A status without a reason phrase of its own is titled by its class: 4xx Bad Request, 5xx Internal Server Error. */
    @ParameterizedTest
    @CsvSource({"404, Not Found", "431, Request Header Fields Too Large", "500, Internal Server Error",
        "418, Bad Request", "499, Bad Request", "507, Internal Server Error", "599, Internal Server Error"})
    void aStatusIsTitledByItsReasonPhraseOrElseItsClass(int status, String title) {
        assertThat(Problems.title(status)).isEqualTo(title);
    }

    /** A web server's own refusal says only the status's reason phrase, nothing of the server's text. */
    @ParameterizedTest
    @CsvSource({"413, Content Too Large", "503, Service Unavailable", "418, Bad Request"})
    void aRefusalByStatusIsItsReasonPhrase(int status, String title) {
        HttpResponse response = Problems.forStatus(status);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.body()).isEqualTo("{\"message\":\"" + title + "\",\"type\":\"about:blank\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + title + "\"}");
    }

    @ParameterizedTest
    @CsvSource({"400, Not an HTTP request", "502, The event could not be read"})
    void aRefusalOfARequestCarriesItsMessage(int status, String message) {
        HttpResponse response = Problems.forRequest(status, message);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"message\":\"" + message + "\",\"type\":\"about:blank\",\"title\":\""
                + Problems.title(status) + "\",\"status\":" + status + ",\"detail\":\"" + message + "\"}");
    }
}
