package io.taskapi.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field's change in an entry of a task's activity. Values have the types of {@link Task}'s fields: text and ids as
 * {@link String}, {@link TaskStatus}, {@link TaskPriority}, {@link java.time.LocalDate}, tags as a {@link List} of
 * strings and an assignee as a {@link UserId}; an absent value (no description, no tags, no list) is empty.
 *
 * @param from the value before; empty when there was none
 * @param to   the value after; empty when there is none
 */
public record FieldChange(Optional<Object> from, Optional<Object> to) {
    /**
     * Checks that the value changes; empty tags count as none.
     *
     * @param from the value before; empty when there was none
     * @param to   the value after; empty when there is none
     * @throws IllegalArgumentException if both values are the same
     */
    public FieldChange {
        from = Objects.requireNonNull(from, "from").map(FieldChange::absentAsNull);
        to = Objects.requireNonNull(to, "to").map(FieldChange::absentAsNull);
        if (from.equals(to)) {
            throw new IllegalArgumentException("a change changes its value");
        }
    }

    /**
     * The change from {@code from} to {@code to}, either of which may be {@code null} for no value: how the core, which
     * reads fields as plain values, records one.
     */
    static FieldChange between(Object from, Object to) {
        return new FieldChange(Optional.ofNullable(from), Optional.ofNullable(to));
    }

    /** Tags are absent when there are none, as a task has none when its list of them is empty. */
    static Object absentAsNull(Object value) {
        return value instanceof List<?> list && list.isEmpty() ? null : value;
    }
}
