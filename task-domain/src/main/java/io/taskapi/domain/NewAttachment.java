package io.taskapi.domain;

/**
 * A file a client is about to upload, as it was checked against the {@link AttachmentLimits}.
 *
 * @param filename    the name, surrounding whitespace removed
 * @param contentType the media type in lower case
 * @param size        the length in bytes
 */
public record NewAttachment(String filename, String contentType, long size) {
    /**
     * Checks that the values keep the rules of their fields; {@link #of} also checks them against the limits.
     *
     * @param filename    the name, surrounding whitespace removed
     * @param contentType the media type in lower case
     * @param size        the length in bytes
     * @throws IllegalArgumentException if they do not
     */
    public NewAttachment {
        if (!AttachmentRules.isStorable(filename, contentType, size)) {
            throw new IllegalArgumentException("a new attachment keeps the rules of its fields");
        }
    }

    /**
     * The attachment a request describes, each value as the client sent it ({@code null} where it sent none).
     *
     * @param filename    the file's name
     * @param contentType its media type
     * @param size        its length in bytes
     * @param limits      what may be attached
     * @return the checked attachment, in its stored form
     * @throws ValidationException with every field that breaks its rule or the limits, in field order
     */
    public static NewAttachment of(String filename, String contentType, Long size, AttachmentLimits limits) {
        return AttachmentRules.check(filename, contentType, size, limits);
    }
}
