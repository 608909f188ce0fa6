package io.taskapi.javalin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key set cache: fetched when needed, refreshed within bounds, and outage tolerant for the keys it knows. */
class JwksCacheTest {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<JWKSet> served = new ArrayList<>();
    private boolean reachable = true;
    private final JwksCache cache = new JwksCache(() -> {
        fetches.incrementAndGet();
        if (!reachable) {
            throw new IOException("connection refused");
        }
        return served.get(served.size() - 1);
    }, clock, Duration.ofMinutes(15), Duration.ofSeconds(30));

    private static RSAKey key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static JWKSelector kid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    @Test
    void keysAreFetchedOnceAndAgainOnlyAfterTheirTimeToLive() throws Exception {
        served.add(new JWKSet(key("a").toPublicJWK()));

        for (int i = 0; i < 10; i++) {
            assertThat(cache.get(kid("a"), null)).hasSize(1);
        }
        assertThat(fetches.get()).isEqualTo(1);

        now = now.plus(Duration.ofMinutes(16));
        cache.get(kid("a"), null);
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void anUnknownKeyFetchesAgainAtMostOncePerInterval() throws Exception {
        served.add(new JWKSet(key("a").toPublicJWK()));
        cache.get(kid("a"), null);

        for (int i = 0; i < 50; i++) {
            assertThat(cache.get(kid("rotated"), null)).isEmpty();
        }
        assertThat(fetches.get()).isEqualTo(1);

        served.add(new JWKSet(List.of(key("a").toPublicJWK(), key("rotated").toPublicJWK())));
        now = now.plusSeconds(31);
        assertThat(cache.get(kid("rotated"), null)).hasSize(1);
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void anOutageKeepsTheKnownKeysAndMakesUnknownOnesUnavailable() throws Exception {
        served.add(new JWKSet(key("a").toPublicJWK()));
        cache.get(kid("a"), null);
        reachable = false;
        now = now.plus(Duration.ofHours(2));

        assertThat(cache.get(kid("a"), null)).hasSize(1);
        assertThatThrownBy(() -> cache.get(kid("b"), null)).isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void onlyPublicKeysAreKept() throws Exception {
        RSAKey withPrivatePart = key("a");
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("s").generate();
        served.add(new JWKSet(List.of(withPrivatePart, secret)));

        assertThat(cache.get(kid("a"), null)).singleElement().satisfies(jwk -> assertThat(jwk.isPrivate()).isFalse());
        assertThat(cache.get(kid("s"), null)).isEmpty();
    }
}
