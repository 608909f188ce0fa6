package io.taskapi.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases of attachments: whoever may write a task (its owner, or an editor or owner of its list) attaches
 * files to it, completes their uploads and deletes them; whoever may read it lists and downloads them. Files go
 * straight between the client and the {@link FileStore} through signed URLs; the service only signs and checks.
 */
public final class AttachmentService implements TaskAttachments {
    /** A pending attachment older than this was abandoned: it is not shown, and its file is removed by the store. */
    public static final Duration PENDING_LIFETIME = Duration.ofDays(1);

    private final AttachmentRepository attachments;
    private final FileStore files;
    private final TaskGate tasks;
    private final AttachmentLimits limits;
    private final Clock clock;
    private final IdGenerator ids;
    private final PageTokenSealer pageTokens;

    /**
     * The use cases of attachments of the tasks in {@code tasks}.
     *
     * @param attachments where the attachments' records are kept
     * @param files       where their bytes are kept, and what signs their URLs
     * @param tasks       where the tasks are kept
     * @param lists       where the lists and their members are kept
     * @param limits      what may be attached
     * @param clock       the time of every attachment and the expiry of every URL
     * @param ids         the ids of new attachments
     * @param pageTokens  what seals and opens the page tokens of listings
     */
    public AttachmentService(AttachmentRepository attachments, FileStore files, TaskRepository tasks,
            ListRepository lists, AttachmentLimits limits, Clock clock, IdGenerator ids, PageTokenSealer pageTokens) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.files = Objects.requireNonNull(files, "files");
        this.tasks = new TaskGate(tasks, new ListGate(lists));
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
    }

    /**
     * The limits new attachments are checked against.
     *
     * @return the limits
     */
    public AttachmentLimits limits() {
        return limits;
    }

    /**
     * Attaches a file to a task the actor may write: a pending attachment, and a URL that accepts exactly its upload.
     *
     * @param actor  who attaches it
     * @param taskId the task's id
     * @param file   the file to be uploaded
     * @return the pending attachment and its upload
     * @throws TaskNotFoundException        if there is no such task the actor may read
     * @throws RoleRequiredException        if the actor only views its list
     * @throws AttachmentConflictException  if the task has as many attachments as it may
     */
    public AttachmentUpload attach(Actor actor, String taskId, NewAttachment file) {
        tasks.writable(actor, taskId);
        Instant now = clock.instant();
        Attachment attachment = new Attachment(ids.newId(), taskId, file.filename(), file.contentType(), file.size(),
                AttachmentStatus.PENDING, now.getEpochSecond(), actor.user());
        try {
            attachments.add(attachment, limits.maxPerTask());
        } catch (AttachmentConflictException full) {
            // Abandoned uploads still hold places until they are removed: free theirs, then try once more.
            if (!removeAbandoned(taskId)) {
                throw full;
            }
            attachments.add(attachment, limits.maxPerTask());
        }
        UploadGrant upload = files.uploadGrant(attachment.key(), attachment.contentType(), attachment.size(),
                now.plus(limits.urlLifetime()));
        return new AttachmentUpload(attachment, upload);
    }

    /**
     * Checks that an attachment's file was uploaded as declared and makes it available; completing an available
     * attachment again changes nothing.
     *
     * @param actor        who completes it
     * @param taskId       the task's id
     * @param attachmentId the attachment's id
     * @return the attachment, available
     * @throws TaskNotFoundException       if there is no such task the actor may read
     * @throws RoleRequiredException       if the actor only views its list
     * @throws AttachmentNotFoundException if the task has no such attachment
     * @throws AttachmentConflictException if its file is missing, or differs in size or type from what was declared;
     *                                     the attachment stays pending
     */
    public Attachment complete(Actor actor, String taskId, String attachmentId) {
        tasks.writable(actor, taskId);
        Attachment attachment = live(taskId, attachmentId);
        if (attachment.status() == AttachmentStatus.AVAILABLE) {
            return attachment;
        }
        StoredFile stored = files.stat(attachment.key()).orElseThrow(() ->
                new AttachmentConflictException("The file has not been uploaded yet: upload it to the URL given, then"
                        + " complete the attachment"));
        if (stored.size() != attachment.size()) {
            throw new AttachmentConflictException("The uploaded file has " + stored.size() + " bytes, not the "
                    + attachment.size() + " declared");
        }
        if (!stored.contentType().equalsIgnoreCase(attachment.contentType())) {
            throw new AttachmentConflictException("The uploaded file's type is not the declared "
                    + attachment.contentType());
        }
        files.keep(attachment.key());
        Attachment available = attachment.available();
        attachments.markAvailable(available);
        return available;
    }

    /**
     * One page of a task's attachments, oldest first, for whoever may read the task.
     *
     * @param actor  who reads them
     * @param taskId the task's id
     * @param page   which page
     * @return the page, without abandoned uploads
     * @throws TaskNotFoundException if there is no such task the actor may read
     * @throws ValidationException   on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                               for the same actor and task
     */
    public Page<Attachment> list(Actor actor, String taskId, PageRequest page) {
        tasks.readable(actor, taskId);
        Page<Attachment> found = pageTokens.page(actor.personal(), "attachments=" + taskId, page.token(),
                after -> attachments.list(taskId, page.limit(), after));
        return new Page<>(found.items().stream().filter(this::isLive).toList(), found.next());
    }

    /**
     * An attachment of a task the actor may read, with a download URL once it is available.
     *
     * @param actor        who reads it
     * @param taskId       the task's id
     * @param attachmentId the attachment's id
     * @return the attachment, and its download when it is available
     * @throws TaskNotFoundException       if there is no such task the actor may read
     * @throws AttachmentNotFoundException if the task has no such attachment
     */
    public AttachmentDownload get(Actor actor, String taskId, String attachmentId) {
        tasks.readable(actor, taskId);
        Attachment attachment = live(taskId, attachmentId);
        Optional<DownloadGrant> download = attachment.status() == AttachmentStatus.AVAILABLE
                ? Optional.of(files.downloadGrant(attachment.key(), attachment.filename(), attachment.contentType(),
                        clock.instant().plus(limits.urlLifetime())))
                : Optional.empty();
        return new AttachmentDownload(attachment, download);
    }

    /**
     * Deletes an attachment and its file.
     *
     * @param actor        who deletes it
     * @param taskId       the task's id
     * @param attachmentId the attachment's id
     * @throws TaskNotFoundException       if there is no such task the actor may read
     * @throws RoleRequiredException       if the actor only views its list
     * @throws AttachmentNotFoundException if the task has no such attachment
     */
    public void delete(Actor actor, String taskId, String attachmentId) {
        tasks.writable(actor, taskId);
        Attachment attachment = attachments.find(taskId, attachmentId).orElseThrow(AttachmentNotFoundException::new);
        // The file first: a record without its file would offer a broken download; a file without its record is only
        // storage, and the store removes abandoned files of pending attachments by itself.
        files.delete(attachment.key());
        attachments.delete(taskId, attachmentId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each file before its record, as in {@link #delete}; at most as many as a task may have, so a bounded step.
     */
    @Override
    public void removeAll(String taskId) {
        for (Attachment attachment : attachments.all(taskId)) {
            files.delete(attachment.key());
            try {
                attachments.delete(taskId, attachment.id());
            } catch (AttachmentNotFoundException e) {
                // Removed by someone else meanwhile.
            }
        }
    }

    /** Removes the task's abandoned pending attachments; whether there were any. */
    private boolean removeAbandoned(String taskId) {
        boolean removed = false;
        for (Attachment attachment : attachments.all(taskId)) {
            if (!isLive(attachment)) {
                files.delete(attachment.key());
                try {
                    attachments.delete(taskId, attachment.id());
                } catch (AttachmentNotFoundException e) {
                    // Removed by someone else meanwhile.
                }
                removed = true;
            }
        }
        return removed;
    }

    /** The attachment unless it is missing or was abandoned while pending. */
    private Attachment live(String taskId, String attachmentId) {
        return attachments.find(taskId, attachmentId).filter(this::isLive)
                .orElseThrow(AttachmentNotFoundException::new);
    }

    private boolean isLive(Attachment attachment) {
        return attachment.status() == AttachmentStatus.AVAILABLE
                || clock.instant().getEpochSecond() - attachment.createdAt() < PENDING_LIFETIME.toSeconds();
    }
}
