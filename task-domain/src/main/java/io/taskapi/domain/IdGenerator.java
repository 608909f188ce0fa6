package io.taskapi.domain;

/** The source of new task ids; injected so tests can make ids deterministic. */
@FunctionalInterface
public interface IdGenerator {
    /**
     * A new id, never returned before.
     *
     * @return the id
     */
    String newId();
}
