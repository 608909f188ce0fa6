package io.taskapi.domain;

/**
 * A list that several people share, and whose tasks they work on together by their {@link ListRole}s.
 *
 * @param id        server-generated id (a time-ordered UUID)
 * @param name      what the list is called, in its stored form
 * @param createdAt creation time in epoch seconds
 * @param updatedAt last change in epoch seconds, never before {@code createdAt}
 * @param version   1 when created, incremented by every change
 */
public record TaskList(String id, String name, long createdAt, long updatedAt, long version) {
    /**
     * Checks that the list keeps its rules, so that a store cannot hand out one that breaks them.
     *
     * @param id        server-generated id (a time-ordered UUID)
     * @param name      what the list is called, in its stored form
     * @param createdAt creation time in epoch seconds
     * @param updatedAt last change in epoch seconds, never before {@code createdAt}
     * @param version   1 when created, incremented by every change
     * @throws IllegalArgumentException if it does not
     */
    public TaskList {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Violations violations = new Violations();
        if (name == null || !name.equals(ListRules.name(name, violations))) {
            violations.requireNone("a list");
            throw new IllegalArgumentException("a list's name must be in its stored form");
        }
        if (createdAt < 0 || updatedAt < createdAt) {
            throw new IllegalArgumentException("timestamps must satisfy 0 <= createdAt <= updatedAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    /**
     * This list renamed at {@code now}, one version later.
     *
     * @param newName the name, in its stored form
     * @param now     the time of the change, in epoch seconds
     * @return the list
     */
    public TaskList renamed(String newName, long now) {
        return new TaskList(id, newName, createdAt, Math.max(now, updatedAt), version + 1);
    }
}
