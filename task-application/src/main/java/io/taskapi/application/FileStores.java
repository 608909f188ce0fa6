package io.taskapi.application;

import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Ways of handing a {@link FileStore} to the application. */
public final class FileStores {
    private FileStores() {
    }

    /**
     * A file store made on its first use: a front door whose requests mostly never touch attachments does not pay for
     * loading and building an object store's client when it starts.
     *
     * @param make makes the store, once, on the first call of any of its methods
     * @return the store that delegates to the one made
     */
    public static FileStore lazy(Supplier<? extends FileStore> make) {
        return new Lazy(Objects.requireNonNull(make, "make"));
    }

    private static final class Lazy implements FileStore {
        private final Supplier<? extends FileStore> make;
        private volatile FileStore made;

        Lazy(Supplier<? extends FileStore> make) {
            this.make = make;
        }

        private FileStore store() {
            FileStore store = made;
            if (store == null) {
                synchronized (this) {
                    if (made == null) {
                        made = make.get();
                    }
                    store = made;
                }
            }
            return store;
        }

        @Override
        public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
            return store().uploadGrant(key, contentType, size, expiresAt);
        }

        @Override
        public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
            return store().downloadGrant(key, filename, contentType, expiresAt);
        }

        @Override
        public void keep(String key) {
            store().keep(key);
        }

        @Override
        public Optional<StoredFile> stat(String key) {
            return store().stat(key);
        }

        @Override
        public void delete(String key) {
            store().delete(key);
        }
    }
}
