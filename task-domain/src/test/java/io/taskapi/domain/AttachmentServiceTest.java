package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryAttachmentRepository;
import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The use cases of attachments: who may attach, complete, list, download and delete, and what each checks. */
class AttachmentServiceTest {
    private static final long T0 = 1_703_001_234L;
    private static final Actor OWNER = actor("olga");
    private static final Actor EDITOR = actor("ed");
    private static final Actor VIEWER = actor("vi");
    private static final Actor STRANGER = actor("stan");

    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository();
    private final FakeFileStore files = new FakeFileStore();
    private final MutableClock clock = MutableClock.at(T0);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final ListService listService =
            new ListService(lists, new InMemoryInvitationRepository(), tasks, clock, ids, sealer);
    private final TaskService taskService = new TaskService(tasks, lists, clock, ids, sealer);
    private final AttachmentLimits limits = new AttachmentLimits(1000, 3, AttachmentLimits.DEFAULT_CONTENT_TYPES,
            Duration.ofMinutes(5));
    private final AttachmentService service =
            new AttachmentService(attachments, files, tasks, lists, limits, clock, ids, sealer);

    private static Actor actor(String user) {
        return new Actor(new UserId(user), new OwnerId("user:" + user), Optional.empty());
    }

    private Task teamTask() {
        String list = listService.create(OWNER, "Team").list().id();
        listService.setRole(OWNER, list, EDITOR.user(), ListRole.EDITOR);
        listService.setRole(OWNER, list, VIEWER.user(), ListRole.VIEWER);
        return taskService.create(EDITOR, NewTask.builder("shared").listId(list).build());
    }

    private static NewAttachment pdf(long size) {
        return NewAttachment.of(" plan.pdf ", "Application/PDF", size, AttachmentLimits.DEFAULT);
    }

    /** Front doors read the limits they check and announce from the service they were given to. */
    @Test
    void theServiceAnswersTheLimitsItWasGiven() {
        assertThat(service.limits()).isSameAs(limits);
    }

    @Test
    void anEditorAttachesAFileWithAnUploadSignedForItsKeySizeAndType() {
        Task task = teamTask();

        AttachmentUpload upload = service.attach(EDITOR, task.id(), pdf(120));

        Attachment attachment = upload.attachment();
        assertThat(attachment.filename()).isEqualTo("plan.pdf");
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(attachment.status()).isEqualTo(AttachmentStatus.PENDING);
        assertThat(attachment.uploadedBy()).isEqualTo(EDITOR.user());
        assertThat(attachment.key()).isEqualTo(task.id() + "/" + attachment.id()).doesNotContain("plan");
        assertThat(upload.upload()).isEqualTo(new UploadGrant("put:" + attachment.key() + ":application/pdf:120",
                Map.of("Content-Type", "application/pdf"), T0 + 300));
    }

