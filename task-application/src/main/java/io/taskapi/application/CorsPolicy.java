package io.taskapi.application;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which browser origins other than the API's own may call it, and the CORS headers that say so on every response.
 * Pages served by the API's own origin (the local server's task board) need no CORS header to call it.
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.com}, the single entry {@code *}, or none
 *                       ({@link #ownOriginOnly()})
 */
public record CorsPolicy(List<String> allowedOrigins) {
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match";
    static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id";
    static final String MAX_AGE_SECONDS = "600";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ORIGIN =
            Pattern.compile("https?://(" + LABEL + "(?:\\." + LABEL + ")*)(?::([0-9]{1,5}))?");

    /**
     * Copies the origins; {@code *} stands alone.
     *
     * @param allowedOrigins exact origins, the single entry {@code *}, or none
     */
    public CorsPolicy {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (allowedOrigins.contains("*") && allowedOrigins.size() > 1) {
            throw new IllegalArgumentException("* cannot be combined with other origins");
        }
    }

    /**
     * Any origin may call.
     *
     * @return the policy of the single entry {@code *}
     */
    public static CorsPolicy anyOrigin() {
        return new CorsPolicy(List.of("*"));
    }

    /**
     * No other origin may call: a web page elsewhere can neither read an answer nor send a preflighted request.
     *
     * @return the policy without origins
     */
    public static CorsPolicy ownOriginOnly() {
        return new CorsPolicy(List.of());
    }

    /**
     * A policy from configuration text: {@code *} or a comma-separated list of origins.
     *
     * @param origins the text
     * @return the policy of those origins, each in the case browsers send it
     * @throws IllegalArgumentException if the text names no origin or an origin is not {@code scheme://host[:port]}
     */
    public static CorsPolicy parse(String origins) {
        List<String> list = Arrays.stream(origins.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .map(CorsPolicy::canonicalOrigin)
                .toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed origin (or *) is required");
        }
        return new CorsPolicy(list);
    }

    /** An origin as browsers send it (scheme and host in lower case), or an exception if no browser could send it. */
    private static String canonicalOrigin(String origin) {
        if (origin.equals("*")) {
            return origin;
        }
        Matcher parts = ORIGIN.matcher(origin);
        boolean valid = parts.matches();
        if (valid && parts.group(2) != null) {
            int port = Integer.parseInt(parts.group(2));
            valid = port >= 1 && port <= 65_535;
        }
        if (!valid) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
        }
        return origin.toLowerCase(Locale.ROOT);
    }

    /** Adds the headers every response carries. */
    void addResponseHeaders(HttpRequest request, Map<String, String> headers) {
        if (allowedOrigins.contains("*")) {
            headers.put("Access-Control-Allow-Origin", "*");
        } else {
            request.header("Origin")
                    .map(origin -> origin.toLowerCase(Locale.ROOT))
                    .filter(allowedOrigins::contains)
                    .ifPresent(origin -> headers.put("Access-Control-Allow-Origin", origin));
            // The answer depends on the Origin header, so caches must keep one copy per origin.
            headers.put("Vary", "Origin");
        }
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    /** Adds what a preflight answer carries besides the response headers. */
    void addPreflightHeaders(String allowedMethods, Map<String, String> headers) {
        headers.put("Access-Control-Allow-Methods", allowedMethods);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }
}
