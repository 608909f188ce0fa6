package io.taskapi.domain;

import java.util.Map;
import java.util.Objects;

/**
 * How a client uploads a file: a {@code PUT} of its bytes to {@code url} with exactly {@code headers}.
 *
 * @param url       the signed URL
 * @param headers   the headers the upload must carry, as signed (at least its content type and length)
 * @param expiresAt when the URL stops working, in epoch seconds
 */
public record UploadGrant(String url, Map<String, String> headers, long expiresAt) {
    /**
     * Checks that the URL is given and copies the headers.
     *
     * @param url       the signed URL
     * @param headers   the headers the upload must carry, as signed (at least its content type and length)
     * @param expiresAt when the URL stops working, in epoch seconds
     */
    public UploadGrant {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }
}
