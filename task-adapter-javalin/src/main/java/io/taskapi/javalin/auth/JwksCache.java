package io.taskapi.javalin.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The identity provider's public signing keys (a JWKS), fetched when first needed and kept for a while, with a bounded
 * refresh:
 *
 * <ul>
 *   <li>the set is fetched again once it is older than the time to live, and at once for a key id it lacks (the
 *       provider may have rotated its keys), but never more often than the minimum interval, however many requests
 *       name unknown keys;</li>
 *   <li>when a fetch fails, the keys already known keep verifying tokens; a token whose key is not among them cannot
 *       be checked now ({@link KeysUnavailableException}, answered 503), rather than being refused or crashing;</li>
 *   <li>only public keys are ever kept: a symmetric or private key in the set is dropped.</li>
 * </ul>
 */
public final class JwksCache implements JWKSource<SecurityContext> {
    /** Fetches the key set once. */
    @FunctionalInterface
    public interface Fetcher {
        JWKSet fetch() throws IOException, java.text.ParseException;
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration timeToLive;
    private final Duration minRefreshInterval;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile JWKSet keys;
    private volatile Instant fetchedAt;
    private volatile Instant lastAttempt;
    private volatile boolean lastAttemptFailed;

    /**
     * @param timeToLive         how long fetched keys are used before they are fetched again; positive
     * @param minRefreshInterval the least time between two fetches; not negative
     */
    public JwksCache(Fetcher fetcher, Clock clock, Duration timeToLive, Duration minRefreshInterval) {
        if (timeToLive.isNegative() || timeToLive.isZero() || minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("keys live a positive time and are refreshed at most that often");
        }
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = timeToLive;
        this.minRefreshInterval = minRefreshInterval;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (keys == null || fetchedAt.plus(timeToLive).isBefore(now)) {
            refresh(now);
        }
        JWKSet current = keys;
        List<JWK> found = current == null ? List.of() : selector.select(current);
        if (found.isEmpty()) {
            refresh(now);
            current = keys;
            found = current == null ? List.of() : selector.select(current);
            if (found.isEmpty() && (current == null || lastAttemptFailed)) {
                throw new KeysUnavailableException();
            }
        }
        return found;
    }

    /**
     * Fetches the set now, unless a fetch was tried within the minimum interval.
     *
     * @return whether the keys are known after the call
     */
    public boolean refresh() {
        refresh(clock.instant());
        return keys != null && !lastAttemptFailed;
    }

    private void refresh(Instant now) {
        fetching.lock();
        try {
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
                return;
            }
            lastAttempt = now;
            try {
                keys = fetcher.fetch().toPublicJWKSet();
                fetchedAt = now;
                lastAttemptFailed = false;
            } catch (IOException | java.text.ParseException | RuntimeException e) {
                lastAttemptFailed = true;
            }
        } finally {
            fetching.unlock();
        }
    }
}
