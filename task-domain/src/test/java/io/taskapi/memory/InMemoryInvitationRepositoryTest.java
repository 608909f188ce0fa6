package io.taskapi.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.InvitationRepositoryContract;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.UserId;
import org.junit.jupiter.api.Test;

/** Runs the invitation repository contract against the in-memory store, and checks that {@code clear()} forgets all. */
class InMemoryInvitationRepositoryTest extends InvitationRepositoryContract {
    @Override
    protected InvitationRepository repository() {
        return new InMemoryInvitationRepository();
    }

    @Test
    void clearForgetsInvitationsAndTheirClaims() {
        InMemoryInvitationRepository repository = new InMemoryInvitationRepository();
        Invitation invitation = new Invitation("a".repeat(64), "list", ListRole.VIEWER, 1, 100);
        repository.create(invitation);
        repository.claim(invitation.codeDigest(), new UserId("ann"), 2);

        repository.clear();

        assertThat(repository.find(invitation.codeDigest())).isEmpty();
        repository.create(invitation);
        assertThat(repository.claim(invitation.codeDigest(), new UserId("ben"), 2)).isTrue();
    }
}
