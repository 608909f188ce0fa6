package io.taskapi.javalin.auth;

import io.taskapi.domain.OwnerId;
import io.taskapi.application.Caller;
import io.taskapi.javalin.Authenticator;
import java.util.List;

/** {@code TASKS_AUTH=none}: no authentication; every request acts on the one local owner's tasks. */
public final class SharedOwner implements Authenticator {
    /** How the startup message names this mode. */
    public static final String DESCRIPTION = "none (single local owner)";

    private static final Caller OWNER = Caller.owner(OwnerId.SHARED);

    @Override
    public Caller authenticate(List<String> authorization) {
        return OWNER;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }
}
