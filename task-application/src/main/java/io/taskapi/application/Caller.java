package io.taskapi.application;

import io.taskapi.domain.Actor;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request, as its front door established it before handing the request to the core. The core never reads
 * identity from the path, body, query or a header: a front door authenticates (a verified token, an API Gateway
 * authorizer's claims, or a fixed owner when it runs without authentication) and says here what it found. Only an
 * {@link Authenticated} caller reaches a task; the others are answered 401 or 503 by the core, which alone renders
 * those answers, so every front door refuses alike.
 */
public sealed interface Caller {
    /** The prefix of the owner of a signed-in user's tasks, which keeps user owners apart from {@link OwnerId#SHARED}. */
    String USER_PREFIX = "user:";
    /** The claims that may name a user, in order of preference. */
    java.util.List<String> NAME_CLAIMS = java.util.List.of("name", "email", "cognito:username");

    /** The caller acts as {@code actor}: a user, with their own tasks and the lists they are a member of. */
    record Authenticated(Actor actor) implements Caller {
        /**
         * Requires an actor.
         *
         * @param actor the user the caller acts as
         */
        public Authenticated {
            Objects.requireNonNull(actor, "actor");
        }

        /**
         * The owner of the caller's own tasks.
         *
         * @return the actor's personal owner
         */
        public OwnerId owner() {
            return actor.personal();
        }
    }

    /** The request carries no credentials the API accepts (RFC 6750: no error code in the challenge). */
    record Anonymous() implements Caller {
    }

    /**
     * The request's credentials failed verification (malformed, badly signed, expired, for another issuer or
     * audience...). The client is only told that its token is invalid; {@code reason} is for the request log.
     *
     * @param reason a short code such as {@code expired}, logged, never sent to the client
     */
    record Rejected(String reason) implements Caller {
        /**
         * Keeps the reason only if it is a short code; otherwise it becomes {@code unspecified}.
         *
         * @param reason a short code such as {@code expired}
         */
        public Rejected {
            reason = Caller.logSafe(reason);
        }
    }

    /**
     * The request's credentials cannot be verified now, for example because the keys that sign tokens cannot be
     * fetched; the client may retry.
     *
     * @param reason a short code for the request log
     */
    record Unverifiable(String reason) implements Caller {
        /**
         * Keeps the reason only if it is a short code; otherwise it becomes {@code unspecified}.
         *
         * @param reason a short code for the request log
         */
        public Unverifiable {
            reason = Caller.logSafe(reason);
        }
    }

    /**
     * A caller acting as the owner of {@code owner}'s tasks, with the owner's id as their user id, such as the one user
     * of a service without authentication ({@link OwnerId#SHARED}, the user {@link UserId#SHARED}).
     *
     * @param owner the owner whose tasks the caller acts on
     * @return an authenticated caller
     */
    static Caller owner(OwnerId owner) {
        return new Authenticated(Actor.of(owner));
    }

    /**
     * A signed-in user, by the subject ({@code sub}) its identity provider vouches for, which is their user id: the
     * owner of their own tasks is {@code user:<subject>}, the same on every front door, so the Lambda function and the
     * local server serve the same user the same tasks. A subject no id can hold is a rejected credential, and so is
     * {@code shared}, the user id of a service without authentication, so that the two can never meet.
     *
     * @param subject the subject of the credentials
     * @param name    the user's name from the credentials ({@link #nameOf}), or {@code null}
     * @return an authenticated caller, or a rejected one when the subject cannot be a user id
     */
    static Caller user(String subject, String name) {
        if (subject == null || subject.isBlank()) {
            return new Rejected("no_subject");
        }
        if (subject.equals(UserId.SHARED.value())) {
            return new Rejected("reserved_subject");
        }
        try {
            return new Authenticated(new Actor(new UserId(subject), new OwnerId(USER_PREFIX + subject),
                    Optional.ofNullable(name)));
        } catch (IllegalArgumentException e) {
            return new Rejected("unusable_subject");
        }
    }

    /**
     * A signed-in user whose credentials name no name.
     *
     * @param subject the subject of the credentials
     * @return an authenticated caller, or a rejected one when the subject cannot be a user id
     */
    static Caller user(String subject) {
        return user(subject, null);
    }

    /**
     * The name by which others see a user, from the claims of their token: {@code name}, else {@code email}, else
     * {@code cognito:username}; {@code null} when none is a non-blank string.
     *
     * @param claims the value of each claim by name, {@code null} for a claim the token lacks
     * @return the name, or {@code null}
     */
    static String nameOf(java.util.function.Function<String, Object> claims) {
        for (String claim : NAME_CLAIMS) {
            if (claims.apply(claim) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * A request without credentials the API accepts.
     *
     * @return an {@link Anonymous} caller
     */
    static Caller anonymous() {
        return new Anonymous();
    }

    /**
     * A request whose credentials failed verification.
     *
     * @param reason a short code for the request log, such as {@code expired}
     * @return a {@link Rejected} caller
     */
    static Caller rejected(String reason) {
        return new Rejected(reason);
    }

    /**
     * A request whose credentials cannot be verified now.
     *
     * @param reason a short code for the request log
     * @return an {@link Unverifiable} caller
     */
    static Caller unverifiable(String reason) {
        return new Unverifiable(reason);
    }

    /** A reason as the log may hold it: a short lower-case code, so that no token text can reach a log line. */
    private static String logSafe(String reason) {
        boolean safe = reason != null && !reason.isEmpty() && reason.length() <= 40
                && reason.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
        return safe ? reason : "unspecified";
    }
}
