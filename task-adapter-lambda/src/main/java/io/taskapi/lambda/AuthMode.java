package io.taskapi.lambda;

import java.util.Locale;

/** How the function learns who calls it ({@code TASKS_AUTH}). */
public enum AuthMode {
    /**
     * API Gateway's Cognito authorizer has verified the caller's token: the caller is the {@code sub} claim the
     * authorizer puts in the request context. An event without one is refused with 401, never served as a shared owner.
     */
    COGNITO,
    /** No authentication: every request acts on the one shared owner's tasks. For demos only. */
    NONE;

    /**
     * The mode a {@code TASKS_AUTH} value names.
     *
     * @throws IllegalArgumentException for anything but {@code cognito} or {@code none}
     */
    public static AuthMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "cognito" -> COGNITO;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("TASKS_AUTH must be cognito or none, got: " + value);
        };
    }
}
