package io.taskapi.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) built on {@link MessageDigest} alone: the digests primed with the key are kept and cloned for
 * each use, and no JCE provider is loaded, so keying the request log costs a cold start nothing.
 */
final class KeyedHash {
    private static final int BLOCK_BYTES = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;

    KeyedHash(byte[] key) {
        byte[] block = Arrays.copyOf(key.length > BLOCK_BYTES ? sha256().digest(key) : key, BLOCK_BYTES);
        byte[] innerPad = new byte[BLOCK_BYTES];
        byte[] outerPad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            innerPad[i] = (byte) (block[i] ^ 0x36);
            outerPad[i] = (byte) (block[i] ^ 0x5c);
        }
        inner = sha256();
        inner.update(innerPad);
        outer = sha256();
        outer.update(outerPad);
    }

    /** HMAC-SHA256 of {@code message} under the key. */
    byte[] of(byte[] message) {
        try {
            MessageDigest first = (MessageDigest) inner.clone();
            MessageDigest second = (MessageDigest) outer.clone();
            return second.digest(first.digest(message));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
