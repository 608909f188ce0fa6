package io.taskapi.domain;

import java.time.Clock;
import java.util.Objects;

/**
 * The use cases of comments: whoever may read a task may comment on it and read its comments; a comment is deleted by
 * its author or by an owner of the task's list. Each post and deletion is an entry of the task's activity.
 */
public final class CommentService {
    private final TaskRepository repository;
    private final ListGate lists;
    private final TaskGate tasks;
    private final Clock clock;
    private final IdGenerator ids;
    private final PageTokenSealer pageTokens;

    /**
     * The use cases of comments on the tasks in {@code repository}.
     *
     * @param repository where the tasks and their comments are kept
     * @param lists      where the lists and their members are kept
     * @param clock      the time of every post and deletion
     * @param ids        the ids of new comments
     * @param pageTokens what seals and opens the page tokens of listings
     */
    public CommentService(TaskRepository repository, ListRepository lists, Clock clock, IdGenerator ids,
            PageTokenSealer pageTokens) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.lists = new ListGate(Objects.requireNonNull(lists, "lists"));
        this.tasks = new TaskGate(repository, this.lists);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
    }

    /**
     * Posts a comment on a task the actor may read and returns it as stored.
     *
     * @param actor  who posts it
     * @param taskId the task's id
     * @param text   the comment
     * @return the comment as stored
     * @throws ValidationException   on {@link CommentField#TEXT} if the text is missing or breaks its rule
     * @throws TaskNotFoundException if there is no such task the actor may read
     */
    public Comment post(Actor actor, String taskId, String text) {
        String stored = CommentRules.requireText(text);
        Task task = tasks.readable(actor, taskId);
        Comment comment = new Comment(ids.newId(), taskId, actor.user(), stored, clock.instant().getEpochSecond());
        repository.addComment(task.scope(actor.personal()), comment);
        return comment;
    }

    /**
     * One page of the comments on a task the actor may read, oldest first.
     *
     * @param actor  who reads them
     * @param taskId the task's id
     * @param page   which page
     * @return the page
     * @throws TaskNotFoundException if there is no such task the actor may read
     * @throws ValidationException   on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                               for the same actor and task
     */
    public Page<Comment> list(Actor actor, String taskId, PageRequest page) {
        Task task = tasks.readable(actor, taskId);
        return pageTokens.page(actor.personal(), "comments=" + taskId, page.token(),
                after -> repository.comments(task.scope(actor.personal()), taskId, page.limit(), after));
    }

    /**
     * Deletes a comment: its author may, and so may an owner of the task's list.
     *
     * @param actor     who deletes it
     * @param taskId    the task's id
     * @param commentId the comment's id
     * @throws TaskNotFoundException    if there is no such task the actor may read
     * @throws CommentNotFoundException if the task has no such comment
     * @throws RoleRequiredException    if the actor neither wrote it nor owns the task's list
     */
    public void delete(Actor actor, String taskId, String commentId) {
        Task task = tasks.readable(actor, taskId);
        TaskScope scope = task.scope(actor.personal());
        Comment comment = repository.findComment(scope, taskId, commentId).orElseThrow(CommentNotFoundException::new);
        if (!comment.author().equals(actor.user())) {
            boolean owner = task.listId()
                    .map(listId -> ListGate.may(lists.member(actor, listId, TaskNotFoundException::new), actor,
                            ListRole.OWNER))
                    .orElse(false);
            if (!owner) {
                throw new RoleRequiredException(ListRole.OWNER,
                        "Only the comment's author or an owner of the list can delete it");
            }
        }
        repository.deleteComment(scope, taskId, commentId, actor.user(), clock.instant().getEpochSecond());
    }
}
