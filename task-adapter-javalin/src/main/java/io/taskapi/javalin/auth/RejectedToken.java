package io.taskapi.javalin.auth;

import com.nimbusds.jwt.proc.BadJWTException;

/** A token that failed one of the claim rules, with the short code the request log names it by. */
final class RejectedToken extends BadJWTException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    RejectedToken(String reason) {
        super(reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
