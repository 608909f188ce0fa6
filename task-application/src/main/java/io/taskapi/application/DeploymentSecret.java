package io.taskapi.application;

import io.taskapi.domain.PageTokenSealer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret every instance of one deployment shares: it signs page tokens, so a token one instance issued is
 * accepted by every other, and it keys the request log's owner hashes, so one owner's lines can be told apart from
 * another's without the hash revealing the owner to anyone who can guess user ids.
 */
public final class DeploymentSecret {
    /** What the owner-hash key is derived for: a key of its own, never the page-token key itself. */
    private static final byte[] OWNER_HASH_PURPOSE = "owner_hash".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    private DeploymentSecret(byte[] secret) {
        if (secret.length < PageTokenSealer.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "page token secret must be at least " + PageTokenSealer.MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    /**
     * The secret the base64 text of a setting holds.
     *
     * @param text the base64 text, surrounding white space ignored
     * @return the secret
     * @throws IllegalArgumentException if the text is not base64 or holds fewer than 32 bytes; the message never
     *                                  repeats the text
     */
    public static DeploymentSecret fromBase64(String text) {
        try {
            return new DeploymentSecret(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("page token secret")) {
                throw e;
            }
            throw new IllegalArgumentException("page token secret must be base64");
        }
    }

    /**
     * A fresh random secret: tokens and hashes last as long as this process.
     *
     * @return the secret
     */
    public static DeploymentSecret random() {
        byte[] secret = new byte[PageTokenSealer.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new DeploymentSecret(secret);
    }

    /**
     * The sealer of page tokens, keyed by the secret itself.
     *
     * @return a new sealer
     */
    public PageTokenSealer pageTokens() {
        return new PageTokenSealer(secret);
    }

    /** The key of page tokens: the secret itself. */
    byte[] pageTokenSecret() {
        return secret.clone();
    }

    /** The key of the request log's owner hashes: HMAC-SHA256 of a purpose label under the secret. */
    KeyedHash ownerHashes() {
        return new KeyedHash(new KeyedHash(secret).of(OWNER_HASH_PURPOSE));
    }
}