    @Test
    void onlyThoseWhoMayWriteTheTaskAttachCompleteAndDelete() {
        Task task = teamTask();
        Attachment attachment = service.attach(OWNER, task.id(), pdf(10)).attachment();
        files.upload(attachment.key(), 10, "application/pdf");

        assertThatThrownBy(() -> service.attach(VIEWER, task.id(), pdf(10))).isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.attach(STRANGER, task.id(), pdf(10)))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.complete(VIEWER, task.id(), attachment.id()))
                .isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.delete(VIEWER, task.id(), attachment.id()))
                .isInstanceOf(RoleRequiredException.class);
        assertThatThrownBy(() -> service.get(STRANGER, task.id(), attachment.id()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.list(STRANGER, task.id(), PageRequest.first(10)))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(service.list(VIEWER, task.id(), PageRequest.first(10)).items()).containsExactly(attachment);
        assertThat(service.get(VIEWER, task.id(), attachment.id()).download()).isEmpty();
    }

    @Test
    void completingChecksTheFileAsDeclaredAndThenOffersItsDownload() {
        Task task = teamTask();
        Attachment attachment = service.attach(EDITOR, task.id(), pdf(10)).attachment();

        assertThatThrownBy(() -> service.complete(EDITOR, task.id(), attachment.id()))
                .isInstanceOf(AttachmentConflictException.class).hasMessageContaining("has not been uploaded");
        files.upload(attachment.key(), 11, "application/pdf");
        assertThatThrownBy(() -> service.complete(EDITOR, task.id(), attachment.id()))
                .isInstanceOf(AttachmentConflictException.class)
                .hasMessage("The uploaded file has 11 bytes, not the 10 declared");
        files.upload(attachment.key(), 10, "text/html");
        assertThatThrownBy(() -> service.complete(EDITOR, task.id(), attachment.id()))
                .isInstanceOf(AttachmentConflictException.class)
                .hasMessage("The uploaded file's type is not the declared application/pdf");
        assertThat(service.get(EDITOR, task.id(), attachment.id()).attachment().status())
                .isEqualTo(AttachmentStatus.PENDING);
        assertThat(files.kept).isEmpty();

        files.upload(attachment.key(), 10, "application/pdf");
        Attachment available = service.complete(EDITOR, task.id(), attachment.id());

        assertThat(available.status()).isEqualTo(AttachmentStatus.AVAILABLE);
        assertThat(files.kept).containsExactly(attachment.key());
        assertThat(service.complete(OWNER, task.id(), attachment.id())).isEqualTo(available);
        AttachmentDownload download = service.get(VIEWER, task.id(), attachment.id());
        assertThat(download.download()).contains(new DownloadGrant(
                "get:" + attachment.key() + ":plan.pdf:application/pdf", T0 + 300));
    }

    @Test
    void aTaskHoldsItsLimitAndAbandonedUploadsGiveTheirPlacesBack() {
        Task task = teamTask();
        for (int i = 0; i < 3; i++) {
            service.attach(EDITOR, task.id(), pdf(10));
        }

        assertThatThrownBy(() -> service.attach(EDITOR, task.id(), pdf(10)))
                .isInstanceOf(AttachmentConflictException.class)
                .hasMessage("A task can have at most 3 attachments: delete one first");

        clock.advance(AttachmentService.PENDING_LIFETIME);
        assertThat(service.list(EDITOR, task.id(), PageRequest.first(10)).items()).isEmpty();
        Attachment fresh = service.attach(EDITOR, task.id(), pdf(10)).attachment();
        assertThat(service.list(EDITOR, task.id(), PageRequest.first(10)).items()).containsExactly(fresh);
        assertThat(files.deleted).hasSize(3);
    }

    @Test
    void deletingAnAttachmentDeletesItsFile() {
        Task task = teamTask();
        Attachment attachment = service.attach(EDITOR, task.id(), pdf(10)).attachment();
        files.upload(attachment.key(), 10, "application/pdf");

        service.delete(OWNER, task.id(), attachment.id());

        assertThat(files.stat(attachment.key())).isEmpty();
        assertThatThrownBy(() -> service.get(OWNER, task.id(), attachment.id()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> service.delete(OWNER, task.id(), attachment.id()))
                .isInstanceOf(AttachmentNotFoundException.class);
    }

    @Test
    void aFileIsDescribedByTheRulesOfItsFields() {
        assertThat(ValidationErrors.of(() -> NewAttachment.of("a/b.pdf", "text/html", 0L, AttachmentLimits.DEFAULT)))
                .containsExactly(
                        new FieldError(AttachmentField.FILENAME, "must not contain a path separator (/ or \\)"),
                        new FieldError(AttachmentField.CONTENT_TYPE, "must be one of: "
                                + String.join(", ", new TreeSet<>(AttachmentLimits.DEFAULT_CONTENT_TYPES))),
                        new FieldError(AttachmentField.SIZE, "must be from 1 to 26214400 bytes"));
        assertThat(ValidationErrors.of(() -> NewAttachment.of(null, null, null, AttachmentLimits.DEFAULT)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, "is required"),
                        new FieldError(AttachmentField.CONTENT_TYPE, "is required"),
                        new FieldError(AttachmentField.SIZE, "is required"));
        assertThat(ValidationErrors.of(() -> NewAttachment.of("..", "text/plain", 1L, AttachmentLimits.DEFAULT)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, "must name a file, not . or .."));
        assertThat(ValidationErrors.of(() -> NewAttachment.of("a\u0000b", "text/plain", 1L, AttachmentLimits.DEFAULT)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, "must not contain control characters"));
        assertThat(ValidationErrors.of(() -> NewAttachment.of("x".repeat(256), "text/plain", 1L,
                AttachmentLimits.DEFAULT)))
                .containsExactly(new FieldError(AttachmentField.FILENAME, "must be at most 255 characters"));
        assertThat(NewAttachment.of("é".repeat(255), "TEXT/PLAIN", AttachmentLimits.DEFAULT_MAX_BYTES,
                AttachmentLimits.DEFAULT).contentType()).isEqualTo("text/plain");
        assertThat(AttachmentLimits.DEFAULT_CONTENT_TYPES).doesNotContain("image/svg+xml", "text/html");
    }

    @Test
    void aDeletedTaskOrListTakesItsAttachmentsAndTheirFilesWithIt() {
        TaskService tasksWithFiles = new TaskService(tasks, lists, service, clock, ids, sealer);
        ListService listsWithFiles =
                new ListService(lists, new InMemoryInvitationRepository(), tasks, service, clock, ids, sealer);
        Task own = tasksWithFiles.create(OWNER, NewTask.builder("mine").build());
        Attachment ownFile = service.attach(OWNER, own.id(), pdf(10)).attachment();
        String list = listsWithFiles.create(OWNER, "Team").list().id();
        List<Attachment> listFiles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task task = tasksWithFiles.create(OWNER, NewTask.builder("t" + i).listId(list).build());
            listFiles.add(service.attach(OWNER, task.id(), pdf(10)).attachment());
        }

        tasksWithFiles.delete(OWNER, own.id());
        assertThat(attachments.all(own.id())).isEmpty();
        assertThat(files.deleted).containsExactly(ownFile.key());

        listsWithFiles.delete(OWNER, list);
        while (listsWithFiles.maintain(10)) {
            // Bounded steps until the list is gone.
        }
        for (Attachment attachment : listFiles) {
            assertThat(attachments.all(attachment.taskId())).isEmpty();
            assertThat(files.deleted).contains(attachment.key());
        }
    }

    /** A file store in memory whose URLs spell out what they grant, and which records what it was asked to do. */
    private static final class FakeFileStore implements FileStore {
        private final Map<String, StoredFile> stored = new HashMap<>();
        final List<String> kept = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        void upload(String key, long size, String contentType) {
            stored.put(key, new StoredFile(size, contentType));
        }

        @Override
        public UploadGrant uploadGrant(String key, String contentType, long size, Instant expiresAt) {
            return new UploadGrant("put:" + key + ":" + contentType + ":" + size, Map.of("Content-Type", contentType),
                    expiresAt.getEpochSecond());
        }

        @Override
        public DownloadGrant downloadGrant(String key, String filename, String contentType, Instant expiresAt) {
            return new DownloadGrant("get:" + key + ":" + filename + ":" + contentType, expiresAt.getEpochSecond());
        }

        @Override
        public void keep(String key) {
            kept.add(key);
        }

        @Override
        public Optional<StoredFile> stat(String key) {
            return Optional.ofNullable(stored.get(key));
        }

        @Override
        public void delete(String key) {
            stored.remove(key);
            deleted.add(key);
        }
    }
}
