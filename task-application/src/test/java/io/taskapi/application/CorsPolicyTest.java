package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.OwnerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {
    private static Map<String, String> headersFor(CorsPolicy policy, String origin) {
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        if (origin != null) {
            requestHeaders.put("Origin", List.of(origin));
        }
        HttpRequest request = HttpRequest.builder("GET", "/tasks").headers(requestHeaders).requestId("r")
                .caller(Caller.owner(OwnerId.SHARED)).build();
        Map<String, String> headers = new LinkedHashMap<>();
        policy.addResponseHeaders(request, headers);
        return headers;
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * ", "*,", ",*"})
    void parsesTheWildcard(String text) {
        assertThat(CorsPolicy.parse(text).allowedOrigins()).containsExactly("*");
        assertThat(CorsPolicy.parse(text)).isEqualTo(CorsPolicy.anyOrigin());
    }

    @Test
    void parsesOneOrigin() {
        assertThat(CorsPolicy.parse("https://app.example.com").allowedOrigins())
                .containsExactly("https://app.example.com");
    }

    @Test
    void parsesACommaSeparatedListInOrderIgnoringSpacesAndEmptyEntries() {
        assertThat(CorsPolicy.parse(" https://app.example.com ,http://localhost:3000,, https://a-b.example.org:8443 ,")
                .allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:3000", "https://a-b.example.org:8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://127.0.0.1:8080", "https://x.io:1", "https://EXAMPLE.com"})
    void acceptsSchemeHostAndOptionalPortInTheLowerCaseBrowsersSend(String origin) {
        assertThat(CorsPolicy.parse(origin).allowedOrigins()).containsExactly(origin.toLowerCase(java.util.Locale.ROOT));
    }

    /** A port is 1 to 65535: both ends are origins a browser can send, the numbers beside them are not. */
    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com:1", "https://app.example.com:65535", "http://localhost:443"})
    void acceptsEveryPortFrom1To65535(String origin) {
        assertThat(CorsPolicy.parse(origin).allowedOrigins()).containsExactly(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com:0", "https://app.example.com:00000", "https://app.example.com:65536",
        "https://app.example.com:99999"})
    void rejectsPortsOutside1To65535(String origin) {
        assertThatThrownBy(() -> CorsPolicy.parse(origin)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an origin (scheme://host[:port]): " + origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , ,"})
    void rejectsTextNamingNoOrigin(String text) {
        assertThatThrownBy(() -> CorsPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one allowed origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*,https://app.example.com", "https://app.example.com, *", "*,*"})
    void rejectsTheWildcardMixedWithOrigins(String text) {
        assertThatThrownBy(() -> CorsPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("* cannot be combined");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "app.example.com", "//app.example.com", "ftp://app.example.com",
            "https://app.example.com/", "https://app.example.com/path", "https://", "https://app.example.com:",
            "https://app.example.com:123456", "https://user@app.example.com", "https://app.example.com?x=1",
            "https://app example.com", "null", "https://*.example.com", "https://app.example.com;https://b.com",
            "http://[::1]:8080", "https://app.example.com, garbage", "HTTPS://app.example.com", "https://exämple.com"})
    void rejectsTextThatIsNotAnOrigin(String text) {
        assertThatThrownBy(() -> CorsPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an origin");
    }

    @Test
    void theConstructorRefusesAMixedWildcard() {
        assertThatThrownBy(() -> new CorsPolicy(List.of("*", "https://a.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOwnOriginOnlyAllowsNoOtherOrigin() {
        for (String origin : new String[] {"https://evil.example", "http://localhost:8080", "null"}) {
            assertThat(headersFor(CorsPolicy.ownOriginOnly(), origin)).as(origin)
                    .doesNotContainKey("Access-Control-Allow-Origin").containsEntry("Vary", "Origin");
        }
        assertThat(headersFor(CorsPolicy.ownOriginOnly(), null)).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void keepsItsOwnCopyOfTheOrigins() {
        List<String> origins = new ArrayList<>(List.of("https://a.com"));
        CorsPolicy policy = new CorsPolicy(origins);

        origins.add("https://evil.com");

        assertThat(policy.allowedOrigins()).containsExactly("https://a.com");
        assertThatThrownBy(() -> policy.allowedOrigins().add("https://evil.com"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theWildcardAllowsEveryOriginWithoutVary() {
        assertThat(headersFor(CorsPolicy.anyOrigin(), "https://anything.example")).containsExactly(
                Map.entry("Access-Control-Allow-Origin", "*"),
                Map.entry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id"));
        assertThat(headersFor(CorsPolicy.anyOrigin(), null)).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void aListEchoesAMatchingOriginAndVariesOnOrigin() {
        CorsPolicy policy = CorsPolicy.parse("https://a.example.com,https://b.example.com");

        assertThat(headersFor(policy, "https://b.example.com")).containsExactly(
                Map.entry("Access-Control-Allow-Origin", "https://b.example.com"),
                Map.entry("Vary", "Origin"),
                Map.entry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id"));
    }

    @Test
    void aListGivesAnotherOriginOnlyVaryAndExposeHeaders() {
        CorsPolicy policy = CorsPolicy.parse("https://a.example.com");

        assertThat(headersFor(policy, "https://c.example.com")).containsExactly(
                Map.entry("Vary", "Origin"),
                Map.entry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id"));
        assertThat(headersFor(policy, null)).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void aPreflightNamesTheMethodsTheHeadersAndHowLongToCacheThem() {
        Map<String, String> headers = new LinkedHashMap<>();

        CorsPolicy.anyOrigin().addPreflightHeaders("GET, POST", headers);

        assertThat(headers).containsExactly(
                Map.entry("Access-Control-Allow-Methods", "GET, POST"),
                Map.entry("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match"),
                Map.entry("Access-Control-Max-Age", "600"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com:99999", "https://app.example.com:0", "http://...", "https://-",
            "https://.example.com", "https://app..example.com"})
    void rejectsOriginsNoBrowserCanSend(String text) {
        assertThatThrownBy(() -> CorsPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesAConfiguredOriginWrittenInUpperCase() {
        CorsPolicy policy = CorsPolicy.parse("https://App.Example.com");

        assertThat(headersFor(policy, "https://app.example.com"))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
    }
}
