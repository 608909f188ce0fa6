package io.taskapi.javalin.files;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key of a stored file, {@code <taskId>/<attachmentId>}: two lower-case UUIDs, as the core issues them, and nothing
 * else. Only this shape becomes a path, so no key can name a file outside the store's folder, and each file has one
 * spelling, even on a file system that ignores case.
 */
record FileKey(String taskId, String attachmentId) {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    FileKey {
        if (!isId(taskId) || !isId(attachmentId)) {
            throw new IllegalArgumentException("a file key is two lower-case UUIDs");
        }
    }

    /**
     * The key {@code text} names.
     *
     * @throws IllegalArgumentException if it is not {@code <uuid>/<uuid>}
     */
    static FileKey parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a file key is <taskId>/<attachmentId>");
        }
        return new FileKey(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The key of the two segments of a request's path, or empty when they are not one. */
    static Optional<FileKey> of(String taskId, String attachmentId) {
        return isId(taskId) && isId(attachmentId) ? Optional.of(new FileKey(taskId, attachmentId)) : Optional.empty();
    }

    /** Whether {@code name} has the shape of one segment of a key: a lower-case UUID. */
    static boolean isId(String name) {
        return name != null && UUID.matcher(name).matches();
    }

    /** The folder that holds this key's file under {@code root}. */
    Path under(Path root) {
        return root.resolve(taskId).resolve(attachmentId);
    }

    @Override
    public String toString() {
        return taskId + "/" + attachmentId;
    }
}
