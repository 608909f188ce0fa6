package io.taskapi.application;

import java.util.ArrayList;
import java.util.List;

/** The API's resources, matched on the request path; the template names the route in logs. */
enum Route {
    TASKS("/tasks", "GET, HEAD, POST, OPTIONS"),
    TASK("/tasks/{id}", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
    COMMENTS("/tasks/{id}/comments", "GET, HEAD, POST, OPTIONS"),
    COMMENT("/tasks/{id}/comments/{comment_id}", "DELETE, OPTIONS"),
    ACTIVITY("/tasks/{id}/activity", "GET, HEAD, OPTIONS"),
    ATTACHMENTS("/tasks/{id}/attachments", "GET, HEAD, POST, OPTIONS"),
    ATTACHMENT("/tasks/{id}/attachments/{attachment_id}", "GET, HEAD, DELETE, OPTIONS"),
    ATTACHMENT_COMPLETE("/tasks/{id}/attachments/{attachment_id}/complete", "POST, OPTIONS"),
    ME("/me", "GET, HEAD, OPTIONS"),
    LISTS("/lists", "GET, HEAD, POST, OPTIONS"),
    LIST("/lists/{id}", "GET, HEAD, PATCH, DELETE, OPTIONS"),
    MEMBERS("/lists/{id}/members", "GET, HEAD, OPTIONS"),
    MEMBER("/lists/{id}/members/{user_id}", "PUT, DELETE, OPTIONS"),
    INVITATIONS("/lists/{id}/invitations", "POST, OPTIONS"),
    INVITATION("/invitations/{code}", "POST, OPTIONS"),
    /** The operations routes a server process adds; the API itself never matches them. */
    HEALTH("/health", "GET, HEAD"),
    READINESS("/health/ready", "GET, HEAD"),
    METRICS("/metrics", "GET"),
    UNKNOWN("unknown", "");

    /** The routes of the API itself, which {@link #match} tries in this order. */
    private static final Route[] API = {TASKS, TASK, COMMENTS, COMMENT, ACTIVITY, ATTACHMENTS, ATTACHMENT,
        ATTACHMENT_COMPLETE, ME, LISTS, LIST, MEMBERS, MEMBER, INVITATIONS, INVITATION};
    /** The length of the ids this API issues: a UUID in its canonical text form. */
    private static final int ID_LENGTH = 36;

    private final String template;
    private final String[] segments;
    private final String allowedMethods;
    private final List<String> methods;

    Route(String template, String allowedMethods) {
        this.template = template;
        this.segments = template.substring(1).split("/");
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
        for (Route route : API) {
            if (route.parameters(path) != null) {
                return route;
            }
        }
        return UNKNOWN;
    }

    /**
     * The values of the template's variable segments in {@code path}, in order, or {@code null} when the path is not
     * this route's. A variable segment matches any non-empty segment; the others match exactly.
     */
    List<String> parameters(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] given = path.substring(1).split("/", -1);
        if (given.length != segments.length) {
            return null;
        }
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                values.add(given[i]);
            } else if (!segments[i].equals(given[i])) {
                return null;
            }
        }
        return values;
    }

    /**
     * Whether {@code id} has the shape of the ids this API issues for tasks and lists (a lower-case UUID, hyphens at 8,
     * 13, 18 and 23); anything else cannot name one, so it is not found without a lookup.
     */
    static boolean isWellFormedId(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
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
