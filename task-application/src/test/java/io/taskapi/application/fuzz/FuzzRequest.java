package io.taskapi.application.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request, in terms any front door can send.
 *
 * @param method       the HTTP method, possibly an odd one
 * @param path         the raw path, possibly with encoded or odd characters
 * @param query        the raw query string without {@code ?}, or empty
 * @param headers      header names and values, in order; a name may repeat
 * @param body         the raw body bytes, possibly empty
 * @param description  what was generated, for the failure message
 */
public record FuzzRequest(
        String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body,
        String description) {

    /** The path with its query, as it goes on the request line. */
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        String shownBody = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        String shownTarget = target().length() > 200 ? target().substring(0, 200) + "…" : target();
        return method + " " + shownTarget + " headers=" + headers.size() + " body[" + body.length + "]=" + shownBody
                + " (" + description + ")";
    }
}
