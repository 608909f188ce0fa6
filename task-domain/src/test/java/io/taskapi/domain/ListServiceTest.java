package io.taskapi.domain;

import static io.taskapi.domain.SequentialIdGenerator.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use cases of shared lists: roles, members, invitations, deletion and the work left to maintenance. */
class ListServiceTest {
    private static final long T0 = 1_703_001_234L;
    private static final Actor OWNER = actor("olga", "Olga");
    private static final Actor EDITOR = actor("ed", null);
    private static final Actor VIEWER = actor("vi", null);
    private static final Actor STRANGER = actor("stan", null);

    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();
    private final MutableClock clock = MutableClock.at(T0);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final ListService service = new ListService(lists, invitations, tasks, clock, ids, sealer);
    private final TaskService taskService = new TaskService(tasks, lists, clock, ids, sealer);

    private static Actor actor(String user, String name) {
        return new Actor(new UserId(user), new OwnerId("user:" + user), Optional.ofNullable(name));
    }

    /** A list of {@link #OWNER}'s with {@link #EDITOR} and {@link #VIEWER} in their roles. */
    private String team() {
        String list = service.create(OWNER, "Team").list().id();
        service.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR);
        service.setRole(OWNER, list, VIEWER.user(), ListRole.VIEWER);
        return list;
    }

    @Test
    void theCreatorOwnsANewListWithTheNameInItsStoredForm() {
        Membership created = service.create(OWNER, "  Launch ");

        assertThat(created).isEqualTo(new Membership(new TaskList(id(1), "Launch", T0, T0, 1), ListRole.OWNER));
        assertThat(service.members(OWNER, id(1), PageRequest.first(10)).items())
                .containsExactly(new Member(OWNER.user(), ListRole.OWNER, Optional.of("Olga"), T0));
        assertThat(ValidationErrors.of(() -> service.create(OWNER, " ")))
                .containsExactly(new FieldError(ListField.NAME, "must not be empty"));
    }

    @Test
    void aListIsFoundOnlyByItsMembers() {
        String list = team();

        assertThat(service.get(VIEWER, list).role()).isEqualTo(ListRole.VIEWER);
        assertThatThrownBy(() -> service.get(STRANGER, list)).isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> service.members(STRANGER, list,
                PageRequest.first(10))).isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> service.get(OWNER, id(99))).isInstanceOf(ListNotFoundException.class);
    }

    @Test
    void onlyOwnersRenameDeleteManageAndInvite() {
        String list = team();

        for (Actor member : List.of(EDITOR, VIEWER)) {
            assertThatThrownBy(() -> service.rename(member, list, "x")).isInstanceOf(RoleRequiredException.class)
                    .hasMessage("This needs the owner role in the list");
            assertThatThrownBy(() -> service.delete(member, list)).isInstanceOf(RoleRequiredException.class);
            assertThatThrownBy(() -> service.setRole(member, list, STRANGER.user(), ListRole.OWNER))
                    .isInstanceOf(RoleRequiredException.class);
            assertThatThrownBy(() -> service.removeMember(member, list, OWNER.user()))
                    .isInstanceOf(RoleRequiredException.class);
            assertThatThrownBy(() -> service.invite(member, list, ListRole.VIEWER))
                    .isInstanceOf(RoleRequiredException.class);
        }
        assertThatThrownBy(() -> service.rename(STRANGER, list, "x")).isInstanceOf(ListNotFoundException.class);
        assertThat(service.get(OWNER, list).list().name()).isEqualTo("Team");
        assertThat(service.members(OWNER, list, PageRequest.first(10)).items()).hasSize(3);
    }

    @Test
    void renamingChecksTheVersionAndStampsTheTime() {
        String list = service.create(OWNER, "draft").list().id();
        clock.advance(Duration.ofSeconds(30));

        Membership renamed = service.rename(OWNER, list, "final", 1L);

        assertThat(renamed.list()).isEqualTo(new TaskList(list, "final", T0, T0 + 30, 2));
        assertThatThrownBy(() -> service.rename(OWNER, list, "stale", 1L))
                .isInstanceOf(VersionConflictException.class).hasMessage("List was modified by another request");
    }

    @Test
    void theListsOfAUserComeNewestFirstInPagesAndStrangersSeeNone() {
        String first = service.create(OWNER, "a").list().id();
        String second = service.create(OWNER, "b").list().id();
        String third = service.create(OWNER, "c").list().id();
        service.setRole(OWNER, second, VIEWER.user(), ListRole.VIEWER);

        Page<Membership> page = service.lists(OWNER, PageRequest.first(2));
        assertThat(page.items()).extracting(m -> m.list().id()).containsExactly(third, second);
        assertThat(service.lists(OWNER,
                PageRequest.first(2).after(page.next().orElseThrow())).items()).extracting(m -> m.list().id())
                .containsExactly(first);
        assertThat(service.lists(VIEWER, PageRequest.first(10)).items()).containsExactly(
                new Membership(service.get(OWNER, second).list(), ListRole.VIEWER));
        assertThat(service.lists(STRANGER, PageRequest.first(10)).items()).isEmpty();
        assertThat(ValidationErrors.of(() -> service.lists(VIEWER,
                PageRequest.first(2).after(page.next().orElseThrow()))))
                .containsExactly(new FieldError(ListingField.PAGE_TOKEN, "is not a valid page token for this query"));
    }

    @Test
    void settingARoleAddsChangesOrKeepsAMemberAndTheirJoiningTime() {
        String list = service.create(OWNER, "x").list().id();
        clock.advance(Duration.ofSeconds(5));

        assertThat(service.setRole(OWNER, list, EDITOR.user(), ListRole.VIEWER).change()).isEqualTo(MemberChange.ADDED);
        clock.advance(Duration.ofSeconds(5));
        ListService.MemberUpdate changed = service.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR);
        assertThat(changed.change()).isEqualTo(MemberChange.CHANGED);
        assertThat(changed.member()).isEqualTo(new Member(EDITOR.user(), ListRole.EDITOR, Optional.empty(), T0 + 5));
        assertThat(service.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR).change())
                .isEqualTo(MemberChange.UNCHANGED);
    }

    @Test
    void aListKeepsAnOwner() {
        String list = service.create(OWNER, "x").list().id();

        assertThatThrownBy(() -> service.setRole(OWNER, list, OWNER.user(), ListRole.EDITOR))
                .isInstanceOf(LastOwnerException.class);
        assertThatThrownBy(() -> service.removeMember(OWNER, list,
                OWNER.user())).isInstanceOf(LastOwnerException.class);
        service.setRole(OWNER, list, EDITOR.user(), ListRole.OWNER);
        service.setRole(EDITOR, list, OWNER.user(), ListRole.VIEWER);
        assertThatThrownBy(() -> service.setRole(EDITOR, list, EDITOR.user(), ListRole.VIEWER))
                .isInstanceOf(LastOwnerException.class);
        assertThat(service.get(OWNER, list).role()).isEqualTo(ListRole.VIEWER);
    }

    @Test
    void membersLeaveOwnersRemoveAndTheirTasksThereAreUnassigned() {
        String list = team();
        Task assigned = taskService.create(OWNER, NewTask.builder("x").listId(list).assignee(EDITOR.user()).build());
        Task elsewhere = taskService.create(EDITOR, NewTask.builder("mine").assignee(EDITOR.user()).build());

        assertThatThrownBy(() -> service.removeMember(VIEWER, list, EDITOR.user()))
                .isInstanceOf(RoleRequiredException.class);
        service.removeMember(VIEWER, list, VIEWER.user());
        service.removeMember(OWNER, list, EDITOR.user());

        assertThatThrownBy(() -> service.get(VIEWER, list)).isInstanceOf(ListNotFoundException.class);
        assertThat(taskService.get(OWNER, assigned.id()).assignee()).isEmpty();
        assertThat(taskService.get(EDITOR, elsewhere.id()).assignee()).contains(EDITOR.user());
        assertThatThrownBy(() -> service.removeMember(OWNER, list, EDITOR.user()))
                .isInstanceOf(MemberNotFoundException.class);
        assertThat(lists.pendingWork(10)).isEmpty();
    }

    @Test
    void anInvitationJoinsOnePersonOnceWithinItsWeek() {
        String list = service.create(OWNER, "open").list().id();
        IssuedInvitation invitation = service.invite(OWNER, list, ListRole.EDITOR);

        assertThat(invitation.code()).matches("[A-Za-z0-9_-]{43}");
        assertThat(invitation.expiresAt()).isEqualTo(T0 + Duration.ofDays(7).toSeconds());
        assertThat(invitations.find(InvitationCodes.digest(invitation.code()))).map(Invitation::listId).contains(list);
        assertThat(service.join(EDITOR, invitation.code())).isEqualTo(new Membership(service.get(OWNER, list).list(),
                ListRole.EDITOR));
        assertThat(service.join(EDITOR, invitation.code()).role()).as("a retry").isEqualTo(ListRole.EDITOR);
        assertThatThrownBy(() -> service.join(VIEWER, invitation.code()))
                .isInstanceOf(InvitationNotFoundException.class);

        IssuedInvitation late = service.invite(OWNER, list, ListRole.VIEWER);
        clock.advance(Duration.ofDays(7));
        assertThatThrownBy(() -> service.join(VIEWER, late.code())).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> service.join(VIEWER, "A".repeat(43))).isInstanceOf(InvitationNotFoundException.class);
        assertThatThrownBy(() -> service.join(VIEWER, "a b")).isInstanceOf(InvitationNotFoundException.class);
        assertThat(service.members(OWNER, list, PageRequest.first(10)).items()).extracting(Member::user)
                .containsExactlyInAnyOrder(OWNER.user(), EDITOR.user());
    }

    @Test
    void aMemberRedeemingAnInvitationKeepsTheirRoleAndTheInvitationStaysUnused() {
        String list = team();
        IssuedInvitation invitation = service.invite(OWNER, list, ListRole.OWNER);

        assertThat(service.join(VIEWER, invitation.code()).role()).isEqualTo(ListRole.VIEWER);
        assertThat(service.join(STRANGER, invitation.code()).role()).isEqualTo(ListRole.OWNER);
    }

    @Test
    void deletingAListHidesEverythingAtOnceAndMaintenanceRemovesTheRest() {
        String list = team();
        for (int i = 0; i < ListService.REQUEST_BUDGET + 5; i++) {
            taskService.create(OWNER, NewTask.builder("t" + i).listId(list).build());
        }
        String code = service.invite(OWNER, list, ListRole.VIEWER).code();

        service.delete(OWNER, list);

        for (Actor member : List.of(OWNER, EDITOR, VIEWER)) {
            assertThatThrownBy(() -> service.get(member, list)).isInstanceOf(ListNotFoundException.class);
            assertThat(service.lists(member, PageRequest.first(10)).items()).isEmpty();
        }
        assertThatThrownBy(() -> taskService.list(OWNER, TaskListQuery.firstPage().withLimit(10).inList(list)))
                .isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> service.join(STRANGER, code)).isInstanceOf(InvitationNotFoundException.class);
        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.Purge(list));
        assertThat(tasks.list(new TaskScope.InList(list), TaskFilter.ALL, 100, null).items()).hasSize(5);

        assertThat(service.maintain(10)).isFalse();

        assertThat(tasks.list(new TaskScope.InList(list), TaskFilter.ALL, 100, null).items()).isEmpty();
        assertThat(lists.pendingWork(10)).isEmpty();
    }

    /**
     * A member with more assigned tasks than one request unassigns keeps a queued piece of work until maintenance has
     * unassigned the rest: no task stays assigned to someone who left.
     */
    @Test
    void aRemovalLeavesTheUnassignmentsItCouldNotFinishToMaintenance() {
        String list = team();
        for (int i = 0; i < ListService.REQUEST_BUDGET + 3; i++) {
            taskService.create(OWNER, NewTask.builder("t" + i).listId(list).assignee(EDITOR.user()).build());
        }

        service.removeMember(OWNER, list, EDITOR.user());

        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.Unassignment(list, EDITOR.user(),
                OWNER.user()));
        assertThat(tasks.assignedTo(EDITOR.user(), 10, null).items()).hasSize(3);
        assertThat(service.maintain(10)).isFalse();
        assertThat(tasks.assignedTo(EDITOR.user(), 10, null).items()).isEmpty();
        assertThat(lists.pendingWork(10)).isEmpty();
    }

    /** An expired invitation is not found, for a member of its list as for anyone: it says nothing about the list. */
    @Test
    void anExpiredInvitationIsNotFoundEvenForAMember() {
        String list = team();
        IssuedInvitation invitation = service.invite(OWNER, list, ListRole.EDITOR);
        clock.advance(Duration.ofDays(7));

        assertThatThrownBy(() -> service.join(VIEWER, invitation.code()))
                .isInstanceOf(InvitationNotFoundException.class);
    }

    /**
     * When another join adds the user between the check and the write, the user keeps the role the store holds, not the
     * invitation's.
     */
    @Test
    void aJoinThatLosesToAnotherJoinAnswersTheRoleThatWon() {
        String list = service.create(OWNER, "open").list().id();
        IssuedInvitation invitation = service.invite(OWNER, list, ListRole.VIEWER);
        InvitationRepository racing = new InvitationRepository() {
            @Override
            public void create(Invitation created) {
                invitations.create(created);
            }

            @Override
            public java.util.Optional<Invitation> find(String codeDigest) {
                return invitations.find(codeDigest);
            }

            @Override
            public boolean claim(String codeDigest, UserId user, long now) {
                // The other join, with an editor's invitation, lands first.
                lists.addMember(list, new Member(user, ListRole.EDITOR, Optional.empty(), now));
                return invitations.claim(codeDigest, user, now);
            }
        };
        ListService joining = new ListService(lists, racing, tasks, clock, ids, sealer);

        assertThat(joining.join(STRANGER, invitation.code()).role()).isEqualTo(ListRole.EDITOR);
    }

    @Test
    void aListNeedsAName() {
        assertThat(ValidationErrors.of(() -> service.create(OWNER, null)))
                .containsExactly(new FieldError(ListField.NAME, "is required"));
    }

    /** A list repository that hands {@code calls} of {@code method} a failure before passing the rest through. */
    private ListRepository failing(String method, int calls, java.util.function.Supplier<RuntimeException> failure) {
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        return (ListRepository) java.lang.reflect.Proxy.newProxyInstance(ListRepository.class.getClassLoader(),
                new Class<?>[] {ListRepository.class}, (proxy, called, args) -> {
                    if (called.getName().equals(method) && failed.incrementAndGet() <= calls) {
                        throw failure.get();
                    }
                    try {
                        return called.invoke(lists, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** An id that is already taken is drawn again, up to three times in all. */
    @Test
    void aCreateWhoseIdIsTakenTriesANewIdUpToThreeTimes() {
        ListService twice = new ListService(failing("create", 2, TaskAlreadyExistsException::new), invitations, tasks,
                clock, ids, sealer);
        assertThat(twice.create(OWNER, "third time").list().id()).isEqualTo(id(3));

        ListService always = new ListService(failing("create", 3, TaskAlreadyExistsException::new), invitations,
                tasks, clock, ids, sealer);
        assertThatThrownBy(() -> always.create(OWNER, "never")).isInstanceOf(TaskAlreadyExistsException.class);
    }

    /**
     * A rename that loses a race to another write is tried again on the new version when the client named none, and
     * is a conflict when it named the version it saw.
     */
    @Test
    void aRenameThatLosesARaceIsRetriedUnlessTheClientNamedItsVersion() {
        String list = service.create(OWNER, "Team").list().id();
        ListService contended = new ListService(failing("replace", 1, VersionConflictException::ofList), invitations,
                tasks, clock, ids, sealer);
        assertThat(contended.rename(OWNER, list, "Renamed").list().name()).isEqualTo("Renamed");

        ListService conditional = new ListService(failing("replace", 1, VersionConflictException::ofList),
                invitations, tasks, clock, ids, sealer);
        assertThatThrownBy(() -> conditional.rename(OWNER, list, "Again", 2L))
                .isInstanceOf(VersionConflictException.class);

        ListService hopeless = new ListService(failing("replace", 5, VersionConflictException::ofList), invitations,
                tasks, clock, ids, sealer);
        assertThatThrownBy(() -> hopeless.rename(OWNER, list, "Never"))
                .isInstanceOf(VersionConflictException.class);
        assertThat(service.get(OWNER, list).list().name()).isEqualTo("Renamed");
    }
}
