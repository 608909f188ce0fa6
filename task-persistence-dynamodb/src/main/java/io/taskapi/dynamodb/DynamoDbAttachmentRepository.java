package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.AttachmentNotFoundException;
import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.Slice;
import io.taskapi.domain.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@link AttachmentRepository} on the tasks table ({@link TaskTableSchema}): a task's attachments are the items of
 * its partition {@code attachments:<task id>}, one per fixed slot {@code slot#NN}, so that a conditional put into a
 * free slot keeps the per-task limit exact without transactions. Every read is one consistent {@code Query} of that
 * partition: it holds at most as many items as a task may have attachments.
 */
final class DynamoDbAttachmentRepository implements AttachmentRepository {
    /**
     * Lost races an add tolerates beyond one per slot: every lost race is a slot another add took, so without deletions
     * meanwhile an add decides within {@code maxPerTask + 1} attempts; deletions freeing slots for others to race for
     * can need a few more.
     */
    static final int EXTRA_ATTEMPTS = 8;

    private static final Map<String, String> KEY_NAMES = Map.of("#owner", TaskTableSchema.OWNER,
            "#id", TaskTableSchema.ID);

    private final DynamoDbClient client;
    private final String tableName;

    /** A repository on the tasks table {@code tableName}; the store facade has checked the name. */
    DynamoDbAttachmentRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent {@code Query} of the task's slots (at most {@code maxPerTask} items), then a {@code PutItem}
     * into the lowest free slot on the condition {@code attribute_not_exists(id)}. A failed condition means a
     * concurrent add took the slot, so the slots are read again; the attachment found already stored means an SDK retry
     * met this add's own earlier write, which is success.
     *
     * @throws StoreUnavailableException ({@code contended}) after {@code maxPerTask} + {@value #EXTRA_ATTEMPTS} lost
     *                                   races
     */
    @Override
    public void add(Attachment attachment, int maxPerTask) {
        if (maxPerTask < 1) {
            throw new IllegalArgumentException("maxPerTask must be at least 1");
        }
        String taskId = attachment.taskId();
        for (int attempt = 0; attempt <= maxPerTask + EXTRA_ATTEMPTS; attempt++) {
            List<Map<String, AttributeValue>> slots = read(taskId, maxPerTask, true);
            Set<Integer> taken = new HashSet<>();
            for (Map<String, AttributeValue> item : slots) {
                if (attachment.id().equals(AttachmentItemMapper.attachmentId(item))) {
                    return;
                }
                taken.add(AttachmentItemMapper.slot(item));
            }
            // Counting the items, not the taken slots below the limit, keeps a task that holds more than a lowered
            // limit allows (slots written under the higher one) from getting more.
            if (slots.size() >= maxPerTask) {
                throw new AttachmentConflictException("A task can have at most " + maxPerTask
                        + " attachments: delete one first");
            }
            int free = 0;
            while (taken.contains(free)) {
                free++;
            }
            Map<String, AttributeValue> item = AttachmentItemMapper.toItem(attachment,
                    AttachmentItemMapper.slotId(free, maxPerTask));
            if (DynamoDbErrors.conditionHeld(() -> client.putItem(r -> r
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))))) {
                return;
            }
        }
        throw new StoreUnavailableException("contended", null);
    }

    @Override
    public Optional<Attachment> find(String taskId, String attachmentId) {
        if (attachmentId == null) {
            return Optional.empty();
        }
        return all(taskId).stream().filter(attachment -> attachment.id().equals(attachmentId)).findFirst();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The whole partition is read (it is as small as the limit) and the page cut from it in memory: positions are
     * attachment ids, which are time-ordered, while slots are reused in any order.
     */
    @Override
    public Slice<Attachment> list(String taskId, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (afterPosition != null) {
            AttachmentItemMapper.requirePosition(afterPosition);
        }
        List<Attachment> after = all(taskId).stream()
                .filter(attachment -> afterPosition == null || attachment.id().compareTo(afterPosition) > 0)
                .toList();
        List<Attachment> page = after.subList(0, Math.min(limit, after.size()));
        return new Slice<>(page, after.size() > limit ? page.get(page.size() - 1).id() : null);
    }

    /** {@inheritDoc} Oldest first, by attachment id. */
    @Override
    public List<Attachment> all(String taskId) {
        if (!AttachmentItemMapper.isStorableTaskId(taskId)) {
            return List.of();
        }
        return read(taskId, 0, false).stream().map(AttachmentItemMapper::toAttachment)
                .sorted(Comparator.comparing(Attachment::id)).toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Finds its slot with one consistent {@code Query}, then one {@code UpdateItem} of that slot on the condition
     * that it still holds this attachment: sets the status and removes {@code expires_at}, so that a time to live never
     * deletes an available attachment. Repeating it changes nothing.
     */
    @Override
    public void markAvailable(Attachment attachment) {
        Map<String, AttributeValue> key = slotOf(attachment.taskId(), attachment.id())
                .orElseThrow(AttachmentNotFoundException::new);
        boolean updated = DynamoDbErrors.conditionHeld(() -> client.updateItem(r -> r
                .tableName(tableName)
                .key(key)
                .conditionExpression("#attachmentId = :id")
                .updateExpression("SET #status = :available REMOVE #expires")
                .expressionAttributeNames(Map.of("#attachmentId", TaskTableSchema.ATTACHMENT_ID,
                        "#status", TaskTableSchema.STATUS, "#expires", TaskTableSchema.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":id", s(attachment.id()),
                        ":available", s(AttachmentStatus.AVAILABLE.value())))));
        if (!updated) {
            // Deleted since the query, perhaps with its slot taken by another attachment.
            throw new AttachmentNotFoundException();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Finds its slot with one consistent {@code Query}, then one {@code DeleteItem} of that slot on the condition
     * that it still holds this attachment, so a slot reused meanwhile keeps its new attachment.
     */
    @Override
    public void delete(String taskId, String attachmentId) {
        Map<String, AttributeValue> key = slotOf(taskId, attachmentId).orElseThrow(AttachmentNotFoundException::new);
        boolean deleted = DynamoDbErrors.conditionHeld(() -> client.deleteItem(r -> r
                .tableName(tableName)
                .key(key)
                .conditionExpression("#attachmentId = :id")
                .expressionAttributeNames(Map.of("#attachmentId", TaskTableSchema.ATTACHMENT_ID))
                .expressionAttributeValues(Map.of(":id", s(attachmentId)))));
        if (!deleted) {
            throw new AttachmentNotFoundException();
        }
    }

    /** The key of the slot that holds the attachment, from one consistent {@code Query} of the task's slots. */
    private Optional<Map<String, AttributeValue>> slotOf(String taskId, String attachmentId) {
        if (attachmentId == null || !AttachmentItemMapper.isStorableTaskId(taskId)) {
            return Optional.empty();
        }
        return read(taskId, 0, true).stream()
                .filter(item -> attachmentId.equals(AttachmentItemMapper.attachmentId(item)))
                .map(AttachmentItemMapper::keyOf)
                .findFirst();
    }

    /**
     * The items of the task's slots, read with a consistent {@code Query}: one request, since a partition as small as
     * the limit is far below the 1 MB a response may hold; further pages are read should one ever be cut.
     *
     * @param limit    the most items to read, or 0 for all
     * @param keysOnly whether to read the keys and the attachment id alone (enough to find and count slots)
     */
    private List<Map<String, AttributeValue>> read(String taskId, int limit, boolean keysOnly) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int wanted = limit == 0 ? 0 : limit - items.size();
            QueryResponse response = DynamoDbErrors.call(() -> client.query(r -> {
                r.tableName(tableName)
                        .keyConditionExpression("#owner = :partition AND begins_with(#id, :slots)")
                        .expressionAttributeValues(Map.of(
                                ":partition", s(AttachmentItemMapper.partition(taskId)),
                                ":slots", s(TaskTableSchema.SLOT_KEY_PREFIX)))
                        .consistentRead(true);
                if (keysOnly) {
                    r.projectionExpression("#owner, #id, #attachmentId").expressionAttributeNames(Map.of(
                            "#owner", TaskTableSchema.OWNER, "#id", TaskTableSchema.ID,
                            "#attachmentId", TaskTableSchema.ATTACHMENT_ID));
                } else {
                    r.expressionAttributeNames(KEY_NAMES);
                }
                if (wanted > 0) {
                    r.limit(wanted);
                }
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && (limit == 0 || items.size() < limit));
        return items;
    }
}
