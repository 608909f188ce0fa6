package io.taskapi.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An attachment as its reader gets it, with a download of its file once it is available.
 *
 * @param attachment the attachment
 * @param download   the signed download, or {@code null} while the attachment is pending
 */
public record AttachmentDownload(Attachment attachment, DownloadGrant download) {
    /**
     * Checks that the attachment has a download exactly when it is available.
     *
     * @param attachment the attachment
     * @param download   the signed download, or {@code null} while the attachment is pending
     * @throws IllegalArgumentException if it has one while pending, or none while available
     */
    public AttachmentDownload {
        Objects.requireNonNull(attachment, "attachment");
        if ((download != null) != (attachment.status() == AttachmentStatus.AVAILABLE)) {
            throw new IllegalArgumentException("an attachment has a download exactly when it is available");
        }
    }

    /**
     * The download of the file, for callers that prefer an {@link Optional} to a {@code null}.
     *
     * @return the signed download, or empty while the attachment is pending
     */
    public Optional<DownloadGrant> downloadGrant() {
        return Optional.ofNullable(download);
    }
}
