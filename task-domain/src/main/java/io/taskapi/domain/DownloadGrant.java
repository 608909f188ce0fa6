package io.taskapi.domain;

import java.util.Objects;

/**
 * How a client downloads a file: a {@code GET} of {@code url}.
 *
 * @param url       the signed URL
 * @param expiresAt when the URL stops working, in epoch seconds
 */
public record DownloadGrant(String url, long expiresAt) {
    /**
     * Checks that the URL is given.
     *
     * @param url       the signed URL
     * @param expiresAt when the URL stops working, in epoch seconds
     */
    public DownloadGrant {
        Objects.requireNonNull(url, "url");
    }
}
