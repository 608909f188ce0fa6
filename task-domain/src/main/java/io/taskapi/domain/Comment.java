package io.taskapi.domain;

import java.util.Objects;

/**
 * A comment on a task. Comments are not edited: their author deletes one and posts another.
 *
 * @param id        a time-ordered id, so that sorting by id sorts by posting
 * @param taskId    the task it is about
 * @param author    who posted it
 * @param text      1 to 2,000 characters, surrounding whitespace removed; line breaks allowed
 * @param createdAt when it was posted, in epoch seconds
 */
public record Comment(String id, String taskId, UserId author, String text, long createdAt) {
    /**
     * Checks that the comment keeps its rules and is in its stored form, so that a store cannot hand out one that
     * breaks them.
     *
     * @param id        a time-ordered id, so that sorting by id sorts by posting
     * @param taskId    the task it is about
     * @param author    who posted it
     * @param text      1 to 2,000 characters, surrounding whitespace removed; line breaks allowed
     * @param createdAt when it was posted, in epoch seconds
     * @throws IllegalArgumentException if it does not
     */
    public Comment {
        if (id == null || id.isBlank() || taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("id and taskId must not be blank");
        }
        Objects.requireNonNull(author, "author");
        if (text == null || !CommentRules.TEXT.problem(text).isEmpty() || !text.equals(TextRule.normalize(text))) {
            throw new IllegalArgumentException("text must be stored in its normalized form and keep its rule");
        }
        if (createdAt < 0) {
            throw new IllegalArgumentException("createdAt must not be negative");
        }
    }
}
