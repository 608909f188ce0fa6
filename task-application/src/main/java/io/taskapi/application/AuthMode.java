package io.taskapi.application;

import java.util.function.Function;

/** How a front door learns who calls it ({@code TASKS_AUTH}); the same two words on every front door. */
public enum AuthMode {
    /** No authentication: every request acts on the one shared owner's tasks. */
    NONE,
    /**
     * Each request carries a JSON Web Token, and its {@code sub} is the caller: verified by API Gateway's Cognito
     * authorizer in front of the Lambda function, or by the local server itself.
     */
    JWT;

    /**
     * A parser of {@code none} or {@code jwt}.
     *
     * @return the parser, for a {@link Setting}
     */
    public static Function<String, AuthMode> parser() {
        return Setting.choice("none", NONE, "jwt", JWT);
    }
}
