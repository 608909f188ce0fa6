package io.taskapi.domain;

import java.util.Objects;

/**
 * A new attachment and how its file is to be uploaded.
 *
 * @param attachment the attachment, pending
 * @param upload     the signed upload
 */
public record AttachmentUpload(Attachment attachment, UploadGrant upload) {
    /**
     * Checks that both are given.
     *
     * @param attachment the attachment, pending
     * @param upload     the signed upload
     */
    public AttachmentUpload {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(upload, "upload");
    }
}
