package io.taskapi.domain;

import java.util.Objects;

/**
 * An invitation as its maker receives it: the code to pass on, which the service keeps no copy of.
 *
 * @param code      the single-use code
 * @param role      the role it gives
 * @param expiresAt when it stops working, in epoch seconds
 */
public record IssuedInvitation(String code, ListRole role, long expiresAt) {
    /**
     * Checks that the code and role are given.
     *
     * @param code      the single-use code
     * @param role      the role it gives
     * @param expiresAt when it stops working, in epoch seconds
     */
    public IssuedInvitation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(role, "role");
    }
}
