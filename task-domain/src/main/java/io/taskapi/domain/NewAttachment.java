package io.taskapi.domain;

/**
 * A file a client is about to upload, as it was checked against the {@link AttachmentLimits}.
 *
 * @param filename    the name, surrounding whitespace removed
 * @param contentType the media type in lower case
 * @param size        the length in bytes
 */
public record NewAttachment(String filename, String contentType, long size) {
    public NewAttachment {
        if (!AttachmentRules.isStorable(filename, contentType, size)) {
            throw new IllegalArgumentException("a new attachment keeps the rules of its fields");
        }
    }

    /**
     * The attachment a request describes, each value as the client sent it ({@code null} where it sent none).
     *
     * @throws ValidationException with every field that breaks its rule or the limits, in field order
     */
    public static NewAttachment of(String filename, String contentType, Long size, AttachmentLimits limits) {
        return AttachmentRules.check(filename, contentType, size, limits);
    }
}
