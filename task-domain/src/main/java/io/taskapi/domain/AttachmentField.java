package io.taskapi.domain;

/** The fields of a request that attaches a file, in the order their errors are listed. */
public enum AttachmentField implements Field {
    /** The file's name: 1 to 255 characters, no path separators or control characters. */
    FILENAME,
    /** The file's media type: one of the allowed types. */
    CONTENT_TYPE,
    /** The file's length in bytes: 1 to the most a file may have. */
    SIZE
}
