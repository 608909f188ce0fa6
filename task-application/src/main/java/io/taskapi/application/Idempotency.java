package io.taskapi.application;

import io.taskapi.domain.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Safe retries: a request with an {@code Idempotency-Key} header is run once per owner and key; a retry with the same
 * request gets the first outcome again, even when it arrives while the first attempt still runs (then 409, to be
 * retried) or on another instance. Reusing a key for a different request is refused with 422.
 *
 * <p>Only successful outcomes are kept. A failed attempt changed nothing, so its key is released and a retry runs
 * afresh, which lets a client correct a refused request or retry a conflict under the same key.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    /** The headers that describe a result and are therefore part of its replay. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Location", "ETag");
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final Clock clock;

    Idempotency(IdempotencyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The request's key, if it has one. */
    static Optional<String> key(HttpRequest request) {
        List<String> values = request.headers().get(HEADER);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String key = values.get(0);
        if (values.size() > 1 || key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw BadRequestException.invalid(HEADER, "must be given once, as 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
        return Optional.of(key);
    }

    /** Runs {@code attempt} (which answers every failure with a response, never throwing) once for the key. */
    HttpResponse run(HttpRequest request, String key, Supplier<HttpResponse> attempt) {
        String fingerprint = fingerprint(request);
        long now = clock.instant().getEpochSecond();
        IdempotencyClaim claim = store.claim(request.owner(), key, fingerprint, now);
        if (claim instanceof IdempotencyClaim.Held held) {
            return answerFrom(held.record(), fingerprint);
        }
        String claimId = ((IdempotencyClaim.Granted) claim).claimId();
        HttpResponse response;
        try {
            response = attempt.get();
        } catch (RuntimeException | Error e) {
            releaseQuietly(request, key, claimId);
            throw e;
        }
        if (response.status() >= 200 && response.status() < 300) {
            try {
                store.complete(request.owner(), key, claimId, kept(response), clock.instant().getEpochSecond());
            } catch (StoreUnavailableException e) {
                // The client still gets its result. A retry within a minute is told to wait; after that it runs again.
            }
        } else {
            releaseQuietly(request, key, claimId);
        }
        return response;
    }

    private static HttpResponse answerFrom(IdempotencyRecord record, String fingerprint) {
        if (!record.fingerprint().equals(fingerprint)) {
            throw new BadRequestException(422, "This Idempotency-Key was already used with a different request");
        }
        if (record.inProgress()) {
            throw new BadRequestException(409, "A request with this Idempotency-Key is still being processed;"
                    + " retry it later", Map.of("Retry-After", Problems.RETRY_AFTER_SECONDS));
        }
        IdempotentResponse stored = record.response();
        return new HttpResponse(stored.status(), stored.headers(), stored.body());
    }

    private static IdempotentResponse kept(HttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.headers().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new IdempotentResponse(response.status(), headers, response.body());
    }

    private void releaseQuietly(HttpRequest request, String key, String claimId) {
        try {
            store.release(request.owner(), key, claimId);
        } catch (StoreUnavailableException e) {
            // The claim lapses on its own after IdempotencyStore.ABANDONED_AFTER.
        }
    }

    /**
     * What makes two requests the same request: SHA-256 of the method, the path, the body as a JSON value (so other
     * whitespace or member order is the same body; the bytes themselves where the body is not JSON) and, when given,
     * the {@code If-Match} condition, which changes the outcome of the same body. Other headers do not change a
     * successful outcome: the media type's accepted spellings read alike, and keys are the caller's own.
     */
    static String fingerprint(HttpRequest request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(request.method().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(request.path().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(JsonCanonical.of(request.body()).map(json -> json.getBytes(StandardCharsets.UTF_8))
                    .orElse(request.body()));
            List<String> ifMatch = request.headers().get("If-Match");
            if (ifMatch != null && !ifMatch.isEmpty()) {
                sha256.update(("\nIf-Match: " + String.join(", ", ifMatch)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
