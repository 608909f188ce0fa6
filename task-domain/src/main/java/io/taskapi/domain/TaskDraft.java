package io.taskapi.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A task's fields being written, by a new task or by a change: one setter per {@link TaskField}, each taking the value
 * as it is given; the last call for a field wins. What is built from it checks every rule at once.
 *
 * @param <D> the builder, returned by each setter for chaining
 */
public abstract class TaskDraft<D extends TaskDraft<D>> {
    /** Stands for a field a change removes. */
    static final Object REMOVED = new Object();

    private final Map<TaskField, Object> values = new EnumMap<>(TaskField.class);

    TaskDraft() {
    }

    // One setter a field: a new field of a task is one more setter here. Each refuses null: a change removes a field
    // by naming it, never by a null value.

    /**
     * What is to be done.
     *
     * @param value the text, surrounding whitespace removed when checked
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D text(String value) { return put(TaskField.TEXT, value); }

    /**
     * Where the task stands.
     *
     * @param value the status
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D status(TaskStatus value) { return put(TaskField.STATUS, value); }

    /**
     * How urgent the task is.
     *
     * @param value the priority
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D priority(TaskPriority value) { return put(TaskField.PRIORITY, value); }

    /**
     * A longer text.
     *
     * @param value the description, surrounding whitespace removed when checked
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D description(String value) { return put(TaskField.DESCRIPTION, value); }

    /**
     * The day the task is due.
     *
     * @param value the day
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D dueDate(LocalDate value) { return put(TaskField.DUE_DATE, value); }

    /**
     * Tags, in the order given; for a change, an empty list removes them all.
     *
     * @param value the tags, copied; an element that is {@code null} is reported when checked
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D tags(List<String> value) { return put(TaskField.TAGS, value == null ? null : copy(value)); }

    /**
     * The shared list of the task, by its id.
     *
     * @param value the list's id
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D listId(String value) { return put(TaskField.LIST_ID, value); }

    /**
     * The member the task is assigned to.
     *
     * @param value the member
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public final D assignee(UserId value) { return put(TaskField.ASSIGNEE, value); }

    /** A copy of a list that may hold nulls, which the rules report rather than refuse at once. */
    private static List<String> copy(List<String> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Sets {@code field} to {@code value}, or to {@link #REMOVED}. */
    final D put(TaskField field, Object value) {
        values.put(field, Objects.requireNonNull(value, field.name()));
        @SuppressWarnings("unchecked")
        D self = (D) this;
        return self;
    }

    /** The fields named so far. */
    final Set<TaskField> named() {
        return values.keySet();
    }

    /** The value given for {@code field}, {@link #REMOVED}, or {@code null} when it was not named. */
    @SuppressWarnings("unchecked")
    final <T> T value(TaskField field) {
        return (T) values.get(field);
    }
}
