package io.taskapi;

import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.AttachmentService;
import io.taskapi.domain.CommentService;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.IdGenerator;
import io.taskapi.domain.ListService;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.Repositories;
import io.taskapi.domain.TaskAttachments;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.memory.InMemoryRepositories;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of the domain: its use cases, assembled once over one set of {@link Repositories}.
 * {@code TaskDomain.inMemory()} keeps everything in memory; {@code TaskDomain.builder(repositories)} takes a store, such
 * as the DynamoDB module's {@code DynamoDbStore}, and optionally a clock, an id generator, a page-token secret and a file
 * store for attachments.
 */
public final class TaskDomain {
    private final Repositories repositories;
    private final TaskService tasks;
    private final ListService lists;
    private final CommentService comments;
    /** The use cases of attachments, or {@code null} when no file store was given. */
    private final AttachmentService attachments;

    private TaskDomain(Builder settings) {
        this.repositories = settings.repositories;
        Clock clock = settings.clock;
        IdGenerator ids = settings.ids == null ? new UuidV7Generator(clock) : settings.ids;
        PageTokenSealer pageTokens = settings.pageTokens == null ? PageTokenSealer.withRandomSecret()
                : settings.pageTokens;
        this.attachments = settings.files == null ? null
                : new AttachmentService(repositories.attachments(), settings.files, repositories.tasks(),
                        repositories.lists(), settings.attachmentLimits, clock, ids, pageTokens);
        TaskAttachments taskAttachments = attachments == null ? TaskAttachments.NONE : attachments;
        this.tasks = new TaskService(repositories.tasks(), repositories.lists(), taskAttachments, clock, ids,
                pageTokens);
        this.lists = new ListService(repositories.lists(), repositories.invitations(), repositories.tasks(),
                taskAttachments, clock, ids, pageTokens);
        this.comments = new CommentService(repositories.tasks(), repositories.lists(), clock, ids, pageTokens);
    }

    /**
     * A domain whose data lives in this process's memory, with every setting at its default.
     *
     * @return the domain
     */
    public static TaskDomain inMemory() {
        return builder(new InMemoryRepositories()).build();
    }

    /**
     * A domain over {@code repositories}; every other setting has a default the builder names.
     *
     * @param repositories where the domain keeps its data
     * @return a builder of the domain
     */
    public static Builder builder(Repositories repositories) {
        return new Builder(repositories);
    }

    /**
     * The use cases of tasks.
     *
     * @return the task service
     */
    public TaskService tasks() {
        return tasks;
    }

    /**
     * The use cases of shared lists, their members and invitations.
     *
     * @return the list service
     */
    public ListService lists() {
        return lists;
    }

    /**
     * The use cases of tasks' comments.
     *
     * @return the comment service
     */
    public CommentService comments() {
        return comments;
    }

    /**
     * The use cases of tasks' attachments.
     *
     * @return the attachment service, or empty when the domain was built without a {@link FileStore}
     */
    public Optional<AttachmentService> attachments() {
        return Optional.ofNullable(attachments);
    }

    /**
     * Where the domain keeps its data.
     *
     * @return the repositories it was built over
     */
    public Repositories repositories() {
        return repositories;
    }

    /** The settings of a domain, each but the repositories with a default. */
    public static final class Builder {
        private final Repositories repositories;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private PageTokenSealer pageTokens;
        private FileStore files;
        private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULT;

        private Builder(Repositories repositories) {
            this.repositories = Objects.requireNonNull(repositories, "repositories");
        }

        /**
         * The clock of every timestamp; default the system's, in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The source of ids for tasks, lists, comments and attachments; default time-ordered UUIDs (version 7) from the
         * clock.
         *
         * @param value the id generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /**
         * The secret that signs page tokens, at least {@value PageTokenSealer#MIN_SECRET_BYTES} bytes: every process
         * given the same secret accepts the others' tokens. Default a random one, so that tokens last as long as the
         * process.
         *
         * @param value the secret; it is copied
         * @return this builder
         * @throws IllegalArgumentException if it is shorter than {@value PageTokenSealer#MIN_SECRET_BYTES} bytes
         */
        public Builder pageTokenSecret(byte[] value) {
            pageTokens = new PageTokenSealer(Objects.requireNonNull(value, "pageTokenSecret"));
            return this;
        }

        /**
         * Where attachments' files are kept; default none, and then tasks have no attachments.
         *
         * @param value the file store
         * @return this builder
         */
        public Builder files(FileStore value) {
            files = Objects.requireNonNull(value, "files");
            return this;
        }

        /**
         * What may be attached; default {@link AttachmentLimits#DEFAULT}.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder attachmentLimits(AttachmentLimits value) {
            attachmentLimits = Objects.requireNonNull(value, "attachmentLimits");
            return this;
        }

        /**
         * The domain, assembled.
         *
         * @return the domain
         */
        public TaskDomain build() {
            return new TaskDomain(this);
        }
    }
}
