package io.taskapi.domain;

import java.util.Objects;

/**
 * An entry of a task's activity as stored: its activity, numbered in the order the store applied the task's changes.
 *
 * @param sequence 1 for the task's creation, then one more for each change; no number is skipped or used twice
 * @param activity what happened
 */
public record ActivityEntry(long sequence, Activity activity) {
    /**
     * Checks that the entry is numbered from 1 and has its activity.
     *
     * @param sequence 1 for the task's creation, then one more for each change; no number is skipped or used twice
     * @param activity what happened
     * @throws IllegalArgumentException if {@code sequence} is less than 1
     */
    public ActivityEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1");
        }
        Objects.requireNonNull(activity, "activity");
    }
}
