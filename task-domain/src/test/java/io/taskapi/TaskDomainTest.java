package io.taskapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Actor;
import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentConflictException;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.MutableClock;
import io.taskapi.domain.NewAttachment;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PageRequest;
import io.taskapi.domain.SequentialIdGenerator;
import io.taskapi.domain.StoredFile;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskListQuery;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UploadGrant;
import io.taskapi.domain.ValidationException;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.memory.InMemoryRepositories;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The entry point assembles every use case over one set of repositories, with the settings it was given. */
class TaskDomainTest {
    private static final OwnerId ME = new OwnerId("me");

    @Test
    void inMemoryServesTasksListsAndCommentsOverOneStore() {
        TaskDomain domain = TaskDomain.inMemory();
        Actor ada = Actor.of(new OwnerId("ada"));

        Task task = domain.tasks().create(ME, NewTask.builder("Write documentation").build());
        domain.tasks().update(ME, task.id(), TaskChanges.builder().status(TaskStatus.COMPLETED).build());
        String listId = domain.lists().create(ada, "Team").list().id();
        Task shared = domain.tasks().create(ada, NewTask.builder("Shared").listId(listId).build());
        domain.comments().post(ada, shared.id(), "First");

        assertThat(domain.tasks().get(ME, task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(domain.comments().list(ada, shared.id(), PageRequest.first()).items()).hasSize(1);
        assertThat(domain.repositories()).isInstanceOf(InMemoryRepositories.class);
        assertThat(domain.attachments()).as("no file store, no attachments").isEmpty();
        assertThat(TaskDomain.inMemory().tasks().list(ME, TaskListQuery.firstPage()).items())
                .as("each in-memory domain has a store of its own").isEmpty();
    }

    @Test
    void theDefaultClockAndIdsGiveTimeOrderedIdsAndCurrentTimestamps() {
        long before = Instant.now().getEpochSecond();
        TaskDomain domain = TaskDomain.inMemory();

        Task first = domain.tasks().create(ME, NewTask.builder("one").build());
        Task second = domain.tasks().create(ME, NewTask.builder("two").build());

        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.createdAt()).isBetween(before, Instant.now().getEpochSecond());
    }

    @Test
    void theBuilderUsesTheGivenClockAndIds() {
        InMemoryRepositories repositories = new InMemoryRepositories();
        TaskDomain domain = TaskDomain.builder(repositories).clock(MutableClock.at(1_700_000_000L))
                .ids(new SequentialIdGenerator()).build();

        Task task = domain.tasks().create(ME, NewTask.builder("Write documentation").build());

        assertThat(task.id()).isEqualTo(SequentialIdGenerator.id(1));
        assertThat(task.createdAt()).isEqualTo(1_700_000_000L);
        assertThat(repositories.tasks().find(task.scope(ME), task.id())).contains(task);
    }

    @Test
    void domainsWithTheSamePageTokenSecretAcceptEachOthersTokens() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        InMemoryRepositories shared = new InMemoryRepositories();
        TaskDomain first = TaskDomain.builder(shared).pageTokenSecret(secret).build();
        secret[0] = 8; // the builder copied the secret
        byte[] same = new byte[32];
        Arrays.fill(same, (byte) 7);
        TaskDomain second = TaskDomain.builder(shared).pageTokenSecret(same).build();
        TaskDomain other = TaskDomain.builder(shared).build();
        for (int i = 0; i < 3; i++) {
            first.tasks().create(ME, NewTask.builder("task " + i).build());
        }

        TaskPage page = first.tasks().list(ME, TaskListQuery.firstPage().withLimit(2));
        String token = page.next().orElseThrow();

        assertThat(second.tasks().list(ME, TaskListQuery.firstPage().withLimit(2).after(token)).items())
                .hasSize(1);
        assertThatThrownBy(() -> other.tasks().list(ME,
                TaskListQuery.firstPage().withLimit(2).after(token)))
                .as("a random secret is another secret").isInstanceOf(ValidationException.class);
    }

