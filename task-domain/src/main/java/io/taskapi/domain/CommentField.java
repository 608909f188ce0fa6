package io.taskapi.domain;

/** The fields of a request that posts a comment. */
public enum CommentField implements Field {
    /** The comment: required, 1 to 2,000 characters, line breaks allowed. */
    TEXT
}
