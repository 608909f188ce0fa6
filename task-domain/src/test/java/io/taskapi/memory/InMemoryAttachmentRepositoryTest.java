package io.taskapi.memory;

import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.AttachmentRepositoryContract;

/** Runs the attachment repository contract against the in-memory store. */
class InMemoryAttachmentRepositoryTest extends AttachmentRepositoryContract {
    @Override
    protected AttachmentRepository repository() {
        return new InMemoryAttachmentRepository();
    }
}
