package io.taskapi.javalin.di;

import io.taskapi.javalin.StoreConnection;

/** The in-memory store: inside this process, so always reachable, and nothing to release. */
final class MemoryStoreConnection implements StoreConnection {
    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public String dataLocation() {
        return "in this process's memory: tasks are lost when the server stops"
                + " (TASKS_STORE=dynamodb keeps them, see --help)";
    }

    @Override
    public void verify() {
        // Nothing can be misconfigured.
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
