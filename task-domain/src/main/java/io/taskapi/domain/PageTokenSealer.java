package io.taskapi.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a repository's page position into an opaque token that clients hand back, and refuses any token this
 * deployment did not make for the same owner and the same query.
 *
 * <p>A token is {@code base64url(format || position || tag)} where {@code tag} is HMAC-SHA256 over the format, owner,
 * query and position, truncated to 128 bits. The position is not secret (it is the last id of a page the client
 * already has); what matters is that a tampered, truncated or foreign token is rejected, never trusted.
 */
public final class PageTokenSealer {
    /** The fewest secret bytes accepted: 256 bits, the HMAC-SHA256 block strength. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final byte FORMAT = 1;
    private static final int TAG_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 1024;
    private static final String ALGORITHM = "HmacSHA256";
    /** The longest position whose token still fits in {@link #MAX_TOKEN_CHARS}. */
    static final int MAX_POSITION_BYTES = MAX_TOKEN_CHARS / 4 * 3 - 1 - TAG_BYTES;

    private final SecretKeySpec key;
    /**
     * Keyed on first use, then cloned for each token: cheaper than looking the algorithm up and keying it every time.
     * Made lazily so that a cold start which lists nothing loads no JCE classes; a race only makes it twice.
     */
    private volatile Mac keyed;

    /**
     * A sealer keyed by {@code secret}: every process that shares it accepts the others' tokens.
     *
     * @param secret the key, at least {@value #MIN_SECRET_BYTES} bytes; copied
     * @throws IllegalArgumentException if it is shorter
     */
    public PageTokenSealer(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "page token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /**
     * A sealer keyed by the base64 text of a secret, as it is configured.
     *
     * @param secret the secret in base64, surrounding whitespace ignored
     * @return the sealer
     * @throws IllegalArgumentException if the text is not base64 or decodes to fewer than 32 bytes
     */
    public static PageTokenSealer fromBase64(String secret) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("page token secret must be base64", e);
        }
        return new PageTokenSealer(bytes);
    }

    /**
     * A sealer with a fresh random key: tokens stay valid only as long as this instance lives.
     *
     * @return the sealer
     */
    public static PageTokenSealer withRandomSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new PageTokenSealer(secret);
    }

    /**
     * The token for {@code position} in the listing of {@code owner}'s own tasks with {@code filter}.
     *
     * @param owner    whose tasks are listed
     * @param filter   the listing's filter and order
     * @param position where the following page starts, as the repository returned it
     * @return the token
     * @throws IllegalArgumentException if {@code position} is empty or too long for a token
     */
    public String seal(OwnerId owner, TaskFilter filter, String position) {
        return seal(owner, filter.fingerprint(), position);
    }

    /**
     * The token for {@code position} in a listing that {@code owner} asked for, named by {@code query}: a stable text
     * that tells this listing from every other the same owner may ask for.
     */
    String seal(OwnerId owner, String query, String position) {
        byte[] positionBytes = position.getBytes(StandardCharsets.UTF_8);
        if (positionBytes.length == 0 || encodedLength(positionBytes.length) > MAX_TOKEN_CHARS) {
            throw new IllegalArgumentException("a position must be 1 to " + MAX_POSITION_BYTES + " bytes");
        }
        byte[] tag = tag(owner, query, positionBytes);
        ByteBuffer token = ByteBuffer.allocate(1 + positionBytes.length + TAG_BYTES);
        token.put(FORMAT).put(positionBytes).put(tag, 0, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * The position sealed in {@code token}.
     *
     * @param owner  whose tasks are listed
     * @param filter the listing's filter and order
     * @param token  the token a client handed back
     * @return the position, as the repository returned it
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the token was not made by this sealer for this
     *                             owner and filter
     */
    public String open(OwnerId owner, TaskFilter filter, String token) {
        return open(owner, filter.fingerprint(), token);
    }

    /**
     * The position sealed in {@code token}.
     *
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the token was not made by this sealer for this
     *                             owner and query
     */
    String open(OwnerId owner, String query, String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // The decoder tolerates padding and stray low bits in the last character; only the one canonical spelling
        // of a token is accepted, so a token cannot be varied to slip past caches or rate limits keyed on its text.
        if (bytes.length <= 1 + TAG_BYTES || bytes[0] != FORMAT
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            throw invalid();
        }
        byte[] positionBytes = Arrays.copyOfRange(bytes, 1, bytes.length - TAG_BYTES);
        byte[] expected = Arrays.copyOf(tag(owner, query, positionBytes), TAG_BYTES);
        byte[] actual = Arrays.copyOfRange(bytes, bytes.length - TAG_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw invalid();
        }
        return new String(positionBytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads one page of a listing whose position a page token may hold: {@code token} opened (or none for the
     * first page) and handed to {@code read}, and the position that page ends at sealed into the next token.
     *
     * @param read reads the page after a position; a correctly sealed position it cannot use (made by another kind of
     *             store with the same key) is an invalid token, an unusable first page its own failure
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the token was not made for this owner and query
     */
    <T> Page<T> page(OwnerId owner, String query, Optional<String> token, Function<String, Slice<T>> read) {
        String after = token.map(sealed -> open(owner, query, sealed)).orElse(null);
        Slice<T> slice;
        try {
            slice = read.apply(after);
        } catch (IllegalArgumentException e) {
            if (after == null) {
                throw e;
            }
            throw invalid();
        }
        return new Page<>(slice.items(),
                Optional.ofNullable(slice.nextPosition()).map(position -> seal(owner, query, position)));
    }

    private byte[] tag(OwnerId owner, String query, byte[] position) {
        try {
            Mac mac = (Mac) keyed().clone();
            mac.update(FORMAT);
            lengthPrefixed(mac, owner.value().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(mac, query.getBytes(StandardCharsets.UTF_8));
            mac.update(position);
            return mac.doFinal();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's HmacSHA256 cannot be cloned", e);
        }
    }

    private Mac keyed() {
        Mac mac = keyed;
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
            }
            keyed = mac;
        }
        return mac;
    }

    private static int encodedLength(int positionBytes) {
        return ((1 + positionBytes + TAG_BYTES) * 4 + 2) / 3;
    }

    private static void lengthPrefixed(Mac mac, byte[] field) {
        mac.update(ByteBuffer.allocate(4).putInt(field.length).array());
        mac.update(field);
    }

    /** The failure of a page token that cannot be used for this owner and query. */
    static ValidationException invalid() {
        return new ValidationException(ListingField.PAGE_TOKEN, "is not a valid page token for this query");
    }
}
