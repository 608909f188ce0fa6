package io.taskapi.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What may be attached, configurable per deployment.
 *
 * @param maxBytes     the largest file, in bytes
 * @param maxPerTask   the most attachments one task may have, pending ones included
 * @param contentTypes the media types a file may have, in lower case and without parameters
 * @param urlLifetime  how long an upload or download URL works
 */
public record AttachmentLimits(long maxBytes, int maxPerTask, Set<String> contentTypes, Duration urlLifetime) {
    /** 25 MiB. */
    public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;
    /** Twenty attachments a task. */
    public static final int DEFAULT_MAX_PER_TASK = 20;
    /** Five minutes: long enough to start an upload or download, short enough that a leaked URL soon stops working. */
    public static final Duration DEFAULT_URL_LIFETIME = Duration.ofMinutes(5);
    /**
     * Images a browser shows without running anything, PDF, plain text, CSV, the common office formats and zip. SVG
     * and HTML are left out: they can carry scripts.
     */
    public static final Set<String> DEFAULT_CONTENT_TYPES = Set.of(
            "image/png", "image/jpeg", "image/gif", "image/webp", "image/heic",
            "application/pdf", "text/plain", "text/csv", "application/zip",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");
    /** The default of each limit, for a deployment that configures none. */
    public static final AttachmentLimits DEFAULT = new AttachmentLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PER_TASK,
            DEFAULT_CONTENT_TYPES, DEFAULT_URL_LIFETIME);

    /**
     * Checks the limits and keeps the content types sorted; seven days is the longest a URL may work, the longest
     * an S3 presigned URL (SigV4) may live.
     *
     * @param maxBytes     the largest file, in bytes
     * @param maxPerTask   the most attachments one task may have, pending ones included
     * @param contentTypes the media types a file may have, in lower case and without parameters
     * @param urlLifetime  how long an upload or download URL works
     * @throws IllegalArgumentException if a limit is less than 1, the URL lifetime is not more than zero and at most
     *                                   seven days, or the content types are none or one is not type/subtype in lower
     *                                   case
     */
    public AttachmentLimits {
        if (maxBytes < 1 || maxPerTask < 1) {
            throw new IllegalArgumentException("maxBytes and maxPerTask must be at least 1");
        }
        Objects.requireNonNull(urlLifetime, "urlLifetime");
        if (urlLifetime.isNegative() || urlLifetime.isZero() || urlLifetime.compareTo(Duration.ofDays(7)) > 0) {
            // Seven days is the longest a SigV4 presigned URL may live.
            throw new IllegalArgumentException("urlLifetime must be more than zero and at most 7 days");
        }
        TreeSet<String> types = new TreeSet<>();
        for (String type : contentTypes) {
            if (!AttachmentRules.isMediaType(type) || !type.equals(type.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a content type is type/subtype in lower case: " + type);
            }
            types.add(type);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one content type must be allowed");
        }
        contentTypes = Set.copyOf(types);
    }
}
