package io.taskapi.memory;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.AttachmentNotFoundException;
import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.Slice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe {@link AttachmentRepository} in memory, for embedding, local use and tests: each task's attachments
 * by id (time-ordered, so oldest first), every operation under one lock.
 */
public final class InMemoryAttachmentRepository implements AttachmentRepository {
    private final Map<String, TreeMap<String, Attachment>> byTask = new HashMap<>();

    /** An empty repository. */
    public InMemoryAttachmentRepository() {
    }

    @Override
    public synchronized void add(Attachment attachment, int maxPerTask) {
        TreeMap<String, Attachment> attachments = byTask.computeIfAbsent(attachment.taskId(), id -> new TreeMap<>());
        if (attachments.size() >= maxPerTask) {
            throw new AttachmentConflictException("A task can have at most " + maxPerTask
                    + " attachments: delete one first");
        }
        if (attachments.putIfAbsent(attachment.id(), attachment) != null) {
            throw new IllegalStateException("attachment ids are never reused");
        }
    }

    @Override
    public synchronized Optional<Attachment> find(String taskId, String attachmentId) {
        return Optional.ofNullable(byTask.getOrDefault(taskId, new TreeMap<>()).get(attachmentId));
    }

    @Override
    public synchronized Slice<Attachment> list(String taskId, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        NavigableMap<String, Attachment> attachments = byTask.getOrDefault(taskId, new TreeMap<>());
        NavigableMap<String, Attachment> from = afterPosition == null ? attachments
                : attachments.tailMap(afterPosition, false);
        List<Attachment> page = from.values().stream().limit(limit).toList();
        return new Slice<>(page, from.size() > limit ? page.get(page.size() - 1).id() : null);
    }

    @Override
    public synchronized List<Attachment> all(String taskId) {
        return List.copyOf(byTask.getOrDefault(taskId, new TreeMap<>()).values());
    }

    @Override
    public synchronized void markAvailable(Attachment attachment) {
        TreeMap<String, Attachment> attachments = byTask.get(attachment.taskId());
        if (attachments == null || attachments.replace(attachment.id(), attachment) == null) {
            throw new AttachmentNotFoundException();
        }
    }

    @Override
    public synchronized void delete(String taskId, String attachmentId) {
        TreeMap<String, Attachment> attachments = byTask.get(taskId);
        if (attachments == null || attachments.remove(attachmentId) == null) {
            throw new AttachmentNotFoundException();
        }
        if (attachments.isEmpty()) {
            byTask.remove(taskId);
        }
    }

    /** Forgets every attachment. */
    public synchronized void clear() {
        byTask.clear();
    }
}
