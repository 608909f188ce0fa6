package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The use cases of tasks in shared lists: roles on every operation, moves, assignment and races with removals. */
class TaskServiceListsTest {
    private static final Actor OWNER = actor("olga");
    private static final Actor EDITOR = actor("ed");
    private static final Actor VIEWER = actor("vi");
    private static final Actor STRANGER = actor("stan");

    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final MutableClock clock = MutableClock.at(1_703_001_234L);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final ListService listService =
            new ListService(lists, new InMemoryInvitationRepository(), tasks, clock, ids, sealer);
    private final TaskService service = new TaskService(tasks, lists, clock, ids, sealer);

    private static Actor actor(String user) {
        return new Actor(new UserId(user), new OwnerId("user:" + user), Optional.empty());
    }

    private String team() {
        String list = listService.create(OWNER, "Team").list().id();
        listService.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR);
        listService.setRole(OWNER, list, VIEWER.user(), ListRole.VIEWER);
        return list;
    }

    private static NewTask in(String list, String text) {
        return NewTask.builder(text).listId(list).build();
    }

    private static TaskListQuery listing(String list) {
        return TaskListQuery.firstPage().inList(list);
    }

    @Test
    void editorsAndOwnersCreateInAListViewersMayNotAndStrangersFindNoList() {
        String list = team();

        assertThat(service.create(EDITOR, in(list, "by editor")).listId()).contains(list);
        assertThat(service.create(OWNER, in(list, "by owner")).listId()).contains(list);
        assertThatThrownBy(() -> service.create(VIEWER, in(list, "by viewer")))
                .isInstanceOf(RoleRequiredException.class)
                .hasMessage("This needs the editor or owner role in the list");
        assertThatThrownBy(() -> service.create(STRANGER, in(list, "by stranger")))
                .isInstanceOf(ListNotFoundException.class);
        assertThat(service.list(VIEWER, listing(list)).items()).extracting(Task::text)
                .containsExactly("by owner", "by editor");
        assertThat(service.list(OWNER, TaskListQuery.firstPage()).items()).as("a list's tasks are not one's own")
                .isEmpty();
    }

    @Test
    void membersReadAListsTaskByIdWritersChangeItAndStrangersFindNothing() {
        String list = team();
        Task task = service.create(OWNER, in(list, "shared"));
        TaskChanges done = TaskChanges.builder().status(TaskStatus.COMPLETED).build();

        assertThat(service.get(VIEWER, task.id())).isEqualTo(task);
        assertThatThrownBy(() -> service.get(STRANGER, task.id())).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.update(VIEWER, task.id(), done))
                .isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.delete(VIEWER, task.id())).isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.update(STRANGER, task.id(), done))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.delete(STRANGER, task.id())).isInstanceOf(TaskNotFoundException.class);
        assertThat(service.update(EDITOR, task.id(), done, 1L).status()).isEqualTo(TaskStatus.COMPLETED);
        service.delete(EDITOR, task.id(), 2L);
        assertThatThrownBy(() -> service.get(OWNER, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aListIsListedForItsMembersOnly() {
        String list = team();
        service.create(OWNER, in(list, "x"));

        assertThatThrownBy(() -> service.list(STRANGER, listing(list))).isInstanceOf(ListNotFoundException.class);
        assertThat(service.list(VIEWER, listing(list)).items()).hasSize(1);
    }

    @Test
    void aTaskMovesOnlyBetweenListsWhereTheActorWritesInBoth() {
        String from = team();
        String to = listService.create(OWNER, "Later").list().id();
        String strangers = listService.create(STRANGER, "Theirs").list().id();
        Task task = service.create(OWNER, in(from, "move"));

        assertThatThrownBy(() -> service.update(EDITOR, task.id(), TaskChanges.builder().listId(to).build()))
                .as("the editor is no member of the destination").isInstanceOf(ListNotFoundException.class);
        listService.setRole(OWNER, to, EDITOR.user(), ListRole.VIEWER);
        assertThatThrownBy(() -> service.update(EDITOR, task.id(), TaskChanges.builder().listId(to).build()))
                .isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.update(OWNER, task.id(),
                TaskChanges.builder().listId(strangers).build())).isInstanceOf(ListNotFoundException.class);
        Task moved = service.update(OWNER, task.id(), TaskChanges.builder().listId(to).build());

        assertThat(moved.listId()).contains(to);
        assertThat(service.list(OWNER, listing(to)).items()).containsExactly(moved);
        assertThat(service.list(OWNER, listing(from)).items()).isEmpty();
        assertThatThrownBy(() -> service.get(VIEWER, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aTaskDoesNotMoveBetweenAListAndOwnTasks() {
        String list = team();
        Task inList = service.create(OWNER, in(list, "a"));
        Task own = service.create(OWNER, NewTask.builder("b").build());

        assertThat(ValidationErrors.of(() -> service.update(OWNER, inList.id(),
                TaskChanges.builder().remove(TaskField.LIST_ID).build()))).containsExactly(new FieldError(
                TaskField.LIST_ID, "cannot be removed from a list's task; move it to another list"));
        assertThat(ValidationErrors.of(() -> service.update(OWNER, own.id(),
                TaskChanges.builder().listId(list).build()))).containsExactly(new FieldError(TaskField.LIST_ID,
                "a task moves only between lists; create it in the list instead"));
    }

    @Test
    void onlyMembersHoldAListsTasksAndOnlyTheOwnerTheirOwn() {
        String list = team();

        assertThat(service.create(OWNER, NewTask.builder("a").listId(list).assignee(VIEWER.user()).build()).assignee())
                .contains(VIEWER.user());
        assertThat(ValidationErrors.of(() -> service.create(OWNER, NewTask.builder("b").listId(list)
                .assignee(STRANGER.user()).build()))).containsExactly(new FieldError(TaskField.ASSIGNEE,
                "must be a member of the task's list"));
        assertThat(service.create(EDITOR, NewTask.builder("c").assignee(EDITOR.user()).build()).assignee())
                .contains(EDITOR.user());
        assertThat(ValidationErrors.of(() -> service.create(EDITOR, NewTask.builder("d").assignee(OWNER.user())
                .build()))).containsExactly(new FieldError(TaskField.ASSIGNEE,
                "must be you: a task in no list can only be assigned to its owner"));
    }

    @Test
    void aMoveKeepsTheAssigneeOnlyWhereTheyAreAMember() {
        String from = team();
        String to = listService.create(OWNER, "Later").list().id();
        Task task = service.create(OWNER, NewTask.builder("x").listId(from).assignee(VIEWER.user()).build());

        assertThat(ValidationErrors.of(() -> service.update(OWNER, task.id(),
                TaskChanges.builder().listId(to).build()))).containsExactly(new FieldError(TaskField.ASSIGNEE,
                        "must be a member of the task's list"));
        Task moved = service.update(OWNER, task.id(), TaskChanges.builder().listId(to).remove(TaskField.ASSIGNEE)
                .build());
        assertThat(moved.assignee()).isEmpty();
    }

    @Test
    void assignedToMeSpansListsAndOwnTasksButNotListsTheActorLeft() {
        String list = team();
        String other = listService.create(OWNER, "other").list().id();
        listService.setRole(OWNER, other, EDITOR.user(), ListRole.EDITOR);
        Task first = service.create(OWNER, NewTask.builder("1").listId(list).assignee(EDITOR.user()).build());
        Task own = service.create(EDITOR, NewTask.builder("2").assignee(EDITOR.user()).build());
        Task third = service.create(OWNER, NewTask.builder("3").listId(other).assignee(EDITOR.user()).build());
        TaskListQuery mine = TaskListQuery.firstPage().onlyAssignedToMe();

        assertThat(service.list(EDITOR, mine).items()).containsExactly(third, own, first);
        // Left without the unassignment having run yet (as after a crash): the list's task is no longer shown.
        lists.removeMember(other, EDITOR.user());
        assertThat(service.list(EDITOR, mine).items()).containsExactly(own, first);
        assertThat(service.list(VIEWER, mine).items()).isEmpty();
    }

    @Test
    void aCreatorRemovedWhileCreatingLeavesNoTask() {
        String list = team();
        TaskService racing = new TaskService(tasks, removingAfterFirstCheck(EDITOR.user()), clock, ids, sealer);

        assertThatThrownBy(() -> racing.create(EDITOR, in(list, "too late"))).isInstanceOf(ListNotFoundException.class);

        assertThat(service.list(OWNER, listing(list)).items()).isEmpty();
    }

    @Test
    void anAssigneeRemovedWhileTheTaskIsCreatedIsUnassigned() {
        String list = team();
        TaskService racing = new TaskService(tasks, removingAfterFirstCheck(VIEWER.user()), clock, ids, sealer);

        Task created = racing.create(OWNER, NewTask.builder("x").listId(list).assignee(VIEWER.user()).build());

        assertThat(created.assignee()).isEmpty();
        assertThat(service.get(OWNER, created.id()).assignee()).isEmpty();
    }

    /**
     * When the unassignment of an assignee removed meanwhile loses a race to another write of the new task, the
     * creation still succeeds, answering the task as it was written; the other write decided what it became.
     */
    @Test
    void aCreationWhoseUnassignmentLosesARaceStillSucceeds() {
        String list = team();
        TaskRepository contended = new ForwardingTaskRepository(tasks) {
            @Override
            public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
                throw new VersionConflictException();
            }
        };
        TaskService racing = new TaskService(contended, removingAfterFirstCheck(VIEWER.user()), clock, ids, sealer);

        Task created = racing.create(OWNER, NewTask.builder("x").listId(list).assignee(VIEWER.user()).build());

        assertThat(created).isEqualTo(service.get(OWNER, created.id()));
        assertThat(created.assignee()).contains(VIEWER.user());
    }

    /** A creator demoted to viewer while creating is told they need the editor role, and leaves no task. */
    @Test
    void aCreatorDemotedWhileCreatingNeedsTheEditorRoleAndLeavesNoTask() {
        String list = team();
        AtomicInteger checks = new AtomicInteger();
        ListRepository demoting = (ListRepository) Proxy.newProxyInstance(ListRepository.class.getClassLoader(),
                new Class<?>[] {ListRepository.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(lists, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("access") && checks.incrementAndGet() == 1) {
                        listService.setRole(OWNER, list, EDITOR.user(), ListRole.VIEWER);
                    }
                    return result;
                });
        TaskService racing = new TaskService(tasks, demoting, clock, ids, sealer);

        assertThatThrownBy(() -> racing.create(EDITOR, in(list, "too late"))).isInstanceOf(RoleRequiredException.class);

        assertThat(service.list(OWNER, listing(list)).items()).isEmpty();
    }

    /** A task of no list is assigned only to its owner, on update as on create. */
    @Test
    void anOwnTaskIsReassignedOnlyToItsOwner() {
        Task own = service.create(EDITOR, NewTask.builder("mine").build());

        assertThat(ValidationErrors.of(() -> service.update(EDITOR, own.id(),
                TaskChanges.builder().assignee(OWNER.user()).build()))).containsExactly(new FieldError(
                TaskField.ASSIGNEE, "must be you: a task in no list can only be assigned to its owner"));
        assertThat(service.update(EDITOR, own.id(), TaskChanges.builder().assignee(EDITOR.user()).build())
                .assignee()).contains(EDITOR.user());
    }

    /** A list's task is reassigned, without moving, only to a member of its list. */
    @Test
    void aListsTaskIsReassignedOnlyToAMemberOfItsList() {
        String list = team();
        Task task = service.create(OWNER, in(list, "x"));

        assertThat(ValidationErrors.of(() -> service.update(EDITOR, task.id(),
                TaskChanges.builder().assignee(STRANGER.user()).build())))
                .containsExactly(new FieldError(TaskField.ASSIGNEE, "must be a member of the task's list"));
        assertThat(service.update(EDITOR, task.id(), TaskChanges.builder().assignee(VIEWER.user()).build())
                .assignee()).contains(VIEWER.user());
        assertThat(service.update(EDITOR, task.id(), TaskChanges.builder().text("y").build()).assignee())
                .as("a change that neither moves nor reassigns keeps the assignee").contains(VIEWER.user());
    }

    /** The list repository, with {@code user} removed from the list just after the first access check. */
    private ListRepository removingAfterFirstCheck(UserId user) {
        AtomicInteger checks = new AtomicInteger();
        return (ListRepository) Proxy.newProxyInstance(ListRepository.class.getClassLoader(),
                new Class<?>[] {ListRepository.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(lists, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("access") && checks.incrementAndGet() == 1) {
                        lists.removeMember((String) args[0], user);
                    }
                    return result;
                });
    }

    @Test
    void theServiceWithoutListsFindsNone() {
        TaskService personal = new TaskService(tasks, clock, ids, sealer);

        assertThatThrownBy(() -> personal.create(OWNER, in("00000000-0000-7000-8000-000000000009", "x")))
                .isInstanceOf(ListNotFoundException.class);
        assertThat(personal.create(OWNER, NewTask.builder("own").build()).listId()).isEmpty();
        assertThat(List.of(personal.list(OWNER, TaskListQuery.firstPage()).items().size())).containsExactly(1);
    }
}
