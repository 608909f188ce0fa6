package io.taskapi.javalin.files;

import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.UploadGrant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link FileStore} in a folder of this machine, whose signed URLs the server's own {@code /files} routes serve.
 *
 * <p>Each file is a folder {@code <root>/<taskId>/<attachmentId>/} holding {@code content} (the bytes), {@code meta}
 * (its content type and when it was uploaded) and, once kept, an empty {@code kept}. An upload is written into a
 * folder of its own under {@code <root>/.tmp/} and then renamed into place, so a file is there whole or not at all, and
 * of two uploads to one key only the first is stored; a deletion renames it away first for the same reason.
 */
final class DiskFileStore implements FileStore {
    /** How long a file that was never kept is left before {@link #cleanup()} removes it, as the port promises. */
    static final Duration PENDING_LIFETIME = Duration.ofDays(1);
    /** Uploads being written and files being deleted; never a UUID, so never taken for a task's folder. */
    static final String WORK = ".tmp";
    private static final String CONTENT = "content";
    private static final String META = "meta";
    private static final String KEPT = "kept";
    private static final String TYPE = "content-type";
    private static final String UPLOADED = "uploaded-at";
    /** {@code type/subtype} of token characters, with no parameters: what the core allows, and safe in a header. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]*/[A-Za-z0-9][A-Za-z0-9.+_-]*");
    private static final int MAX_FILENAME_CHARS = 1024;
    private static final int MOVE_ATTEMPTS = 3;

    private final Path root;
    private final Path work;
    private final FileUrls urls;
    private final Clock clock;

    /** What happened to an upload. */
    enum Received { STORED, ALREADY_STORED, TOO_LARGE, TOO_SMALL }

    /** A stored file opened for reading: its bytes, their length and their content type. */
    record Opened(InputStream body, long size, String contentType) {
    }

