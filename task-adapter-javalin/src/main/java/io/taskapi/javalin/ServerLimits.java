package io.taskapi.javalin;

import java.time.Duration;

/**
 * The server's deliberate bounds on what one client, or a burst of clients, can hold. Request bodies are bounded
 * separately, by the API core ({@code HttpRequest.MAX_BODY_BYTES}, 64 KiB).
 *
 * @param maxRequestHeaderBytes request line and headers together; more is answered with 431
 * @param idleTimeout           a connection that sends or receives nothing for this long is closed, so stalled
 *                              clients do not hold threads
 * @param maxConcurrentRequests requests handled at the same time; more wait in a queue
 * @param maxQueuedRequests     requests that may wait for a slot; beyond that they are answered with 503 at once
 * @param maxQueueWait          how long a request waits for a slot before it is answered with 503
 * @param maxPlatformThreads    the platform thread pool on Java 17 to 20; it leaves room above
 *                              {@code maxConcurrentRequests} for Jetty's acceptor and selector threads
 * @param stopTimeout           how long a shutdown waits for in-flight requests before closing them
 */
public record ServerLimits(
        int maxRequestHeaderBytes, Duration idleTimeout, int maxConcurrentRequests, int maxQueuedRequests,
        Duration maxQueueWait, int maxPlatformThreads, Duration stopTimeout) {

    /** The limits of the local server. */
    public static final ServerLimits DEFAULTS = new ServerLimits(
            8 * 1024, Duration.ofSeconds(30), 200, 500, Duration.ofSeconds(10), 250, Duration.ofSeconds(10));

    public ServerLimits {
        if (maxRequestHeaderBytes < 1024 || maxConcurrentRequests < 1 || maxQueuedRequests < 0
                || maxPlatformThreads < maxConcurrentRequests) {
            throw new IllegalArgumentException("unusable server limits");
        }
        requirePositive(idleTimeout);
        requirePositive(maxQueueWait);
        requirePositive(stopTimeout);
    }

    private static void requirePositive(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("server timeouts must be positive");
        }
    }
}
