package io.taskapi.javalin;

/** The task store as the server process sees it: what and where it is, whether it answers, and its release. */
public interface StoreConnection extends AutoCloseable {
    /** The store's kind as configured, such as {@code memory} or {@code dynamodb}. */
    String kind();

    /** Where the tasks live, in words for the startup message. */
    String dataLocation();

    /**
     * Checks once at startup that the store can be used as configured.
     *
     * @throws IllegalArgumentException with one line naming the setting to fix
     */
    void verify();

    /** Whether the store answers now, for readiness probes; returns within the store's own bounded timeouts. */
    boolean isReachable();

    /** Releases the store's connections; the server calls it after its last request. */
    @Override
    void close();
}
