package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lazily made file store is made on its first use, once, and then does exactly what the store it made does. */
class FileStoresTest {
    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:00:00Z");
    private static final UploadGrant UPLOAD = new UploadGrant("https://files/up", Map.of("Content-Type", "text/plain"),
            EXPIRES.getEpochSecond());
    private static final DownloadGrant DOWNLOAD = new DownloadGrant("https://files/down", EXPIRES.getEpochSecond());
    private static final StoredFile FILE = new StoredFile(3, "text/plain");

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> calls = new ArrayList<>();
    private final FileStore lazy = FileStores.lazy(() -> {
        made.incrementAndGet();
        return new Recording();
    });

    /** A store that answers fixed values and records each call. */
    private final class Recording implements FileStore {
        @Override
        public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
            calls.add("upload " + key + " " + contentType + " " + size + " " + expiresAt);
            return UPLOAD;
        }

        @Override
        public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
            calls.add("download " + key + " " + filename + " " + contentType + " " + expiresAt);
            return DOWNLOAD;
        }

        @Override
        public void keep(String key) {
            calls.add("keep " + key);
        }

        @Override
        public Optional<StoredFile> stat(String key) {
            calls.add("stat " + key);
            return Optional.of(FILE);
        }

        @Override
        public void delete(String key) {
            calls.add("delete " + key);
        }
    }

    @Test
    void nothingIsMadeUntilTheFirstUseAndThenOnlyOnce() {
        assertThat(made).hasValue(0);

        lazy.stat("k");
        lazy.stat("k");
        lazy.delete("k");

        assertThat(made).hasValue(1);
    }

    @Test
    void everyOperationIsHandedToTheMadeStoreAsItIs() {
        assertThat(lazy.uploadGrant("k1", "text/plain", 3, EXPIRES)).isSameAs(UPLOAD);
        assertThat(lazy.downloadGrant("k2", "a.txt", "text/csv", EXPIRES)).isSameAs(DOWNLOAD);
        assertThat(lazy.stat("k3")).containsSame(FILE);
        lazy.keep("k4");
        lazy.delete("k5");

        assertThat(calls).containsExactly("upload k1 text/plain 3 2026-01-01T00:00:00Z",
                "download k2 a.txt text/csv 2026-01-01T00:00:00Z", "stat k3", "keep k4", "delete k5");
    }
}
