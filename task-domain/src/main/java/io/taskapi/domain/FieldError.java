package io.taskapi.domain;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reason why one field of a request was refused, in words a client can show.
 *
 * @param field   the field
 * @param index   the position of the offending element when the field holds a list, or {@value #WHOLE_FIELD} when
 *                the error is about the field as a whole
 * @param message what is wrong, such as {@code must not be empty}
 */
public record FieldError(Field field, int index, String message) {
    /** The index of an error about a whole field rather than one of its elements. */
    public static final int WHOLE_FIELD = -1;

    /** Errors by field, in each field enum's order; errors of one field keep the order they were found in. */
    static final Comparator<FieldError> BY_FIELD = Comparator.comparingInt(error -> error.field().ordinal());

    /**
     * Checks that the field and message are given and the index is an element's or {@value #WHOLE_FIELD}.
     *
     * @param field   the field
     * @param index   the position of the offending element when the field holds a list, or {@value #WHOLE_FIELD} when
     *                the error is about the field as a whole
     * @param message what is wrong, such as {@code must not be empty}
     * @throws IllegalArgumentException if the index is less than {@value #WHOLE_FIELD}
     */
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (index < WHOLE_FIELD) {
            throw new IllegalArgumentException("an element index is at least 0");
        }
    }

    /**
     * An error about the whole field.
     *
     * @param field   the field
     * @param message what is wrong, such as {@code must not be empty}
     */
    public FieldError(Field field, String message) {
        this(field, WHOLE_FIELD, message);
    }
}
