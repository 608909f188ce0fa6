package io.taskapi.application;

import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileStore} in memory for tests of the core, whose URLs ({@code memory://<store>/<key>}) only
 * {@link #put} and {@link #get} serve: every store is found again by its URLs, so a suite can upload and download
 * through whatever transport made the grant. Like the S3 engines that run here, it checks no signature: what it
 * checks is that an upload comes before its grant expires, and what it stores is what was sent.
 */
public final class MemoryFileStore implements FileStore {
    private static final Map<String, MemoryFileStore> STORES = new ConcurrentHashMap<>();
    private final String name = UUID.randomUUID().toString();
    private final Map<String, Stored> files = new ConcurrentHashMap<>();

    private record Stored(byte[] bytes, String contentType, boolean kept) {
    }

    public MemoryFileStore() {
        STORES.put(name, this);
    }

    /** Whether {@code url} is one of these stores'. */
    public static boolean serves(String url) {
        return url.startsWith("memory://");
    }

    /** Stores {@code bytes} as the upload {@code url} grants, with the content type the upload was sent with. */
    public static void put(String url, String contentType, byte[] bytes) {
        URI uri = URI.create(url);
        STORES.get(uri.getHost()).files.put(uri.getPath().substring(1), new Stored(bytes.clone(), contentType, false));
    }

    /** The bytes {@code url} downloads, or {@code null} when nothing is there. */
    public static byte[] get(String url) {
        URI uri = URI.create(url);
        Stored stored = STORES.get(uri.getHost()).files.get(uri.getPath().substring(1));
        return stored == null ? null : stored.bytes().clone();
    }

    /** Forgets every file. */
    public void clear() {
        files.clear();
    }

    @Override
    public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
        return new UploadGrant("memory://" + name + "/" + key, Map.of("Content-Type", contentType,
                "Content-Length", Long.toString(size)), expiresAt.getEpochSecond());
    }

    @Override
    public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
        return new DownloadGrant("memory://" + name + "/" + key, expiresAt.getEpochSecond());
    }

    @Override
    public void keep(String key) {
        files.computeIfPresent(key, (k, stored) -> new Stored(stored.bytes(), stored.contentType(), true));
    }

    @Override
    public Optional<StoredFile> stat(String key) {
        return Optional.ofNullable(files.get(key))
                .map(stored -> new StoredFile(stored.bytes().length, stored.contentType()));
    }

    @Override
    public void delete(String key) {
        files.remove(key);
    }
}
