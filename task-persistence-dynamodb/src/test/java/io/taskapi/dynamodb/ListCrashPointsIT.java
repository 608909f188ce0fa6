package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.LastOwnerException;
import io.taskapi.domain.ListAccess;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.MemberChange;
import io.taskapi.domain.MemberNotFoundException;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Proves that a writer of the lists table that stops between any two of its writes (a crashed process, a Lambda
 * instance frozen for good) leaves nothing a reader could mistake: for every change that writes several items, the
 * change is run once for each of its writes, on a client that dies just before that write (it and every later request
 * of that client fail, as if the process were gone, so no compensation can run). After each crash the state is read
 * through a healthy repository, which must show the change either done or not done, and the invariants below; then
 * the change (or the maintenance that finishes it) is run again and must end as it should.
 *
 * <p>Invariants: a live list with members has an owner; {@code owner_count} is never above the number of owners;
 * every member has the entry that lists the list among theirs; pending work never offers the purge of a live list or
 * the unassignment of a current member.
 */
class ListCrashPointsIT {
    private static final String TABLE = "crash-points-lists";
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final long T0 = 1_800_000_000L;
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final UserId CAL = new UserId("cal");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    /** Writes the crashing client lets through before it dies; negative while it is healthy. */
    private static final AtomicInteger WRITES_ALLOWED = new AtomicInteger(-1);
    private static final AtomicInteger WRITES_SEEN = new AtomicInteger();
    private static final AtomicBoolean DEAD = new AtomicBoolean();
    private static DynamoDbClient crashing;
    private static DynamoDbListRepository healthy;
    private static DynamoDbListRepository doomed;

