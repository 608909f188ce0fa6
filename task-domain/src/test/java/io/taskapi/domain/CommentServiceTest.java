package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The use cases of comments and of a task's activity: who may post, read and delete, and what each writes. */
class CommentServiceTest {
    private static final long T0 = 1_703_001_234L;
    private static final Actor OWNER = actor("olga");
    private static final Actor EDITOR = actor("ed");
    private static final Actor VIEWER = actor("vi");
    private static final Actor STRANGER = actor("stan");

    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final MutableClock clock = MutableClock.at(T0);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final ListService listService =
            new ListService(lists, new InMemoryInvitationRepository(), tasks, clock, ids, sealer);
    private final TaskService taskService = new TaskService(tasks, lists, clock, ids, sealer);
    private final CommentService service = new CommentService(tasks, lists, clock, ids, sealer);

    private static Actor actor(String user) {
        return new Actor(new UserId(user), new OwnerId("user:" + user), Optional.empty());
    }

    /** A task in a list of {@link #OWNER}'s with {@link #EDITOR} and {@link #VIEWER} in their roles. */
    private Task teamTask() {
        String list = listService.create(OWNER, "Team").list().id();
        listService.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR);
        listService.setRole(OWNER, list, VIEWER.user(), ListRole.VIEWER);
        return taskService.create(EDITOR, NewTask.builder("shared").listId(list).build());
    }

    @Test
    void everyMemberCommentsAndAStrangerFindsNoTask() {
        Task task = teamTask();

        for (Actor member : new Actor[] {OWNER, EDITOR, VIEWER}) {
            clock.advance(Duration.ofSeconds(1));
            Comment comment = service.post(member, task.id(), " hi\n" + member.user() + " ");
            assertThat(comment.author()).isEqualTo(member.user());
            assertThat(comment.text()).isEqualTo("hi\n" + member.user());
            assertThat(comment.createdAt()).isEqualTo(clock.instant().getEpochSecond());
        }
        assertThatThrownBy(() -> service.post(STRANGER, task.id(), "x")).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.list(STRANGER, task.id(), PageRequest.first(10)))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> taskService.activity(STRANGER, task.id(), PageRequest.first(10)))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(service.list(VIEWER, task.id(), PageRequest.first(10)).items()).hasSize(3);
        assertThat(taskService.activity(VIEWER, task.id(), PageRequest.first(10)).items())
                .extracting(entry -> entry.activity().action())
                .containsExactly(ActivityAction.COMMENTED, ActivityAction.COMMENTED, ActivityAction.COMMENTED,
                        ActivityAction.CREATED);
    }

    @Test
    void aCommentIsDeletedByItsAuthorOrAListOwnerOnly() {
        Task task = teamTask();
        Comment editors = service.post(EDITOR, task.id(), "editor's");
        Comment viewers = service.post(VIEWER, task.id(), "viewer's");

        assertThatThrownBy(() -> service.delete(VIEWER, task.id(), editors.id()))
                .isInstanceOf(RoleRequiredException.class)
                .hasMessage("Only the comment's author or an owner of the list can delete it");
        assertThatThrownBy(() -> service.delete(STRANGER, task.id(), editors.id()))
                .isInstanceOf(TaskNotFoundException.class);
        service.delete(VIEWER, task.id(), viewers.id());
        service.delete(OWNER, task.id(), editors.id());

        assertThat(service.list(OWNER, task.id(), PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> service.delete(OWNER, task.id(), editors.id()))
                .isInstanceOf(CommentNotFoundException.class);
        ActivityEntry latest = taskService.activity(OWNER, task.id(), PageRequest.first(1)).items().get(0);
        assertThat(latest.activity()).isEqualTo(Activity.commentDeleted(editors, OWNER.user(), T0));
    }

    @Test
    void aBadCommentIsRefusedBeforeAnythingIsRead() {
        assertThat(ValidationErrors.of(() -> service.post(OWNER, "no-such-task", "a\tb"))).containsExactly(
                new FieldError(CommentField.TEXT, "must not contain control characters other than line breaks"));
        assertThat(ValidationErrors.of(() -> service.post(OWNER, "no-such-task", null)))
                .containsExactly(new FieldError(CommentField.TEXT, "is required"));
        assertThat(ValidationErrors.of(() -> service.post(OWNER, "no-such-task", "x".repeat(2001))))
                .containsExactly(new FieldError(CommentField.TEXT, "must be at most 2000 characters"));
        assertThatThrownBy(() -> service.post(OWNER, "no-such-task", "x".repeat(2000)))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void everyUseCaseWritesItsOwnEntryAndAChangeOfNothingNone() {
        Task task = taskService.create(OWNER, NewTask.builder("plan").priority(TaskPriority.LOW).build());
        clock.advance(Duration.ofSeconds(5));
        taskService.update(OWNER, task.id(), TaskChanges.builder().text("plan").priority(TaskPriority.LOW).build());
        taskService.update(OWNER, task.id(), TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build());

        Page<ActivityEntry> activity = taskService.activity(OWNER, task.id(), PageRequest.first(10));
        assertThat(activity.items()).extracting(ActivityEntry::sequence).containsExactly(2L, 1L);
        assertThat(activity.items().get(0).activity()).isEqualTo(new Activity(T0 + 5, OWNER.user(),
                ActivityAction.UPDATED, Map.of(TaskField.STATUS,
                        new FieldChange(Optional.of(TaskStatus.NEW), Optional.of(TaskStatus.IN_PROGRESS))),
                                Optional.empty()));
        assertThat(taskService.get(OWNER, task.id()).version()).isEqualTo(3);
    }

    @Test
    void aRemovedMembersTasksAreUnassignedByWhoRemovedThem() {
        Task task = teamTask();
        taskService.update(OWNER, task.id(), TaskChanges.builder().assignee(EDITOR.user()).build());

        listService.removeMember(OWNER, task.listId().orElseThrow(), EDITOR.user());

        ActivityEntry latest = taskService.activity(OWNER, task.id(), PageRequest.first(1)).items().get(0);
        assertThat(latest.activity().action()).isEqualTo(ActivityAction.ASSIGNED);
        assertThat(latest.activity().actor()).isEqualTo(OWNER.user());
        assertThat(latest.activity().changes())
                .isEqualTo(Map.of(TaskField.ASSIGNEE, new FieldChange(Optional.ofNullable(EDITOR.user()),
                        Optional.empty())));
    }
}
