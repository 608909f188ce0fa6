package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who performs a use case: a user, where their own tasks are kept, and the name others see when they share a list.
 *
 * @param user     the person
 * @param personal the owner of the tasks that are theirs alone (in no list)
 * @param name     their name as their identity provider gives it, if it gives one
 */
public record Actor(UserId user, OwnerId personal, Optional<String> name) {
    /** The one user of a service without authentication. */
    public static final Actor SHARED = new Actor(UserId.SHARED, OwnerId.SHARED, Optional.empty());

    /**
     * Checks that the user and their owner are given, and keeps the name in its stored form.
     *
     * @param user     the person
     * @param personal the owner of the tasks that are theirs alone (in no list)
     * @param name     their name as their identity provider gives it, if it gives one
     * @throws IllegalArgumentException if the name is not one a person may have
     */
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(personal, "personal");
        name = Optional.ofNullable(PersonName.of(name.orElse(null)));
    }

    /**
     * The owner of {@code personal}'s tasks as a user of the same id, without a name: for callers that know no more.
     *
     * @param personal the owner of the user's own tasks
     * @return the actor, {@link #SHARED} for {@link OwnerId#SHARED}
     */
    public static Actor of(OwnerId personal) {
        return personal.equals(OwnerId.SHARED) ? SHARED : new Actor(new UserId(personal.value()), personal,
                Optional.empty());
    }
}
