package io.taskapi.application;

import java.util.List;

/** The API's resources, matched on the request path; the template names the route in logs. */
enum Route {
    TASKS("/tasks", "GET, HEAD, POST, OPTIONS"),
    TASK("/tasks/{id}", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
    /** The operations routes a server process adds; the API itself never matches them. */
    HEALTH("/health", "GET, HEAD"),
    READINESS("/health/ready", "GET, HEAD"),
    METRICS("/metrics", "GET"),
    UNKNOWN("unknown", "");

    private static final String ITEM_PREFIX = "/tasks/";
    /** The length of the ids this API issues: a UUID in its canonical text form. */
    private static final int TASK_ID_LENGTH = 36;

    private final String template;
    private final String allowedMethods;
    private final List<String> methods;

    Route(String template, String allowedMethods) {
        this.template = template;
        this.allowedMethods = allowedMethods;
        this.methods = allowedMethods.isEmpty() ? List.of() : List.of(allowedMethods.split(", "));
    }

    String template() {
        return template;
    }

    /** The value of the {@code Allow} header for this route. */
    String allowedMethods() {
        return allowedMethods;
    }

    boolean allows(String method) {
        return methods.contains(method);
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

    /**
     * Whether {@code id} has the shape of the ids this API issues (a lower-case UUID, hyphens at 8, 13, 18 and 23);
     * anything else cannot name a task, so it is not found without a lookup.
     */
    static boolean isWellFormedTaskId(String id) {
        if (id.length() != TASK_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < TASK_ID_LENGTH; i++) {
            char c = id.charAt(i);
            boolean valid = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            if (!valid) {
                return false;
            }
        }
        return true;
    }
}
