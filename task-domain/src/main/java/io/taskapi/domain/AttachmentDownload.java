package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An attachment as its reader gets it, with a download of its file once it is available.
 *
 * @param attachment the attachment
 * @param download   the signed download; empty while the attachment is pending
 */
public record AttachmentDownload(Attachment attachment, Optional<DownloadGrant> download) {
    /**
     * Checks that the attachment has a download exactly when it is available.
     *
     * @param attachment the attachment
     * @param download   the signed download; empty while the attachment is pending
     * @throws IllegalArgumentException if it has one while pending, or none while available
     */
    public AttachmentDownload {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(download, "download");
        if (download.isPresent() != (attachment.status() == AttachmentStatus.AVAILABLE)) {
            throw new IllegalArgumentException("an attachment has a download exactly when it is available");
        }
    }
}
