package io.taskapi.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.AttachmentRepositoryContract;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.UserId;
import org.junit.jupiter.api.Test;

/** Runs the attachment repository contract against the in-memory store, and checks what is memory's own. */
class InMemoryAttachmentRepositoryTest extends AttachmentRepositoryContract {
    @Override
    protected AttachmentRepository repository() {
        return new InMemoryAttachmentRepository();
    }

    private static Attachment attachment(String id) {
        return new Attachment(id, "t1", "a.txt", "text/plain", 1, AttachmentStatus.PENDING, 1, new UserId("ann"));
    }

    /** A page that holds the last attachments has no next position, even when it is exactly full. */
    @Test
    void aFullPageOfTheLastAttachmentsHasNoNextPosition() {
        InMemoryAttachmentRepository repository = new InMemoryAttachmentRepository();
        repository.add(attachment("a1"), 10);
        repository.add(attachment("a2"), 10);

        assertThat(repository.list("t1", 2, null).nextPosition()).isNull();
        assertThat(repository.list("t1", 1, null).nextPosition()).isEqualTo("a1");
    }

    @Test
    void clearForgetsEveryAttachment() {
        InMemoryAttachmentRepository repository = new InMemoryAttachmentRepository();
        repository.add(attachment("a1"), 10);

        repository.clear();

        assertThat(repository.all("t1")).isEmpty();
    }
}
