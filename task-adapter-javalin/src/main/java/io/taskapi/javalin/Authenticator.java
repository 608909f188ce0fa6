package io.taskapi.javalin;

import io.taskapi.application.Caller;
import java.util.List;
import java.util.Optional;

/** Establishes who sent a request, from its {@code Authorization} headers only, for the core to act on. */
public interface Authenticator {
    /**
     * The caller of a request.
     *
     * @param authorization every {@code Authorization} header value the request has, in order; empty when it has none
     */
    Caller authenticate(List<String> authorization);

    /** The mode in words, for the startup message, such as {@code none (single local owner)}. */
    String description();

    /**
     * Prepares what verifying needs (such as fetching signing keys) once at startup.
     *
     * @return a warning for the operator when something is not ready yet but the server can start anyway
     */
    default Optional<String> warmUp() {
        return Optional.empty();
    }
}
