package io.taskapi.domain;

import java.util.Objects;

/**
 * An invitation to join a list, as stored: never the code itself, only its digest, so that a reader of the store
 * cannot use the invitations it sees.
 *
 * @param codeDigest the SHA-256 of the code, in lower-case hex
 * @param listId     the list it joins
 * @param role       the role it gives
 * @param createdAt  when it was made, in epoch seconds
 * @param expiresAt  when it stops working, in epoch seconds
 */
public record Invitation(String codeDigest, String listId, ListRole role, long createdAt, long expiresAt) {
    /**
     * Checks that the digest is one and that the invitation expires after it is made.
     *
     * @param codeDigest the SHA-256 of the code, in lower-case hex
     * @param listId     the list it joins
     * @param role       the role it gives
     * @param createdAt  when it was made, in epoch seconds
     * @param expiresAt  when it stops working, in epoch seconds
     * @throws IllegalArgumentException if it does not
     */
    public Invitation {
        if (codeDigest == null || !codeDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("codeDigest must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(role, "role");
        if (createdAt < 0 || expiresAt <= createdAt) {
            throw new IllegalArgumentException("an invitation expires after it is made");
        }
    }

    /**
     * Whether it still works at {@code now}.
     *
     * @param now the time, in epoch seconds
     * @return whether it has not expired
     */
    public boolean isValidAt(long now) {
        return now < expiresAt;
    }
}
