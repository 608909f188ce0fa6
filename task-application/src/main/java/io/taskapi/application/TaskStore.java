package io.taskapi.application;

import io.taskapi.domain.Repositories;

/**
 * One technology that keeps the application's data, as a whole: the domain's repositories and the idempotency keys,
 * whether it answers, how it is made ready at startup and how it is released. There is one implementation per
 * technology, and each translates its own failures into the domain's exceptions.
 */
public interface TaskStore extends Repositories, AutoCloseable {
    /**
     * The outcomes of requests that carried an idempotency key.
     *
     * @return the store of idempotency keys
     */
    IdempotencyStore idempotencyKeys();

    /**
     * Where the data lives, in words for a startup message.
     *
     * @return the description
     */
    String description();

    /**
     * Makes the store ready to serve, once at startup: checks that it answers as configured, and creates what it is
     * allowed to create.
     *
     * @throws IllegalArgumentException with one line that names the setting to fix
     */
    void prepare();

    /**
     * Whether the store answers now, for readiness probes; returns within the store's own bounded timeouts.
     *
     * @return whether it answers
     */
    boolean isReachable();

    /** Releases the store's connections, after the last request. */
    @Override
    void close();
}
