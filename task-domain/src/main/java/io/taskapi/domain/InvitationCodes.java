package io.taskapi.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The codes of invitations: 32 random bytes in URL-safe base64 (43 characters), which no one can guess, and their
 * SHA-256 digests, which the store keeps instead, so that a reader of the store cannot use the invitations it sees.
 */
final class InvitationCodes {
    private static final int BYTES = 32;
    private static final int LENGTH = 43;

    private InvitationCodes() {
    }

    static String newCode(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code code} can be one {@link #newCode} made: 43 characters of the URL-safe base64 alphabet. */
    static boolean isShaped(String code) {
        if (code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The SHA-256 of a code in lower-case hex. */
    static String digest(String code) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
