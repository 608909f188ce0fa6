package io.taskapi.http;

/** The task fields a request body named, as raw strings; {@code null} where the body did not name a field. */
record TaskFields(String task, String status, String priority) {
}
