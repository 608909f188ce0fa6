package io.taskapi.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an attachment stands: granted an upload, or uploaded and checked. */
public enum AttachmentStatus {
    /** Its upload URL was handed out; the file may not be there yet. */
    PENDING,
    /** Its file was uploaded and found as declared; it can be downloaded. */
    AVAILABLE;

    /**
     * The status's name in lower case, as stored and on the wire.
     *
     * @return the name
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status with exactly this name; matching is case-sensitive.
     *
     * @param value the name, as {@link #value()} writes it
     * @return the status, or empty when no status has this name
     */
    public static Optional<AttachmentStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(status -> status.value().equals(value)).findFirst();
    }
}
