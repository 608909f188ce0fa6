package io.taskapi.javalin.files;

import io.taskapi.application.CorsPolicy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may upload and download through the {@code /files} routes from another origin: those the API's own
 * CORS policy allows, and this server's own pages under every other name it answers to. The board opened at
 * {@code http://localhost:8080} uploads to URLs signed for {@code http://127.0.0.1:8080}: another origin to the
 * browser, the same server to everyone else.
 */
final class FileCors {
    static final String ALLOWED_METHODS = "GET, HEAD, PUT, OPTIONS";
    /** Content-Length is not asked for: browsers set it themselves and never preflight it. */
    static final String ALLOWED_HEADERS = "Content-Type";
    static final String EXPOSED_HEADERS = "Content-Disposition, X-Request-Id";
    static final String MAX_AGE_SECONDS = "600";

    private final CorsPolicy policy;
    private final Set<String> hosts;
    private volatile Set<String> ownOrigins = Set.of();

    /** @param hosts the names the server answers to besides its own address, lower case, IPv6 ones bracketed */
    FileCors(CorsPolicy policy, Set<String> hosts) {
        this.policy = policy;
        this.hosts = Set.copyOf(hosts);
    }

    /** Learns the port the server listens on, which its own pages' origins name. */
    void listeningOn(int port) {
        Set<String> origins = new HashSet<>();
        for (String host : hosts) {
            origins.add("http://" + host + ":" + port);
        }
        ownOrigins = Set.copyOf(origins);
    }

    /** The {@code Access-Control-Allow-Origin} for a request from {@code origin}, or {@code null} for none. */
    String allowedOrigin(String origin) {
        if (policy.allowedOrigins().contains("*")) {
            return "*";
        }
        if (origin == null) {
            return null;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        return policy.allowedOrigins().contains(lower) || ownOrigins.contains(lower) ? lower : null;
    }

    /** Whether the answer depends on the request's {@code Origin}, so caches must keep one per origin. */
    boolean variesByOrigin() {
        return !policy.allowedOrigins().contains("*");
    }
}