    DiskFileStore(Path root, FileUrls urls, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.work = this.root.resolve(WORK);
        this.urls = urls;
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    @Override
    public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
        FileKey file = FileKey.parse(key);
        if (!isMediaType(contentType) || size < 0) {
            throw new IllegalArgumentException("an upload needs a plain media type and a size of at least 0 bytes");
        }
        long expires = expiresAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Long.toString(size));
        return new UploadGrant(urls.upload(file, expires, size, contentType), headers, expires);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The file is served with the content type it was stored with, which completing the attachment checked is
     * {@code contentType}.
     */
    @Override
    public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
        FileKey file = FileKey.parse(key);
        if (filename == null || filename.isEmpty() || filename.length() > MAX_FILENAME_CHARS
                || filename.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a download needs a filename of 1 to 1024 characters, none a control");
        }
        long expires = expiresAt.getEpochSecond();
        return new DownloadGrant(urls.download(file, expires, filename), expires);
    }

    /** {@inheritDoc} Keeping a key with no file changes nothing. */
    @Override
    public void keep(String key) {
        Path folder = FileKey.parse(key).under(root);
        try {
            Files.createFile(folder.resolve(KEPT));
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            // Kept already, or nothing to keep.
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<StoredFile> stat(String key) {
        Path folder = FileKey.parse(key).under(root);
        try {
            String type = readMeta(folder).get(TYPE);
            long size = Files.size(folder.resolve(CONTENT));
            return type == null ? Optional.empty() : Optional.of(new StoredFile(size, type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            delete(FileKey.parse(key).under(root));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * Stores {@code body} as {@code key}'s file of {@code type}, if it has exactly {@code size} bytes and no file is
     * stored under the key yet. Never reads more than one byte past {@code size}, and writes nothing in place unless
     * the whole body is there.
     */
    Received receive(FileKey key, String type, long size, InputStream body) throws IOException {
        Path target = key.under(root);
        if (Files.exists(target)) {
            // Answered before reading a byte; a race with another upload is settled by the rename below.
            return Received.ALREADY_STORED;
        }
        Path upload = newWorkFolder();
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(upload.resolve(CONTENT), StandardOpenOption.CREATE_NEW)) {
                written = copy(body, out, size + 1);
            }
            if (written > size) {
                return Received.TOO_LARGE;
            }
            if (written < size) {
                return Received.TOO_SMALL;
            }
            Files.writeString(upload.resolve(META), TYPE + "=" + type + "\n" + UPLOADED + "="
                    + clock.instant().getEpochSecond() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            return moveIntoPlace(upload, target) ? Received.STORED : Received.ALREADY_STORED;
        } finally {
            deleteTree(upload);
        }
    }

    /** The file stored as {@code key}, opened, or empty when there is none. */
    Optional<Opened> open(FileKey key) throws IOException {
        Path folder = key.under(root);
        FileChannel content;
        String type;
        try {
            type = readMeta(folder).get(TYPE);
            // Once open, the bytes stay readable even if the file is deleted meanwhile.
            content = FileChannel.open(folder.resolve(CONTENT), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (type == null) {
            content.close();
            return Optional.empty();
        }
        return Optional.of(new Opened(Channels.newInputStream(content), content.size(), type));
    }

    /**
     * Removes every file that was never kept and was uploaded more than {@link #PENDING_LIFETIME} ago, work folders
     * left that long (by a crash), and task folders left empty; returns how many files it removed.
     */
    int cleanup() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long cutoff = clock.instant().minus(PENDING_LIFETIME).getEpochSecond();
        int removed = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root, entry -> isId(entry) && isFolder(entry))) {
            for (Path task : tasks) {
                removed += cleanupTask(task, cutoff);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(work)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(work)) {
                for (Path entry : entries) {
                    if (Files.getLastModifiedTime(entry).toInstant().getEpochSecond() < cutoff) {
                        deleteTree(entry);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return removed;
    }

    private int cleanupTask(Path task, long cutoff) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(task, entry -> isId(entry) && isFolder(entry))) {
            for (Path file : files) {
                if (!Files.exists(file.resolve(KEPT)) && uploadedAt(file) < cutoff && delete(file)) {
                    removed++;
                }
            }
        }
        try {
            Files.deleteIfExists(task);
        } catch (FileSystemException e) {
            // Not empty (a file, or an upload that arrived meanwhile): kept.
        }
        return removed;
    }

    /** When the file in {@code folder} was uploaded, in epoch seconds; from its meta, else from its folder's time. */
    private long uploadedAt(Path folder) throws IOException {
        try {
            return Long.parseLong(readMeta(folder).getOrDefault(UPLOADED, ""));
        } catch (NumberFormatException | NoSuchFileException e) {
            // A folder without a readable time was not written by this store as it writes: old once its time is.
            return Files.getLastModifiedTime(folder).toInstant().getEpochSecond();
        }
    }

    /** Renames the folder away, then deletes it: the file is gone at once and whole. Whether there was one. */
    private boolean delete(Path folder) throws IOException {
        Path doomed = newWorkFolder().resolve("deleted");
        try {
            Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } finally {
            deleteTree(doomed.getParent());
        }
    }

    /** Renames the finished upload into place; {@code false} when another upload got there first. */
    private boolean moveIntoPlace(Path upload, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                // A rename never replaces a folder that holds files, so the first upload to finish is the one kept.
                Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (NoSuchFileException e) {
                // The task's folder, empty, was removed by a cleanup meanwhile: made again on the next attempt.
                if (attempt == MOVE_ATTEMPTS) {
                    throw e;
                }
            } catch (FileSystemException e) {
                if (Files.exists(target)) {
                    return false;
                }
                throw e;
            }
        }
    }

    private Path newWorkFolder() throws IOException {
        if (!Files.isDirectory(work)) {
            createPrivateFolder(root);
            Files.createDirectories(work);
        }
        return Files.createDirectory(work.resolve(UUID.randomUUID().toString()));
    }

    /** The folder and any missing parents, readable by this user only where the file system has permissions. */
    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(folder);
        }
    }

    private static Map<String, String> readMeta(Path folder) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve(META), StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                meta.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return meta;
    }

    /** Copies at most {@code limit} bytes; how many it copied. */
    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (copied < limit) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static boolean isId(Path entry) {
        return FileKey.isId(entry.getFileName().toString());
    }

    private static boolean isFolder(Path entry) {
        return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isMediaType(String value) {
        return value != null && MEDIA_TYPE.matcher(value).matches();
    }

    private static StoreUnavailableException unavailable(IOException e) {
        return new StoreUnavailableException("disk", e);
    }
}
