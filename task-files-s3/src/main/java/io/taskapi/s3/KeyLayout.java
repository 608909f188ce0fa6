package io.taskapi.s3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the store's objects live: one bucket, every object key under one prefix, and under it a folder per state, so
 * that a lifecycle rule on {@code <prefix>pending/} removes abandoned uploads and nothing else: an upload lands in
 * {@code <prefix>pending/<key>}, and only the store itself writes {@code <prefix>available/<key>} when it keeps one.
 *
 * @param bucket the bucket's name, as S3 spells it (3 to 63 lower-case letters, digits, dots and hyphens)
 * @param prefix what every object key starts with: empty, or a path ending in {@code /} such as {@code attachments/}
 */
record KeyLayout(String bucket, String prefix) {
    /** S3's own limit on a key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;
    /** The folder of uploads not yet checked; the lifecycle rule expires what stays there. */
    static final String PENDING = "pending/";
    /** The folder of kept files, which never expire. */
    static final String AVAILABLE = "available/";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    KeyLayout {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
        }
        if (!prefix.isEmpty()) {
            // The prefix is a folder of its own, so that "attachments" cannot also match "attachments-old/...".
            if (!prefix.endsWith("/")) {
                throw new IllegalArgumentException("a key prefix must end with '/': " + prefix);
            }
            requirePath(prefix.substring(0, prefix.length() - 1), "key prefix");
        }
    }

    /** Where the upload of the core's key {@code key} lands: {@code <prefix>pending/<key>}. */
    String pending(String key) {
        return objectKey(PENDING, key);
    }

    /** Where the file of the core's key {@code key} is kept: {@code <prefix>available/<key>}. */
    String available(String key) {
        return objectKey(AVAILABLE, key);
    }

    /**
     * The object key of the core's key {@code key}, such as {@code <task id>/<attachment id>}, in one state's folder:
     * the key itself unchanged. The core makes its keys itself (never from a filename); this only refuses what could
     * reach outside the folder or that S3 would refuse.
     */
    private String objectKey(String state, String key) {
        Objects.requireNonNull(key, "key");
        requirePath(key, "key");
        String objectKey = prefix + state + key;
        if (objectKey.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("an object key must be at most " + MAX_KEY_BYTES + " bytes");
        }
        return objectKey;
    }

    /** Non-empty segments separated by single slashes, none of them {@code .} or {@code ..}, no control character. */
    private static void requirePath(String path, String what) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " must not be empty");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a " + what + " must be segments separated by single '/', none"
                        + " of them empty, '.' or '..'");
            }
        }
        if (path.chars().anyMatch(c -> Character.isISOControl(c) || c == '\\')) {
            throw new IllegalArgumentException("a " + what + " must not contain control characters or '\\'");
        }
    }
}