    @Test
    void aPageTokenSecretShorterThan32BytesIsRefused() {
        TaskDomain.Builder builder = TaskDomain.builder(new InMemoryRepositories());

        assertThatThrownBy(() -> builder.pageTokenSecret(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        builder.pageTokenSecret(new byte[32]);
    }

    @Test
    void aFileStoreTurnsAttachmentsOn() {
        TaskDomain domain = TaskDomain.builder(new InMemoryRepositories()).files(new UnusedFileStore()).build();
        Actor ada = Actor.of(new OwnerId("ada"));
        Task task = domain.tasks().create(ada, NewTask.builder("with a file").build());

        assertThat(domain.attachments()).isPresent();
        domain.attachments().orElseThrow().attach(ada, task.id(), new NewAttachment("notes.txt", "text/plain", 12));
        assertThat(domain.attachments().orElseThrow().list(ada, task.id(), PageRequest.first()).items())
                .extracting(Attachment::status).containsExactly(AttachmentStatus.PENDING);
    }

    @Test
    void updatesAndDeletesWithAVersionAreConditional() {
        TaskDomain domain = TaskDomain.inMemory();
        Task task = domain.tasks().create(ME, NewTask.builder("Write documentation").build());
        TaskChanges done = TaskChanges.builder().status(TaskStatus.COMPLETED).build();

        Task updated = domain.tasks().update(ME, task.id(), done, task.version());

        assertThatThrownBy(() -> domain.tasks().update(ME, task.id(), done, task.version()))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> domain.tasks().delete(ME, task.id(), task.version()))
                .isInstanceOf(VersionConflictException.class);
        domain.tasks().delete(ME, task.id(), updated.version());
        assertThatThrownBy(() -> domain.tasks().get(ME, task.id())).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> domain.tasks().delete(ME, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void listsAreRenamedAndDeletedWithOrWithoutAVersion() {
        TaskDomain domain = TaskDomain.inMemory();
        Actor ada = Actor.of(new OwnerId("ada"));
        String listId = domain.lists().create(ada, "Team").list().id();

        long version = domain.lists().rename(ada, listId, "Crew").list().version();
        assertThatThrownBy(() -> domain.lists().rename(ada, listId, "Band", version - 1))
                .isInstanceOf(VersionConflictException.class);
        long renamed = domain.lists().rename(ada, listId, "Band", version).list().version();
        String other = domain.lists().create(ada, "Other").list().id();
        domain.lists().delete(ada, listId);
        assertThatThrownBy(() -> domain.lists().delete(ada, other, renamed + 5))
                .isInstanceOf(VersionConflictException.class);
        domain.lists().delete(ada, other, domain.lists().get(ada, other).list().version());

        assertThatThrownBy(() -> domain.lists().get(ada, listId)).isInstanceOf(ListNotFoundException.class);
        assertThatThrownBy(() -> domain.lists().get(ada, other)).isInstanceOf(ListNotFoundException.class);
    }

    @Test
    void theBuilderAppliesTheGivenAttachmentLimits() {
        AttachmentLimits one = new AttachmentLimits(AttachmentLimits.DEFAULT_MAX_BYTES, 1,
                AttachmentLimits.DEFAULT_CONTENT_TYPES, AttachmentLimits.DEFAULT_URL_LIFETIME);
        TaskDomain domain = TaskDomain.builder(new InMemoryRepositories()).files(new UnusedFileStore())
                .attachmentLimits(one).build();
        Actor ada = Actor.of(new OwnerId("ada"));
        Task task = domain.tasks().create(ada, NewTask.builder("one file only").build());
        domain.attachments().orElseThrow().attach(ada, task.id(), new NewAttachment("a.txt", "text/plain", 1));

        assertThatThrownBy(() -> domain.attachments().orElseThrow().attach(ada, task.id(),
                new NewAttachment("b.txt", "text/plain", 1))).isInstanceOf(AttachmentConflictException.class);
    }

    @Test
    void aDomainNeedsRepositories() {
        assertThatThrownBy(() -> TaskDomain.builder(null)).isInstanceOf(NullPointerException.class);
    }

    /** A file store that signs URLs and holds nothing: enough to attach, never to complete. */
    private static final class UnusedFileStore implements FileStore {
        @Override
        public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
            return new UploadGrant("https://files.example/" + key, Map.of(), expiresAt.getEpochSecond());
        }

        @Override
        public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
            return new DownloadGrant("https://files.example/" + key, expiresAt.getEpochSecond());
        }

        @Override
        public void keep(String key) {
        }

        @Override
        public Optional<StoredFile> stat(String key) {
            return Optional.empty();
        }

        @Override
        public void delete(String key) {
        }
    }
}
