package io.taskapi.domain;

import java.util.Optional;

/**
 * The port through which the core keeps invitations to lists, by the digest of their code. An invitation is used once:
 * {@link #claim} lets exactly one user have it, and lets that user claim it again (a retry).
 */
public interface InvitationRepository {
    /**
     * Stores a new invitation.
     *
     * @param invitation the invitation, unclaimed
     */
    void create(Invitation invitation);

    /**
     * The invitation with this code digest, if there is one (expired or used ones included).
     *
     * @param codeDigest the SHA-256 of the code, in lower-case hex
     * @return the invitation, or empty when there is none
     */
    Optional<Invitation> find(String codeDigest);

    /**
     * Claims the invitation for {@code user}, only if nobody else has and it still works at {@code now}.
     *
     * @param codeDigest the SHA-256 of the code, in lower-case hex
     * @param user       who presents the code
     * @param now        the time, in epoch seconds
     * @return whether {@code user} holds it now
     */
    boolean claim(String codeDigest, UserId user, long now);
}
