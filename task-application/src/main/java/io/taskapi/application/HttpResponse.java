package io.taskapi.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response as the core produces it; each front door writes it out unchanged.
 *
 * @param status  the HTTP status code
 * @param headers header values by name, in a fixed order, one value per name
 * @param body    the body text (UTF-8 on the wire), empty when there is none
 */
public record HttpResponse(int status, Map<String, String> headers, String body) {
    /**
     * Copies the headers, keeping their order.
     *
     * @param status  the HTTP status code
     * @param headers header values by name, one value per name
     * @param body    the body text, empty when there is none
     */
    public HttpResponse {
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
