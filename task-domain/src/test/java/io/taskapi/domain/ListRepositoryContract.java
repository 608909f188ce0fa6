package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ListRepository} must have. Each implementation's test extends this class and supplies a
 * fresh, empty repository.
 */
public abstract class ListRepositoryContract {
    private static final long T0 = 1_703_001_234L;
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final UserId CAL = new UserId("cal");
    private static final UserId DOT = new UserId("dot");

    // Ids from the production generator on a clock that steps forward, so they sort by creation as in production.
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    /** A new, empty repository for one test. */
    protected abstract ListRepository repository();

    private String nextId() {
        Instant at = Instant.ofEpochMilli(millis.addAndGet(7));
        return new UuidV7Generator(Clock.fixed(at, ZoneOffset.UTC)).newId();
    }

    private TaskList aList() {
        return new TaskList(nextId(), "Launch", T0, T0, 1);
    }

    private static Member owner(UserId user) {
        return new Member(user, ListRole.OWNER, Optional.of("Name of " + user.value()), T0);
    }

    private static Member member(UserId user, ListRole role) {
        return new Member(user, role, Optional.of("Name of " + user.value()), T0 + 10);
    }

    /** A list created by {@code ann}, its owner. */
    private TaskList created(ListRepository repository) {
        TaskList list = aList();
        repository.create(list, owner(ANN));
        return list;
    }

    @Test
    void aCreatedListIsReadWithItsOwner() {
        ListRepository repository = repository();
        TaskList list = aList();

        repository.create(list, owner(ANN));

        ListAccess access = repository.access(list.id(), Set.of(ANN, BEN)).orElseThrow();
        assertThat(access.list()).isEqualTo(list);
        assertThat(access.members()).isEqualTo(Map.of(ANN, owner(ANN)));
        assertThat(access.role(ANN)).contains(ListRole.OWNER);
        assertThat(access.role(BEN)).isEmpty();
        assertThat(repository.memberships(ANN, Set.of(list.id())))
                .isEqualTo(Map.of(list.id(), new Membership(list, ListRole.OWNER)));
        assertThat(repository.memberships(BEN, Set.of(list.id()))).isEmpty();
        assertThat(repository.members(list.id(), 10, null)).isEqualTo(new Slice<>(List.of(owner(ANN)), null));
        assertThat(repository.listIdsOf(ANN, 10, null)).isEqualTo(new Slice<>(List.of(list.id()), null));
        assertThat(repository.listIdsOf(BEN, 10, null).items()).isEmpty();
    }

    @Test
    void aMemberWithoutANameIsKeptWithoutOne() {
        ListRepository repository = repository();
        TaskList list = aList();
        Member nameless = new Member(ANN, ListRole.OWNER, Optional.empty(), T0);

        repository.create(list, nameless);

        assertThat(repository.members(list.id(), 10, null).items()).containsExactly(nameless);
    }

    @Test
    void createNeverOverwritesAList() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        TaskList intruder = new TaskList(list.id(), "Intruder", T0 + 5, T0 + 5, 1);

        assertThatThrownBy(() -> repository.create(intruder, owner(BEN)))
                .isInstanceOf(TaskAlreadyExistsException.class);