    /** What a crashed writer throws: it never reaches the store, nor does anything after it. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("the writer stopped here", null, false, false);
        }
    }

    @BeforeAll
    static void tables() {
        ExecutionInterceptor killSwitch = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (DEAD.get()) {
                    throw new Crash();
                }
                if (WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    int allowed = WRITES_ALLOWED.get();
                    if (WRITES_SEEN.getAndIncrement() >= allowed && allowed >= 0) {
                        DEAD.set(true);
                        throw new Crash();
                    }
                }
            }
        };
        crashing = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(killSwitch)).build();
        TableBootstrap.createIfMissing(DYNALITE.engine().client(), ListTableSchema.createTableRequest(TABLE));
        healthy = new DynamoDbListRepository(DYNALITE.engine().client(), TABLE, Clock.systemUTC());
        doomed = new DynamoDbListRepository(crashing, TABLE, Clock.systemUTC());
    }

    @AfterAll
    static void closeClient() {
        crashing.close();
    }

    @Test
    void creatingAList() {
        List<TaskList> made = new ArrayList<>();
        int writes = atEveryCrashPoint(
                () -> {
                    TaskList list = new TaskList(IDS.newId(), "Launch", T0, T0, 1);
                    made.add(list);
                    return list.id();
                },
                listId -> doomed.create(made.get(made.size() - 1), owner(ANN)),
                (listId, crashedAt) -> {
                    // Seen by its owner completely, or by nobody at all.
                    Optional<ListAccess> seen = healthy.access(listId, Set.of(ANN))
                            .filter(access -> access.role(ANN).isPresent());
                    seen.ifPresent(access -> assertThat(access.role(ANN)).contains(ListRole.OWNER));
                    // Writes: the list item, the user's entry, the member item, the owner count.
                    assertThat(seen.isPresent()).isEqualTo(crashedAt == null || crashedAt > 2);
                },
                listId -> {
                    // The service makes a list with a new id when a create fails; the same create again also ends it.
                    healthy.create(made.get(made.size() - 1), owner(ANN));
                    assertThat(healthy.access(listId, Set.of(ANN)).orElseThrow().role(ANN)).contains(ListRole.OWNER);
                    assertThatThrownBy(() -> healthy.create(new TaskList(listId, "Other", T0, T0, 1), owner(BEN)))
                            .isInstanceOf(TaskAlreadyExistsException.class);
                });
        assertThat(writes).as("list item, user's entry, member item, owner count").isEqualTo(4);
    }

    @Test
    void addingAMember() {
        int writes = atEveryCrashPoint(
                this::listOfAnn,
                listId -> doomed.addMember(listId, member(BEN, ListRole.EDITOR)),
                (listId, crashedAt) -> {
                    Optional<ListRole> role = healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN);
                    assertThat(role.isPresent()).isEqualTo(crashedAt == null || crashedAt > 1);
                    role.ifPresent(found -> assertThat(found).isEqualTo(ListRole.EDITOR));
                },
                listId -> {
                    healthy.addMember(listId, member(BEN, ListRole.EDITOR));
                    assertThat(healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN)).contains(ListRole.EDITOR);
                });
        assertThat(writes).as("user's entry, member item").isEqualTo(2);
    }

    @Test
    void addingAnOwner() {
        int writes = atEveryCrashPoint(
                this::listOfAnn,
                listId -> doomed.putMember(listId, member(BEN, ListRole.OWNER)),
                (listId, crashedAt) -> {
                    Optional<ListRole> role = healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN);
                    assertThat(role.isPresent()).isEqualTo(crashedAt == null || crashedAt > 1);
                },
                listId -> {
                    healthy.putMember(listId, member(BEN, ListRole.OWNER));
                    assertThat(healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN)).contains(ListRole.OWNER);
                });
        assertThat(writes).as("user's entry, member item, owner count").isEqualTo(3);
    }

    @Test
    void demotingAnOwner() {
        int writes = atEveryCrashPoint(
                () -> listOfAnnWith(BEN, ListRole.OWNER),
                listId -> doomed.putMember(listId, member(BEN, ListRole.VIEWER)),
                (listId, crashedAt) -> {
                    Optional<ListRole> role = healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN);
                    assertThat(role).contains(crashedAt == null ? ListRole.VIEWER : ListRole.OWNER);
                },
                listId -> {
                    // A writer that stopped after lowering the count leaves it one below the truth: the last-owner
                    // rule then refuses this demotion, never one that would leave no owner.
                    try {
                        assertThat(healthy.putMember(listId, member(BEN, ListRole.VIEWER)))
                                .isIn(MemberChange.CHANGED, MemberChange.UNCHANGED);
                    } catch (LastOwnerException e) {
                        assertThat(ownerCount(listId)).isLessThan(owners(listId));
                    }
                });
        assertThat(writes).as("owner count, member item").isEqualTo(2);
    }

    @Test
    void promotingAMember() {
        int writes = atEveryCrashPoint(
                () -> listOfAnnWith(BEN, ListRole.EDITOR),
                listId -> doomed.putMember(listId, member(BEN, ListRole.OWNER)),
                (listId, crashedAt) -> {
                    Optional<ListRole> role = healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN);
                    assertThat(role).contains(crashedAt == null || crashedAt > 0 ? ListRole.OWNER : ListRole.EDITOR);
                },
                listId -> {
                    assertThat(healthy.putMember(listId, member(BEN, ListRole.OWNER)))
                            .isIn(MemberChange.CHANGED, MemberChange.UNCHANGED);
                    // One of the two owners may go, unless a writer stopped before counting the second.
                    try {
                        healthy.removeMember(listId, ANN);
                    } catch (LastOwnerException e) {
                        assertThat(ownerCount(listId)).isLessThan(owners(listId));
                    }
                });
        assertThat(writes).as("member item, owner count").isEqualTo(2);
    }

    @Test
    void removingAnOwner() {
        int writes = atEveryCrashPoint(
                () -> listOfAnnWith(BEN, ListRole.OWNER),
                listId -> doomed.removeMember(listId, BEN),
                (listId, crashedAt) -> {
                    boolean gone = crashedAt == null || crashedAt > 1;
                    assertThat(healthy.access(listId, Set.of(BEN)).orElseThrow().role(BEN).isEmpty()).isEqualTo(gone);
                    // A user's entry left behind suggests a list that membership no longer confirms.
                    assertThat(healthy.memberships(BEN, Set.of(listId)).isEmpty()).isEqualTo(gone);
                },
                listId -> {
                    try {
                        healthy.removeMember(listId, BEN);
                    } catch (MemberNotFoundException e) {
                        // Removed before the crash.
                    } catch (LastOwnerException e) {
                        assertThat(ownerCount(listId)).isLessThan(owners(listId));
                    }
                });
        assertThat(writes).as("owner count, member item, user's entry").isEqualTo(3);
    }

    @Test
    void deletingAList() {
        int writes = atEveryCrashPoint(
                () -> listOfAnnWith(BEN, ListRole.EDITOR),
                listId -> doomed.markDeleted(listId, null),
                (listId, crashedAt) -> {
                    boolean deleted = crashedAt == null || crashedAt > 1;
                    assertThat(healthy.access(listId, Set.of(ANN)).isEmpty()).isEqualTo(deleted);
                    assertThat(healthy.members(listId, 10, null).items().isEmpty()).isEqualTo(deleted);
                    // A deleted list is always queued for its purge.
                    assertThat(healthy.pendingWork(1000).contains(new PendingWork.Purge(listId))).isEqualTo(deleted);
                },
                listId -> {
                    if (healthy.access(listId, Set.of(ANN)).isPresent()) {
                        healthy.markDeleted(listId, null);
                    }
                    assertThat(healthy.pendingWork(1000)).contains(new PendingWork.Purge(listId));
                });
        assertThat(writes).as("queue entry, list item").isEqualTo(2);
    }

    @Test
    void purgingADeletedList() {
        int writes = atEveryCrashPoint(
                () -> {
                    String listId = listOfAnnWith(BEN, ListRole.EDITOR);
                    healthy.putMember(listId, member(CAL, ListRole.VIEWER));
                    healthy.markDeleted(listId, null);
                    return listId;
                },
                listId -> doomed.purge(listId, 10),
                (listId, crashedAt) -> {
                    assertThat(healthy.access(listId, Set.of(ANN, BEN, CAL))).isEmpty();
                    assertThat(healthy.memberships(BEN, Set.of(listId))).isEmpty();
                    // Until the purge ends, it stays queued.
                    assertThat(healthy.pendingWork(1000).contains(new PendingWork.Purge(listId)))
                            .isEqualTo(crashedAt != null);
                },
                listId -> {
                    while (!healthy.purge(listId, 1)) {
                        // Bounded steps, each of which makes progress.
                    }
                    assertThat(healthy.pendingWork(1000)).doesNotContain(new PendingWork.Purge(listId));
                    for (UserId user : List.of(ANN, BEN, CAL)) {
                        assertThat(raw("user#" + user.value(), "list#" + listId)).as(user.value()).isNull();
                    }
                    assertThat(raw("list#" + listId, "list")).isNull();
                });
        assertThat(writes).as("users' entries, member items, list item, queue entry").isEqualTo(4);
    }

    /**
     * Runs {@code change} once without a crash, counting its writes, then once for each write with a crash just
     * before it, each time on a fresh list from {@code setup}; checks the invariants and {@code check} (given the
     * write the crash came before, counted from 0, or {@code null} when none came), then {@code recover} and the
     * invariants once more.
     *
     * @return the number of writes the change makes
     */
    private int atEveryCrashPoint(java.util.function.Supplier<String> setup, Consumer<String> change,
            java.util.function.BiConsumer<String, Integer> check, Consumer<String> recover) {
        String whole = setup.get();
        WRITES_SEEN.set(0);
        WRITES_ALLOWED.set(-1);
        change.accept(whole);
        int writes = WRITES_SEEN.get();
        invariants(whole);
        check.accept(whole, null);
        for (int crashAt = 0; crashAt < writes; crashAt++) {
            String listId = setup.get();
            WRITES_SEEN.set(0);
            WRITES_ALLOWED.set(crashAt);
            try {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> change.accept(listId));
                assertThat(isCrash(thrown)).as("stopped by the crash before write " + crashAt + ": " + thrown)
                        .isTrue();
            } finally {
                WRITES_ALLOWED.set(-1);
                DEAD.set(false);
            }
            invariants(listId);
            check.accept(listId, crashAt);
            recover.accept(listId);
            invariants(listId);
        }
        return writes;
    }

    /** Whether {@code thrown} is the crash, or its translation by the SDK or the store. */
    private static boolean isCrash(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof Crash) {
                return true;
            }
        }
        return false;
    }

    private void invariants(String listId) {
        Map<String, AttributeValue> list = raw("list#" + listId, "list");
        List<Member> members = healthy.members(listId, 100, null).items();
        if (list != null && !list.containsKey(ListTableSchema.DELETED_AT)) {
            assertThat(ownerCount(listId)).as("owner_count never above the owners").isLessThanOrEqualTo(owners(listId));
            if (!members.isEmpty()) {
                assertThat(owners(listId)).as("a list with members has an owner").isPositive();
            }
            for (Member member : members) {
                assertThat(raw("user#" + member.user().value(), "list#" + listId))
                        .as("the entry listing the list among " + member.user() + "'s").isNotNull();
                assertThat(healthy.memberships(member.user(), Set.of(listId))).containsKey(listId);
            }
        }
        for (PendingWork work : healthy.pendingWork(1000)) {
            if (work instanceof PendingWork.Purge purge) {
                assertThat(healthy.access(purge.listId(), Set.of())).as("a live list is never purged").isEmpty();
            } else if (work instanceof PendingWork.Unassignment unassignment) {
                assertThat(healthy.memberships(unassignment.user(), Set.of(unassignment.listId())))
                        .as("a member's tasks are never unassigned").isEmpty();
            }
        }
    }

    /** The owners among the list's member items, read from the table, whatever the list's state. */
    private long owners(String listId) {
        long owners = 0;
        var response = DYNALITE.engine().client().query(r -> r.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :member)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("list#" + listId),
                        ":member", AttributeValue.fromS("member#"))));
        for (Map<String, AttributeValue> item : response.items()) {
            owners += "owner".equals(item.get("role").s()) ? 1 : 0;
        }
        return owners;
    }

    private long ownerCount(String listId) {
        return Long.parseLong(raw("list#" + listId, "list").get("owner_count").n());
    }

    private Map<String, AttributeValue> raw(String pk, String sk) {
        var response = DYNALITE.engine().client().getItem(r -> r.tableName(TABLE)
                .key(new HashMap<>(ListItemMapper.key(pk, sk))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private String listOfAnn() {
        TaskList list = new TaskList(IDS.newId(), "Launch", T0, T0, 1);
        healthy.create(list, owner(ANN));
        return list.id();
    }

    private String listOfAnnWith(UserId user, ListRole role) {
        String listId = listOfAnn();
        healthy.putMember(listId, member(user, role));
        return listId;
    }

    private static Member owner(UserId user) {
        return new Member(user, ListRole.OWNER, Optional.empty(), T0);
    }

    private static Member member(UserId user, ListRole role) {
        return new Member(user, role, Optional.empty(), T0 + 1);
    }
}
