package io.taskapi.domain;

import java.util.Objects;

/**
 * What an object store holds under a key, as far as the core checks it.
 *
 * @param size        its length in bytes
 * @param contentType the content type it was stored with
 */
public record StoredFile(long size, String contentType) {
    /**
     * Checks that the size is not negative and the content type is given.
     *
     * @param size        its length in bytes
     * @param contentType the content type it was stored with
     * @throws IllegalArgumentException if the size is negative
     */
    public StoredFile {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        Objects.requireNonNull(contentType, "contentType");
    }
}
