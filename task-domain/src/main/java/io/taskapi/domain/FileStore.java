package io.taskapi.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which the core keeps the bytes of attachments: an object store that clients upload to and download
 * from directly, through URLs this port signs, so that no file passes through the service. Keys are the core's own
 * (never derived from a filename); every URL expires.
 *
 * <p>Implementations translate their technology's failures into {@link TaskException}s; an unavailable store is a
 * {@link StoreUnavailableException}. Signing a URL is local work: it never calls the store.
 */
public interface FileStore {

    /**
     * A URL that accepts exactly one upload of the object {@code key}: a {@code PUT} of {@code size} bytes of
     * {@code contentType}, both part of what is signed, until {@code expiresAt}.
     *
     * @param key         the object's key
     * @param contentType the media type the upload must declare
     * @param size        the length in bytes the upload must have
     * @param expiresAt   when the URL stops working
     * @return the URL and the headers the upload must carry
     */
    UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt);

    /**
     * A URL that downloads the object {@code key} until {@code expiresAt}, served as an attachment named
     * {@code filename} ({@code Content-Disposition: attachment}) with {@code contentType}, so that no stored file is
     * ever shown inline in a browser.
     *
     * @param key         the object's key
     * @param filename    the name the browser saves the file as
     * @param contentType the media type it is served with
     * @param expiresAt   when the URL stops working
     * @return the URL
     */
    DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt);

    /**
     * Keeps an uploaded object for good. Until then it is pending: a store removes an object whose upload was never
     * completed a day after it was granted, so that abandoned uploads cost nothing for long.
     *
     * @param key the object's key
     */
    void keep(String key);

    /**
     * The stored object's size and content type, or empty when nothing is stored under {@code key}.
     *
     * @param key the object's key
     * @return what is stored, or empty
     */
    Optional<StoredFile> stat(String key);

    /**
     * Deletes the object {@code key}; deleting one that does not exist is not an error.
     *
     * @param key the object's key
     */
    void delete(String key);
}
