package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;
import static io.taskapi.dynamodb.TaskTableSchema.ATTACHMENTS_KEY_PREFIX;
import static io.taskapi.dynamodb.TaskTableSchema.ATTACHMENT_ID;
import static io.taskapi.dynamodb.TaskTableSchema.CONTENT_TYPE;
import static io.taskapi.dynamodb.TaskTableSchema.CREATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.EXPIRES_AT;
import static io.taskapi.dynamodb.TaskTableSchema.FILENAME;
import static io.taskapi.dynamodb.TaskTableSchema.ID;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER;
import static io.taskapi.dynamodb.TaskTableSchema.SIZE;
import static io.taskapi.dynamodb.TaskTableSchema.SLOT_KEY_PREFIX;
import static io.taskapi.dynamodb.TaskTableSchema.STATUS;
import static io.taskapi.dynamodb.TaskTableSchema.UPLOADED_BY;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentService;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between an attachment and its item in a slot of the task's attachments partition; builds their keys. */
final class AttachmentItemMapper {
    /** A slot's range key, whatever the width it was written with (the width follows the configured limit). */
    private static final Pattern SLOT = Pattern.compile(Pattern.quote(SLOT_KEY_PREFIX) + "([0-9]{1,9})");
    /** A position of an attachment listing: an attachment id, and ids are UUIDs. */
    private static final Pattern POSITION = Pattern.compile(ListingKeys.UUID);
    /** DynamoDB's limit for a hash key value. */
    private static final int MAX_HASH_KEY_BYTES = 2048;

    private static final AttributeValues.Reader READ = new AttributeValues.Reader("stored attachment item",
            AttachmentItemMapper::describe);

    private AttachmentItemMapper() {
    }

    /** The hash key of the attachments of the task {@code taskId}. */
    static String partition(String taskId) {
        return ATTACHMENTS_KEY_PREFIX + taskId;
    }

    /** Whether {@code taskId} can be part of a key; one that cannot (say from a URL) names no stored attachment. */
    static boolean isStorableTaskId(String taskId) {
        return taskId != null && !taskId.isEmpty()
                && partition(taskId).getBytes(StandardCharsets.UTF_8).length <= MAX_HASH_KEY_BYTES;
    }

    /**
     * {@code slot#} and {@code slot} zero-padded to the width of {@code maxPerTask - 1}, so that a task's slots sort in
     * their order: {@code slot#00} to {@code slot#19} for 20.
     */
    static String slotId(int slot, int maxPerTask) {
        if (slot < 0 || slot >= maxPerTask) {
            throw new IllegalArgumentException("slot must be from 0 to maxPerTask - 1");
        }
        int width = Integer.toString(maxPerTask - 1).length();
        String digits = Integer.toString(slot);
        return SLOT_KEY_PREFIX + "0".repeat(width - digits.length()) + digits;
    }

    static Map<String, AttributeValue> slotKey(String taskId, String slotId) {
        return Map.of(OWNER, s(partition(taskId)), ID, s(slotId));
    }

    /** The key of a stored attachment item. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(OWNER, item.get(OWNER), ID, item.get(ID));
    }

    /**
     * The number of the slot a stored attachment item is in, read from its range key whatever its width, so that the
     * slots of items written under another limit still count as taken.
     */
    static int slot(Map<String, AttributeValue> item) {
        Matcher slot = SLOT.matcher(READ.string(item, ID));
        if (!slot.matches()) {
            throw READ.malformed(item, "slot key " + ID);
        }
        return Integer.parseInt(slot.group(1));
    }

    /** The id of the attachment a stored item holds; needs only the keys and {@link TaskTableSchema#ATTACHMENT_ID}. */
    static String attachmentId(Map<String, AttributeValue> item) {
        return READ.string(item, ATTACHMENT_ID);
    }

    /**
     * Checks that {@code position} has the shape of an attachment listing's positions: an attachment id.
     *
     * @throws IllegalArgumentException if it has not
     */
    static void requirePosition(String position) {
        if (!POSITION.matcher(position).matches()) {
            throw new IllegalArgumentException("not a position of an attachment listing");
        }
    }

    /**
     * The item of {@code attachment} in the slot {@code slotId}; a pending one carries {@code expires_at}, a day after
     * its grant, when the service stops showing it.
     */
    static Map<String, AttributeValue> toItem(Attachment attachment, String slotId) {
        Map<String, AttributeValue> item = new HashMap<>(slotKey(attachment.taskId(), slotId));
        item.put(ATTACHMENT_ID, s(attachment.id()));
        item.put(FILENAME, s(attachment.filename()));
        item.put(CONTENT_TYPE, s(attachment.contentType()));
        item.put(SIZE, n(attachment.size()));
        item.put(STATUS, s(attachment.status().value()));
        item.put(CREATED_AT, n(attachment.createdAt()));
        item.put(UPLOADED_BY, s(attachment.uploadedBy().value()));
        if (attachment.status() == AttachmentStatus.PENDING) {
            item.put(EXPIRES_AT, n(expiresAt(attachment.createdAt())));
        }
        return item;
    }

    /** When a pending attachment granted at {@code createdAt} stops being shown: its time to live, in epoch seconds. */
    static long expiresAt(long createdAt) {
        return createdAt + AttachmentService.PENDING_LIFETIME.toSeconds();
    }

    /**
     * The attachment stored in an attachment item; its task is the partition's.
     *
     * @throws IllegalStateException if the item is not an attachment item this mapper wrote
     */
    static Attachment toAttachment(Map<String, AttributeValue> item) {
        String partition = READ.string(item, OWNER);
        if (!partition.startsWith(ATTACHMENTS_KEY_PREFIX)) {
            throw READ.malformed(item, "attachments key " + OWNER);
        }
        slot(item); // a slot key, or not an item of this kind
        String status = READ.string(item, STATUS);
        try {
            return new Attachment(READ.string(item, ATTACHMENT_ID),
                    partition.substring(ATTACHMENTS_KEY_PREFIX.length()), READ.string(item, FILENAME),
                    READ.string(item, CONTENT_TYPE), READ.number(item, SIZE),
                    AttachmentStatus.fromValue(status)
                            .orElseThrow(() -> READ.malformed(item, STATUS + " '" + status + "'")),
                    READ.number(item, CREATED_AT), new UserId(READ.string(item, UPLOADED_BY)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored attachment item breaks the attachment rules: " + describe(item), e);
        }
    }

    // Names the item by its slot and attribute names only: the filename and the uploader are user content and user
    // ids, which the request log (where this message ends up, in a stack trace) must never hold.
    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(ID);
        return "id=" + (id == null ? null : id.s()) + ", attributes=" + new TreeSet<>(item.keySet());
    }
}
