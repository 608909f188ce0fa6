package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link InvitationRepository} must have. Each implementation's test extends this class and
 * supplies a fresh, empty repository.
 */
public abstract class InvitationRepositoryContract {
    private static final long T0 = 1_703_001_234L;
    private static final long WEEK = 7 * 24 * 3600L;
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");

    private final AtomicInteger codes = new AtomicInteger();

    /** A new, empty repository for one test. */
    protected abstract InvitationRepository repository();

    /** The digest of a new code, as the service makes them: lower-case hex of a SHA-256. */
    private String nextDigest() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("code " + codes.incrementAndGet() + " of " + getClass().getName())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Invitation anInvitation(ListRole role) {
        return new Invitation(nextDigest(), "0190a5c2-7d3e-7f00-8000-00000000000" + (codes.get() % 10), role, T0,
                T0 + WEEK);
    }

    @Test
    void findsACreatedInvitation() {
        InvitationRepository repository = repository();
        for (ListRole role : ListRole.values()) {
            Invitation invitation = anInvitation(role);

            repository.create(invitation);

            assertThat(repository.find(invitation.codeDigest())).contains(invitation);
        }
        assertThat(repository.find(nextDigest())).isEmpty();
    }

    @Test
    void createNeverOverwritesAnInvitation() {
        InvitationRepository repository = repository();
        Invitation invitation = anInvitation(ListRole.VIEWER);
        repository.create(invitation);
        Invitation intruder = new Invitation(invitation.codeDigest(), "another-list", ListRole.OWNER, T0 + 1,
                T0 + 2 * WEEK);

        assertThatThrownBy(() -> repository.create(intruder)).isInstanceOf(TaskAlreadyExistsException.class);

        assertThat(repository.find(invitation.codeDigest())).contains(invitation);
    }

    @Test
    void aClaimIsSingleUseAcrossUsersAndRepeatableByItsHolder() {
        InvitationRepository repository = repository();
        Invitation invitation = anInvitation(ListRole.EDITOR);
        repository.create(invitation);

        assertThat(repository.claim(invitation.codeDigest(), ANN, T0 + 10)).isTrue();
        assertThat(repository.claim(invitation.codeDigest(), ANN, T0 + 20)).as("a retry by its holder").isTrue();
        assertThat(repository.claim(invitation.codeDigest(), BEN, T0 + 30)).isFalse();
        assertThat(repository.claim(invitation.codeDigest(), ANN, T0 + 40)).isTrue();

        // A used invitation is still found, as it was made.
        assertThat(repository.find(invitation.codeDigest())).contains(invitation);
    }

    @Test
    void aClaimIsRefusedOnceTheInvitationExpired() {
        InvitationRepository repository = repository();
        Invitation unused = anInvitation(ListRole.VIEWER);
        Invitation used = anInvitation(ListRole.VIEWER);
        repository.create(unused);
        repository.create(used);

        assertThat(repository.claim(used.codeDigest(), ANN, used.expiresAt() - 1)).isTrue();
        assertThat(repository.claim(used.codeDigest(), ANN, used.expiresAt())).isFalse();
        assertThat(repository.claim(unused.codeDigest(), BEN, unused.expiresAt())).isFalse();
        assertThat(repository.claim(unused.codeDigest(), BEN, unused.expiresAt() + WEEK)).isFalse();
        // The refused claim took nothing: before expiry, it is still free.
        assertThat(repository.claim(unused.codeDigest(), BEN, unused.expiresAt() - 1)).isTrue();
    }

    @Test
    void aClaimOfAnUnknownInvitationIsRefused() {
        InvitationRepository repository = repository();
        String digest = nextDigest();

        assertThat(repository.claim(digest, ANN, T0)).isFalse();
        assertThat(repository.find(digest)).isEmpty();
    }

    @Test
    void concurrentClaimsByDifferentUsersLetExactlyOneWin() throws Exception {
        InvitationRepository repository = repository();
        for (int round = 0; round < 5; round++) {
            Invitation invitation = anInvitation(ListRole.EDITOR);
            repository.create(invitation);
            List<UserId> users = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                users.add(new UserId("user-" + i));
            }

            List<Boolean> claimed = race(users, user -> repository.claim(invitation.codeDigest(), user, T0 + 1));

            assertThat(claimed.stream().filter(Boolean::booleanValue).count()).as("round " + round).isEqualTo(1);
            UserId holder = users.get(claimed.indexOf(true));
            for (UserId user : users) {
                assertThat(repository.claim(invitation.codeDigest(), user, T0 + 2)).as(user.value())
                        .isEqualTo(user.equals(holder));
            }
        }
    }

    private static List<Boolean> race(List<UserId> users, java.util.function.Predicate<UserId> claim)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (UserId user : users) {
                results.add(pool.submit(() -> {
                    start.await();
                    return claim.test(user);
                }));
            }
            start.countDown();
            List<Boolean> claimed = new ArrayList<>();
            for (Future<Boolean> result : results) {
                claimed.add(result.get(60, TimeUnit.SECONDS));
            }
            return claimed;
        } finally {
            pool.shutdownNow();
        }
    }
}
