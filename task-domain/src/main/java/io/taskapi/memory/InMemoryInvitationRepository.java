package io.taskapi.memory;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link InvitationRepository} in memory, for embedding, local use and tests. */
public final class InMemoryInvitationRepository implements InvitationRepository {
    private final Map<String, Invitation> invitations = new ConcurrentHashMap<>();
    private final Map<String, UserId> claims = new ConcurrentHashMap<>();

    /** An empty repository. */
    public InMemoryInvitationRepository() {
    }

    @Override
    public void create(Invitation invitation) {
        if (invitations.putIfAbsent(invitation.codeDigest(), invitation) != null) {
            throw new TaskAlreadyExistsException();
        }
    }

    @Override
    public Optional<Invitation> find(String codeDigest) {
        return Optional.ofNullable(invitations.get(codeDigest));
    }

    @Override
    public boolean claim(String codeDigest, UserId user, long now) {
        Invitation invitation = invitations.get(codeDigest);
        if (invitation == null || !invitation.isValidAt(now)) {
            return false;
        }
        return user.equals(claims.computeIfAbsent(codeDigest, digest -> user));
    }

    /** Forgets every invitation. */
    public void clear() {
        invitations.clear();
        claims.clear();
    }
}
