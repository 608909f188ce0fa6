package io.taskapi.http;

import java.util.regex.Pattern;

/** The API's resources, matched on the request path; the template names the route in logs. */
enum Route {
    TASKS("/tasks", "GET, HEAD, POST, OPTIONS"),
    TASK("/tasks/{id}", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
    UNKNOWN("unknown", "");

    private static final String ITEM_PREFIX = "/tasks/";
    /** The shape of ids this API issues; anything else cannot name a task, so it is not found without a lookup. */
    private static final Pattern TASK_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String template;
    private final String allowedMethods;

    Route(String template, String allowedMethods) {
        this.template = template;
        this.allowedMethods = allowedMethods;
    }

    String template() {
        return template;
    }

    /** The value of the {@code Allow} header for this route. */
    String allowedMethods() {
        return allowedMethods;
    }

    boolean allows(String method) {
        for (String allowed : allowedMethods.split(", ")) {
            if (allowed.equals(method)) {
                return true;
            }
        }
        return false;
    }

    static Route match(String path) {
        if (path.equals("/tasks")) {
            return TASKS;
        }
        if (path.startsWith(ITEM_PREFIX) && path.length() > ITEM_PREFIX.length()
                && path.indexOf('/', ITEM_PREFIX.length()) < 0) {
            return TASK;
        }
        return UNKNOWN;
    }

    /** The id segment of a {@link #TASK} path. */
    static String taskId(String path) {
        return path.substring(ITEM_PREFIX.length());
    }

    static boolean isWellFormedTaskId(String id) {
        return TASK_ID.matcher(id).matches();
    }
}
