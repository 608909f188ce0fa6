package io.taskapi.domain;

import java.util.List;
import java.util.Objects;

/**
 * One field's change in an entry of a task's activity. Values have the types of {@link Task}'s fields: text and ids as
 * {@link String}, {@link TaskStatus}, {@link TaskPriority}, {@link java.time.LocalDate}, tags as a {@link List} of
 * strings and an assignee as a {@link UserId}; an absent value (no description, no tags, no list) is {@code null}.
 *
 * @param from the value before, or {@code null} when there was none
 * @param to   the value after, or {@code null} when there is none
 */
public record FieldChange(Object from, Object to) {
    /**
     * Checks that the value changes; empty tags count as none.
     *
     * @param from the value before, or {@code null} when there was none
     * @param to   the value after, or {@code null} when there is none
     * @throws IllegalArgumentException if both values are the same
     */
    public FieldChange {
        from = absentAsNull(from);
        to = absentAsNull(to);
        if (Objects.equals(from, to)) {
            throw new IllegalArgumentException("a change changes its value");
        }
    }

    /** Tags are absent when there are none, as a task has none when its list of them is empty. */
    static Object absentAsNull(Object value) {
        return value instanceof List<?> list && list.isEmpty() ? null : value;
    }
}
