package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.OwnerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
    private static HttpRequest withHeaders(Map<String, List<String>> headers) {
        return new HttpRequest("GET", "/tasks", Map.of(), headers, new byte[0], "r", OwnerId.SHARED);
    }

    @Test
    void matchesHeaderNamesInAnyCase() {
        HttpRequest request = withHeaders(Map.of("content-TYPE", List.of("application/json")));

        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.header("content-type")).contains("application/json");
    }

    @Test
    void mergesHeadersWhoseNamesDifferOnlyInCaseAndAnswersTheFirstValue() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Origin", List.of("https://a.example"));
        headers.put("origin", List.of("https://b.example"));

        HttpRequest request = withHeaders(headers);

        assertThat(request.headers().get("ORIGIN")).containsExactly("https://a.example", "https://b.example");
        assertThat(request.header("Origin")).contains("https://a.example");
    }

    @Test
    void answersNothingForAnAbsentOrEmptyHeader() {
        HttpRequest request = withHeaders(Map.of("X-Empty", List.of()));

        assertThat(request.header("X-Empty")).isEmpty();
        assertThat(request.header("Origin")).isEmpty();
    }

    @Test
    void skipsHeadersWithoutNameOrValues() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(null, List.of("x"));
        headers.put("X-Null", null);

        assertThat(withHeaders(headers).headers()).isEmpty();
    }

    @Test
    void treatsMissingQueryHeadersAndBodyAsEmpty() {
        HttpRequest request = new HttpRequest("GET", "/tasks", null, null, null, "r", OwnerId.SHARED);

        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void isNotChangedByLaterChangesToTheMapsItWasBuiltFrom() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("limit", List.of("5"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Origin", new ArrayList<>(List.of("https://a.example")));
        HttpRequest request = new HttpRequest("GET", "/tasks", query, headers, null, "r", OwnerId.SHARED);

        query.put("next", List.of("x"));
        headers.get("Origin").set(0, "https://evil.example");
        headers.put("Content-Type", List.of("text/plain"));

        assertThat(request.query()).containsOnlyKeys("limit");
        assertThat(request.header("Origin")).contains("https://a.example");
        assertThat(request.header("Content-Type")).isEmpty();
    }

    @Test
    void requiresMethodPathRequestIdAndCaller() {
        assertThatThrownBy(() -> new HttpRequest(null, "/", null, null, null, "r", OwnerId.SHARED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HttpRequest("GET", null, null, null, null, "r", OwnerId.SHARED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HttpRequest("GET", "/", null, null, null, null, OwnerId.SHARED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HttpRequest("GET", "/", null, null, null, "r", (OwnerId) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HttpRequest("GET", "/", null, null, null, "r", (Caller) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void onlyAnAuthenticatedCallerHasAnOwner() {
        assertThat(new HttpRequest("GET", "/", null, null, null, "r", Caller.user("abc")).owner())
                .isEqualTo(new OwnerId("user:abc"));
        assertThat(new HttpRequest("GET", "/", null, null, null, "r", OwnerId.SHARED).owner()).isEqualTo(OwnerId.SHARED);
        assertThatThrownBy(() -> new HttpRequest("GET", "/", null, null, null, "r", Caller.anonymous()).owner())
                .isInstanceOf(IllegalStateException.class);
    }
}
