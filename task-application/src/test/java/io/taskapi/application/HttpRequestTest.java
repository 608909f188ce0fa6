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
        return HttpRequest.builder("GET", "/tasks").headers(headers).requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build();
    }

    private static Map<String, List<String>> queryOf(String raw) {
        return HttpRequest.builder("GET", "/tasks").queryString(raw).requestId("r").caller(Caller.anonymous()).build()
                .query();
    }

    @Test
    void aQueryStringKeepsEveryValueOfARepeatedParameterInOrderEvenWithCommas() {
        assertThat(queryOf("status=new&tag=a%2Cb&tag=c&flag&q=caf%C3%A9+au+lait&x=a=b")).isEqualTo(Map.of(
                "status", List.of("new"), "tag", List.of("a,b", "c"), "flag", List.of(""),
                "q", List.of("café au lait"), "x", List.of("a=b")));
        assertThat(queryOf("status=new&tag=a&tag=b").keySet()).containsExactly("status", "tag");
    }

    @Test
    void aQueryStringSkipsEmptyPairsAndIsEmptyWhenAbsent() {
        assertThat(queryOf("&&limit=2&")).isEqualTo(Map.of("limit", List.of("2")));
        assertThat(queryOf("=5")).isEqualTo(Map.of("", List.of("5")));
        assertThat(queryOf("")).isEmpty();
        assertThat(queryOf(null)).isEmpty();
    }

    @Test
    void aMalformedEscapeInAQueryStringIsKeptAsWritten() {
        assertThat(queryOf("limit=%zz&%zz=1&tag=%E2%82")).isEqualTo(Map.of(
                "limit", List.of("%zz"), "%zz", List.of("1"), "tag", List.of("\uFFFD")));
        assertThat(queryOf("limit=5%")).isEqualTo(Map.of("limit", List.of("5%")));
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
        HttpRequest request = HttpRequest.builder("GET", "/tasks").requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build();

        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isEmpty();
    }

    /** A body the front door stopped reading is marked too large and kept as nothing, so it is refused unread. */
    @Test
    void aBodyTooLargeToReadIsKeptAsNothing() {
        HttpRequest request = HttpRequest.builder("POST", "/tasks").body(new byte[] {1, 2}).bodyTooLarge()
                .requestId("r").caller(Caller.owner(OwnerId.SHARED)).build();

        assertThat(request.bodyTooLarge()).isTrue();
        assertThat(request.body()).isEmpty();
        assertThat(HttpRequest.builder("POST", "/tasks").body(new byte[HttpRequest.MAX_BODY_BYTES + 1]).requestId("r")
                .caller(Caller.owner(OwnerId.SHARED)).build().bodyTooLarge()).isTrue();
        assertThat(HttpRequest.builder("POST", "/tasks").body(new byte[HttpRequest.MAX_BODY_BYTES]).requestId("r")
                .caller(Caller.owner(OwnerId.SHARED)).build().bodyTooLarge()).isFalse();
    }

    @Test
    void isNotChangedByLaterChangesToTheMapsItWasBuiltFrom() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("limit", List.of("5"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Origin", new ArrayList<>(List.of("https://a.example")));
        HttpRequest request = HttpRequest.builder("GET", "/tasks").query(query).headers(headers).requestId("r")
                .caller(Caller.owner(OwnerId.SHARED)).build();

        query.put("next", List.of("x"));
        headers.get("Origin").set(0, "https://evil.example");
        headers.put("Content-Type", List.of("text/plain"));

        assertThat(request.query()).containsOnlyKeys("limit");
        assertThat(request.header("Origin")).contains("https://a.example");
        assertThat(request.header("Content-Type")).isEmpty();
    }

    @Test
    void requiresMethodPathRequestIdAndCaller() {
        assertThatThrownBy(() -> HttpRequest.builder(null, "/").requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HttpRequest.builder("GET", null).requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HttpRequest.builder("GET", "/").requestId(null).caller(Caller.owner(OwnerId.SHARED))
                .build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HttpRequest.builder("GET", "/").requestId("r").caller(Caller.owner((OwnerId) null))
                .build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HttpRequest.builder("GET", "/").requestId("r").caller((Caller) null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void onlyAnAuthenticatedCallerHasAnOwner() {
        assertThat(HttpRequest.builder("GET", "/").requestId("r").caller(Caller.user("abc")).build().owner())
                .isEqualTo(new OwnerId("user:abc"));
        assertThat(HttpRequest.builder("GET", "/").requestId("r").caller(Caller.owner(OwnerId.SHARED))
                .build().owner()).isEqualTo(OwnerId.SHARED);
        assertThatThrownBy(() -> HttpRequest.builder("GET", "/").requestId("r").caller(Caller.anonymous())
                .build().owner())
                .isInstanceOf(IllegalStateException.class);
    }
}