        ListAccess access = repository.access(list.id(), Set.of(ANN, BEN)).orElseThrow();
        assertThat(access.list()).isEqualTo(list);
        assertThat(access.members()).isEqualTo(Map.of(ANN, owner(ANN)));
        assertThat(repository.memberships(BEN, Set.of(list.id()))).isEmpty();
    }

    @Test
    void aMissingListHasNoAccessMembershipsOrMembers() {
        ListRepository repository = repository();
        String missing = nextId();

        assertThat(repository.access(missing, Set.of(ANN))).isEmpty();
        assertThat(repository.memberships(ANN, Set.of(missing))).isEmpty();
        assertThat(repository.members(missing, 10, null)).isEqualTo(new Slice<>(List.of(), null));
        assertThatThrownBy(() -> repository.putMember(missing, owner(ANN))).isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.addMember(missing, owner(ANN))).isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.removeMember(missing, ANN)).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> repository.replace(new TaskList(missing, "Gone", T0, T0, 2), 1))
                .isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.markDeleted(missing, null)).isInstanceOf(ListNotFoundException.class);
        assertThat(repository.pendingWork(10)).isEmpty();
    }

    @Test
    void accessReadsTheEntriesOfEveryUserAskedAbout() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.EDITOR));
        repository.putMember(list.id(), member(CAL, ListRole.VIEWER));

        ListAccess access = repository.access(list.id(), Set.of(ANN, BEN, CAL, DOT)).orElseThrow();

        assertThat(access.members()).isEqualTo(Map.of(ANN, owner(ANN), BEN, member(BEN, ListRole.EDITOR),
                CAL, member(CAL, ListRole.VIEWER)));
        assertThat(repository.access(list.id(), Set.of(DOT)).orElseThrow().members()).isEmpty();
        assertThat(repository.access(list.id(), Set.of()).orElseThrow().list()).isEqualTo(list);
    }

    @Test
    void membershipsReadsOnlyTheListsTheUserIsIn() {
        ListRepository repository = repository();
        TaskList anns = created(repository);
        TaskList shared = aList();
        repository.create(shared, owner(BEN));
        repository.putMember(shared.id(), member(ANN, ListRole.EDITOR));
        TaskList bens = aList();
        repository.create(bens, owner(BEN));
        TaskList deleted = created(repository);
        repository.markDeleted(deleted.id(), null);

        Map<String, Membership> memberships = repository.memberships(ANN,
                new LinkedHashSet<>(List.of(anns.id(), shared.id(), bens.id(), deleted.id(), nextId())));

        assertThat(memberships).isEqualTo(Map.of(anns.id(), new Membership(anns, ListRole.OWNER),
                shared.id(), new Membership(shared, ListRole.EDITOR)));
        assertThat(repository.memberships(ANN, Set.of())).isEmpty();
    }

    @Test
    void membershipsReadsAFullPageOfLists() {
        ListRepository repository = repository();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(created(repository).id());
        }

        assertThat(repository.memberships(ANN, ids)).hasSize(100).containsOnlyKeys(ids);
    }

    @Test
    void replaceStoresTheListOnlyFromTheExpectedVersion() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        TaskList renamed = list.renamed("Lift-off", T0 + 60);

        assertThatThrownBy(() -> repository.replace(renamed, 2)).isInstanceOf(VersionConflictException.class);
        assertThat(repository.access(list.id(), Set.of()).orElseThrow().list()).isEqualTo(list);

        repository.replace(renamed, 1);

        assertThat(repository.access(list.id(), Set.of(ANN)).orElseThrow())
                .isEqualTo(new ListAccess(renamed, Map.of(ANN, owner(ANN))));
        assertThat(repository.memberships(ANN, Set.of(list.id())).get(list.id()).list()).isEqualTo(renamed);
        assertThatThrownBy(() -> repository.replace(list.renamed("Stale", T0 + 70), 1))
                .isInstanceOf(VersionConflictException.class);
        // A rename leaves the members as they were, the count of owners included.
        assertThatThrownBy(() -> repository.putMember(list.id(), owner(ANN).withRole(ListRole.EDITOR)))
                .isInstanceOf(LastOwnerException.class);
    }

    @Test
    void markDeletedHidesTheListAndEverythingInItAtOnce() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.EDITOR));

        repository.markDeleted(list.id(), null);

        assertThat(repository.access(list.id(), Set.of(ANN, BEN))).isEmpty();
        assertThat(repository.memberships(ANN, Set.of(list.id()))).isEmpty();
        assertThat(repository.memberships(BEN, Set.of(list.id()))).isEmpty();
        assertThat(repository.members(list.id(), 10, null)).isEqualTo(new Slice<>(List.of(), null));
        assertThatThrownBy(() -> repository.replace(list.renamed("Again", T0 + 1), 1))
                .isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.putMember(list.id(), member(CAL, ListRole.EDITOR)))
                .isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.addMember(list.id(), member(CAL, ListRole.EDITOR)))
                .isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> repository.removeMember(list.id(), BEN)).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> repository.markDeleted(list.id(), null)).isInstanceOf(ListNotFoundException.class);
        assertThat(repository.pendingWork(10)).containsExactly(new PendingWork.Purge(list.id()));
    }

    @Test
    void markDeletedChecksTheVersion() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.replace(list.renamed("Renamed", T0 + 1), 1);

        assertThatThrownBy(() -> repository.markDeleted(list.id(), 1L)).isInstanceOf(VersionConflictException.class);
        assertThat(repository.access(list.id(), Set.of(ANN))).isPresent();
        assertThat(repository.pendingWork(10)).isEmpty();

        repository.markDeleted(list.id(), 2L);

        assertThat(repository.access(list.id(), Set.of(ANN))).isEmpty();
        assertThat(repository.pendingWork(10)).containsExactly(new PendingWork.Purge(list.id()));
    }

    @Test
    void purgeRemovesADeletedListsEntriesWithinABudget() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        TaskList kept = created(repository);
        for (UserId user : List.of(BEN, CAL, DOT)) {
            repository.putMember(list.id(), member(user, ListRole.VIEWER));
            repository.putMember(kept.id(), member(user, ListRole.EDITOR));
        }
        repository.markDeleted(list.id(), null);

        assertThat(repository.purge(list.id(), 2)).isFalse();
        int calls = 1;
        while (!repository.purge(list.id(), 2)) {
            calls++;
            assertThat(calls).as("every call makes progress").isLessThanOrEqualTo(8);
        }

        assertThat(repository.pendingWork(10)).isEmpty();
        for (UserId user : List.of(ANN, BEN, CAL, DOT)) {
            assertThat(repository.listIdsOf(user, 10, null).items()).as(user.value()).containsExactly(kept.id());
            assertThat(repository.memberships(user, Set.of(kept.id()))).as(user.value()).containsKey(kept.id());
        }
        assertThat(repository.members(kept.id(), 10, null).items()).hasSize(4);
        assertThat(repository.purge(list.id(), 2)).isTrue();
        assertThat(repository.purge(nextId(), 2)).isTrue();
        // A list's id is never reused, but nothing of the purged one stands in the way of one with that id.
        repository.create(new TaskList(list.id(), "Again", T0 + 9, T0 + 9, 1), owner(BEN));
        assertThat(repository.members(list.id(), 10, null).items()).containsExactly(owner(BEN));
    }

    @Test
    void purgeNeverTouchesALiveList() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.EDITOR));

        repository.purge(list.id(), 10);

        assertThat(repository.access(list.id(), Set.of(ANN, BEN)).orElseThrow().members()).hasSize(2);
        assertThat(repository.members(list.id(), 10, null).items()).hasSize(2);
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(list.id());
    }

    @Test
    void listIdsOfListsTheNewestListFirstInPages() {
        ListRepository repository = repository();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TaskList list = aList();
            if (i == 3) {
                // One list of somebody else's that ann joined.
                repository.create(list, owner(BEN));
                repository.addMember(list.id(), member(ANN, ListRole.VIEWER));
            } else {
                repository.create(list, owner(ANN));
            }
            newestFirst.add(0, list.id());
        }

        List<String> seen = new ArrayList<>();
        Set<String> positions = new HashSet<>();
        String position = null;
        int pages = 0;
        do {
            Slice<String> slice = repository.listIdsOf(ANN, 2, position);
            assertThat(slice.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            assertThat(position == null || positions.add(position)).as("positions never repeat").isTrue();
            pages++;
        } while (position != null);

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(newestFirst.get(2));
        assertThat(repository.listIdsOf(CAL, 10, null)).isEqualTo(new Slice<>(List.of(), null));
    }

    @Test
    void membersAreOrderedByUserIdInPages() {
        ListRepository repository = repository();
        TaskList list = aList();
        repository.create(list, owner(new UserId("mia")));
        List<Member> added = new ArrayList<>(List.of(owner(new UserId("mia"))));
        String[] users = {"zed", "ann", "kim", "bob", "ann2", "user:9"};
        for (int i = 0; i < users.length; i++) {
            Member member = new Member(new UserId(users[i]), ListRole.values()[i % 3],
                    Optional.ofNullable(i % 2 == 0 ? null : "N" + i),
                    T0 + i);
            repository.putMember(list.id(), member);
            added.add(member);
        }
        List<Member> byUserId = added.stream().sorted((a, b) -> a.user().value().compareTo(b.user().value()))
                .toList();

        assertThat(pagesOf(position -> repository.members(list.id(), 3, position))).containsExactlyElementsOf(byUserId);
        assertThat(pagesOf(position -> repository.members(list.id(), 1, position))).containsExactlyElementsOf(byUserId);
        Slice<Member> all = repository.members(list.id(), 7, null);
        assertThat(all.items()).containsExactlyElementsOf(byUserId);
        assertThat(all.nextPosition()).isNull();
    }

    @Test
    void putMemberAddsChangesOrLeavesAMember() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        Member ben = new Member(BEN, ListRole.EDITOR, Optional.of("Ben"), T0 + 10);

        assertThat(repository.putMember(list.id(), ben)).isEqualTo(MemberChange.ADDED);
        assertThat(repository.access(list.id(), Set.of(BEN)).orElseThrow().members()).isEqualTo(Map.of(BEN, ben));
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(list.id());

        assertThat(repository.putMember(list.id(), new Member(BEN, ListRole.EDITOR, Optional.of("Benjamin"), T0 + 20)))
                .isEqualTo(MemberChange.UNCHANGED);
        assertThat(repository.access(list.id(), Set.of(BEN)).orElseThrow().members()).isEqualTo(Map.of(BEN, ben));

        assertThat(repository.putMember(list.id(), new Member(BEN, ListRole.VIEWER, Optional.of("Benjamin"), T0 + 30)))
                .isEqualTo(MemberChange.CHANGED);
        assertThat(repository.access(list.id(), Set.of(BEN)).orElseThrow().members())
                .isEqualTo(Map.of(BEN, ben.withRole(ListRole.VIEWER)));

        // A member who had no name gets the one given with their new role.
        repository.putMember(list.id(), new Member(CAL, ListRole.VIEWER, Optional.empty(), T0 + 40));
        assertThat(repository.putMember(list.id(), new Member(CAL, ListRole.EDITOR, Optional.of("Cal"), T0 + 50)))
                .isEqualTo(MemberChange.CHANGED);
        assertThat(repository.members(list.id(), 10, null).items()).containsExactly(owner(ANN),
                ben.withRole(ListRole.VIEWER), new Member(CAL, ListRole.EDITOR, Optional.of("Cal"), T0 + 40));
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        ListRepository repository = repository();
        TaskList list = created(repository);

        assertThatThrownBy(() -> repository.putMember(list.id(), owner(ANN).withRole(ListRole.EDITOR)))
                .isInstanceOf(LastOwnerException.class);
        assertThatThrownBy(() -> repository.removeMember(list.id(), ANN)).isInstanceOf(LastOwnerException.class);
        assertThat(repository.access(list.id(), Set.of(ANN)).orElseThrow().role(ANN)).contains(ListRole.OWNER);

        // Promoted, a second owner lets the first go; then they are the last.
        repository.putMember(list.id(), member(BEN, ListRole.VIEWER));
        assertThat(repository.putMember(list.id(), member(BEN, ListRole.OWNER))).isEqualTo(MemberChange.CHANGED);
        assertThat(repository.putMember(list.id(), owner(ANN).withRole(ListRole.EDITOR)))
                .isEqualTo(MemberChange.CHANGED);
        assertThatThrownBy(() -> repository.putMember(list.id(), member(BEN, ListRole.VIEWER)))
                .isInstanceOf(LastOwnerException.class);
        assertThatThrownBy(() -> repository.removeMember(list.id(), BEN)).isInstanceOf(LastOwnerException.class);

        // Added as owners, by either way of adding, they count too.
        repository.putMember(list.id(), member(CAL, ListRole.OWNER));
        repository.removeMember(list.id(), BEN);
        assertThat(repository.addMember(list.id(), member(DOT, ListRole.OWNER))).isTrue();
        repository.removeMember(list.id(), CAL);
        assertThatThrownBy(() -> repository.removeMember(list.id(), DOT)).isInstanceOf(LastOwnerException.class);

        assertThat(repository.members(list.id(), 10, null).items()).extracting(Member::user, Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ANN, ListRole.EDITOR),
                        org.assertj.core.groups.Tuple.tuple(DOT, ListRole.OWNER));
    }

    @Test
    void concurrentDemotionsOfOwnersByEachOtherAlwaysLeaveOneOwner() throws Exception {
        ListRepository repository = repository();
        List<UserId> owners = List.of(ANN, BEN, CAL, DOT);
        for (int round = 0; round < 6; round++) {
            TaskList list = created(repository);
            for (UserId user : owners.subList(1, owners.size())) {
                repository.putMember(list.id(), owner(user));
            }
            // Each owner demotes or removes another at the same moment: all but one may succeed.
            boolean removeSome = round % 2 == 1;
            List<Callable<Boolean>> demotions = new ArrayList<>();
            for (int i = 0; i < owners.size(); i++) {
                UserId target = owners.get(i);
                boolean remove = removeSome && i % 2 == 0;
                demotions.add(() -> {
                    try {
                        if (remove) {
                            repository.removeMember(list.id(), target);
                        } else {
                            repository.putMember(list.id(), owner(target).withRole(ListRole.EDITOR));
                        }
                        return true;
                    } catch (LastOwnerException e) {
                        return false;
                    }
                });
            }

            long succeeded = race(demotions).stream().filter(Boolean::booleanValue).count();

            List<Member> members = repository.members(list.id(), 10, null).items();
            assertThat(members.stream().filter(member -> member.role() == ListRole.OWNER).count())
                    .as("owners left in round " + round).isEqualTo(1);
            assertThat(succeeded).as("demotions that succeeded in round " + round).isEqualTo(owners.size() - 1);
            UserId last = members.stream().filter(member -> member.role() == ListRole.OWNER).findFirst().orElseThrow()
                    .user();
            assertThatThrownBy(() -> repository.removeMember(list.id(), last)).isInstanceOf(LastOwnerException.class);
        }
    }

    @Test
    void addMemberAddsOnlyAUserWhoIsNotAMember() {
        ListRepository repository = repository();
        TaskList list = created(repository);

        assertThat(repository.addMember(list.id(), member(BEN, ListRole.VIEWER))).isTrue();
        assertThat(repository.addMember(list.id(), member(BEN, ListRole.EDITOR))).isFalse();
        assertThat(repository.addMember(list.id(), member(ANN, ListRole.VIEWER))).isFalse();

        assertThat(repository.access(list.id(), Set.of(ANN, BEN)).orElseThrow().members())
                .isEqualTo(Map.of(ANN, owner(ANN), BEN, member(BEN, ListRole.VIEWER)));
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(list.id());
        assertThat(repository.memberships(BEN, Set.of(list.id())))
                .isEqualTo(Map.of(list.id(), new Membership(list, ListRole.VIEWER)));
    }

    @Test
    void concurrentAddsOfOneUserAddThemOnce() throws Exception {
        ListRepository repository = repository();
        TaskList list = created(repository);
        List<Member> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            candidates.add(new Member(BEN, i % 2 == 0 ? ListRole.EDITOR : ListRole.VIEWER, Optional.of("Ben " + i),
                    T0 + i));
        }
        List<Callable<Boolean>> adds = candidates.stream()
                .<Callable<Boolean>>map(candidate -> () -> repository.addMember(list.id(), candidate)).toList();

        List<Boolean> added = race(adds);

        assertThat(added.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
        Member winner = candidates.get(added.indexOf(true));
        assertThat(repository.members(list.id(), 10, null).items()).containsExactly(owner(ANN), winner);
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(list.id());
    }

    @Test
    void removeMemberRemovesTheEntryAndTheListFromTheirLists() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        TaskList other = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.EDITOR));
        repository.putMember(other.id(), member(BEN, ListRole.VIEWER));

        repository.removeMember(list.id(), BEN);

        assertThat(repository.access(list.id(), Set.of(BEN)).orElseThrow().role(BEN)).isEmpty();
        assertThat(repository.memberships(BEN, Set.of(list.id(), other.id()))).containsOnlyKeys(other.id());
        assertThat(repository.members(list.id(), 10, null).items()).containsExactly(owner(ANN));
        assertThat(repository.listIdsOf(BEN, 10, null).items()).containsExactly(other.id());
        assertThatThrownBy(() -> repository.removeMember(list.id(), BEN)).isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> repository.removeMember(list.id(), CAL)).isInstanceOf(MemberNotFoundException.class);
    }

    @Test
    void anOwnerAmongOthersMayBeRemovedAndARemovedMemberAddedAgain() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.OWNER));

        repository.removeMember(list.id(), ANN);
        assertThat(repository.addMember(list.id(), new Member(ANN, ListRole.VIEWER, Optional.of("Ann"),
                T0 + 99))).isTrue();

        assertThat(repository.access(list.id(), Set.of(ANN)).orElseThrow().members())
                .isEqualTo(Map.of(ANN, new Member(ANN, ListRole.VIEWER, Optional.of("Ann"), T0 + 99)));
        assertThat(repository.listIdsOf(ANN, 10, null).items()).containsExactly(list.id());
        assertThatThrownBy(() -> repository.removeMember(list.id(), BEN)).isInstanceOf(LastOwnerException.class);
    }

    @Test
    void aQueuedUnassignmentIsPendingOnceTheMemberIsGoneUntilDone() {
        ListRepository repository = repository();
        TaskList list = created(repository);
        repository.putMember(list.id(), member(BEN, ListRole.EDITOR));

        repository.queueUnassignment(list.id(), BEN);
        repository.queueUnassignment(list.id(), BEN);
        // Until the removal happened, there is nothing to unassign: a removal that fails leaves their tasks alone.
        assertThat(repository.pendingWork(10)).isEmpty();
        repository.removeMember(list.id(), BEN);

        assertThat(repository.pendingWork(10)).containsExactly(new PendingWork.Unassignment(list.id(), BEN));
        repository.unassignmentDone(list.id(), BEN);
        assertThat(repository.pendingWork(10)).isEmpty();
        repository.unassignmentDone(list.id(), BEN);
    }

    @Test
    void pendingWorkHoldsPurgesAndUnassignmentsUpToTheLimit() {
        ListRepository repository = repository();
        Set<PendingWork> expected = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            TaskList list = created(repository);
            repository.putMember(list.id(), member(BEN, ListRole.EDITOR));
            repository.queueUnassignment(list.id(), BEN);
            repository.removeMember(list.id(), BEN);
            expected.add(new PendingWork.Unassignment(list.id(), BEN));
            TaskList deleted = created(repository);
            repository.markDeleted(deleted.id(), null);
            expected.add(new PendingWork.Purge(deleted.id()));
        }

        assertThat(repository.pendingWork(10)).hasSize(6).containsExactlyInAnyOrderElementsOf(expected);
        List<PendingWork> two = repository.pendingWork(2);
        assertThat(two).hasSize(2).doesNotHaveDuplicates();
        assertThat(expected).containsAll(two);

        for (PendingWork work : two) {
            if (work instanceof PendingWork.Purge purge) {
                assertThat(repository.purge(purge.listId(), 100)).isTrue();
            } else if (work instanceof PendingWork.Unassignment unassignment) {
                repository.unassignmentDone(unassignment.listId(), unassignment.user());
            }
            expected.remove(work);
        }
        assertThat(repository.pendingWork(10)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static <T> List<T> pagesOf(Function<String, Slice<T>> page) {
        List<T> seen = new ArrayList<>();
        Set<String> positions = new HashSet<>();
        String position = null;
        do {
            Slice<T> slice = page.apply(position);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            assertThat(position == null || positions.add(position)).as("positions never repeat").isTrue();
        } while (position != null);
        return seen;
    }

    /** Runs every call at once and returns their results in order. */
    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> results = new ArrayList<>();
            for (Callable<T> call : calls) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get(60, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }
}
