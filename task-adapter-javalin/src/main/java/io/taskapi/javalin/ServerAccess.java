package io.taskapi.javalin;

import java.util.Set;

/**
 * Who may reach what on the local server.
 *
 * @param hosts                  the host names the server answers for, lower case and without a port; empty answers
 *                               every name
 * @param metricsForLoopbackOnly whether {@code /metrics} answers clients on this machine only
 */
public record ServerAccess(Set<String> hosts, boolean metricsForLoopbackOnly) {
    /** Every host name, and metrics for every client: for a server whose users each hold a token. */
    public static final ServerAccess OPEN = new ServerAccess(Set.of(), false);

    public ServerAccess {
        hosts = Set.copyOf(hosts);
    }
}
