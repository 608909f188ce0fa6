package io.taskapi.domain;

import java.util.Objects;

/**
 * Who performs a use case: a user, where their own tasks are kept, and the name others see when they share a list.
 *
 * @param user     the person
 * @param personal the owner of the tasks that are theirs alone (in no list)
 * @param name     their name as their identity provider gives it, or {@code null}
 */
public record Actor(UserId user, OwnerId personal, String name) {
    /** The one user of a service without authentication. */
    public static final Actor SHARED = new Actor(UserId.SHARED, OwnerId.SHARED, null);

    /**
     * Checks that the user and their owner are given, and keeps the name in its stored form.
     *
     * @param user     the person
     * @param personal the owner of the tasks that are theirs alone (in no list)
     * @param name     their name as their identity provider gives it, or {@code null}
     * @throws IllegalArgumentException if the name is not one a person may have
     */
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(personal, "personal");
        name = PersonName.of(name);
    }

    /**
     * The owner of {@code personal}'s tasks as a user of the same id, without a name: for callers that know no more.
     *
     * @param personal the owner of the user's own tasks
     * @return the actor, {@link #SHARED} for {@link OwnerId#SHARED}
     */
    public static Actor of(OwnerId personal) {
        return personal.equals(OwnerId.SHARED) ? SHARED : new Actor(new UserId(personal.value()), personal, null);
    }
}
