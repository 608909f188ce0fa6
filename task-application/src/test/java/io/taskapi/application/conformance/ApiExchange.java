package io.taskapi.application.conformance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as a client saw it, whichever way the API was served.
 *
 * @param status  the HTTP status code
 * @param headers header values by name, matched case-insensitively
 * @param body    the body text
 */
public record ApiExchange(int status, Map<String, List<String>> headers, String body) {
    public ApiExchange {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }
}
