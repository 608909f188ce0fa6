package io.taskapi.application;

import java.io.OutputStream;
import java.io.PrintStream;

/** Applications for tests, assembled as every composition root assembles them, with a request log that prints nothing. */
public final class TestApplications {
    private TestApplications() {
    }

    /** An application over {@code store} whose request log goes nowhere, and whose files are kept in memory. */
    public static TaskApplication.Builder quiet(TaskStore store) {
        return TaskApplication.builder(store).log(quietLog()).files(new MemoryFileStore());
    }

    /** A request log that prints nothing but still counts. */
    public static RequestLog quietLog() {
        return new RequestLog(new PrintStream(OutputStream.nullOutputStream()));
    }
}
