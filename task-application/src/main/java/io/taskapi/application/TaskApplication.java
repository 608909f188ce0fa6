package io.taskapi.application;

import static java.util.Objects.requireNonNull;

import io.taskapi.TaskDomain;
import io.taskapi.domain.IdGenerator;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.AttachmentService;
import io.taskapi.domain.CommentService;
import io.taskapi.domain.FileStore;
import io.taskapi.domain.ListService;
import io.taskapi.domain.TaskService;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The one assembly of the core: the domain's use cases over a store ({@link TaskDomain}), and the HTTP-neutral API over
 * them. Every composition root (the Lambda function, the local server, a test) builds the application here, from a
 * store and a few settings that each have a default.
 */
public final class TaskApplication {
    private final TaskStore store;
    private final TaskDomain domain;
    private final TaskApi api;
    private final RequestLog log;

    private TaskApplication(Builder settings) {
        this.store = settings.store;
        this.log = settings.log;
        settings.log.keyOwnerHashes(settings.secret);
        TaskDomain.Builder domain = TaskDomain.builder(store).clock(settings.clock)
                .pageTokenSecret(settings.secret.pageTokenSecret()).attachmentLimits(settings.attachmentLimits);
        if (settings.ids != null) {
            domain.ids(settings.ids);
        }
        if (settings.files != null) {
            domain.files(settings.files);
        }
        this.domain = domain.build();
        this.api = new TaskApi(tasks(), lists(), comments(), attachments().orElse(null), settings.cors, settings.log,
                new Idempotency(store.idempotencyKeys(), settings.clock));
    }

    /**
     * An application over {@code store}; every other setting has a default the builder names.
     *
     * @param store where the application keeps its data
     * @return a builder of the application
     */
    public static Builder builder(TaskStore store) {
        return new Builder(store);
    }

    /**
     * The store the application keeps its data in.
     *
     * @return the store
     */
    public TaskStore store() {
        return store;
    }

    /**
     * The use cases of tasks, for callers inside the process.
     *
     * @return the task service
     */
    public TaskService tasks() {
        return domain.tasks();
    }

    /**
     * The use cases of shared lists, for callers inside the process.
     *
     * @return the list service
     */
    public ListService lists() {
        return domain.lists();
    }

    /**
     * The use cases of attachments, when a file store is configured.
     *
     * @return the attachment service, or empty without a file store
     */
    public Optional<AttachmentService> attachments() {
        return domain.attachments();
    }

    /**
     * The use cases of comments, for callers inside the process.
     *
     * @return the comment service
     */
    public CommentService comments() {
        return domain.comments();
    }

    /**
     * Works through up to {@code steps} pieces of the work list deletions and member removals left, each bounded;
     * what front doors run on a schedule.
     *
     * @param steps how many bounded pieces of work to do at most
     * @return whether work is left
     */
    public boolean maintain(int steps) {
        return lists().maintain(steps);
    }

    /**
     * The API over HTTP, for the front doors.
     *
     * @return the API
     */
    public TaskApi api() {
        return api;
    }

    /**
     * The request log, which the front doors re-arm for a cold start.
     *
     * @return the request log
     */
    public RequestLog log() {
        return log;
    }

    /**
     * The answers for operators: liveness, readiness, metrics.
     *
     * @return the operations answers
     */
    public Operations operations() {
        return new Operations(store, log.counters(), api);
    }

    /** The settings of an application, each with a default. */
    public static final class Builder {
        private final TaskStore store;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private DeploymentSecret secret;
        private CorsPolicy cors = CorsPolicy.anyOrigin();
        private RequestLog log;
        private FileStore files;
        private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULT;

        private Builder(TaskStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The clock of timestamps and idempotency records; default the system's, in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = requireNonNull(value, "clock");
            return this;
        }

        /**
         * The source of ids; default time-ordered UUIDs from the clock.
         *
         * @param value the id generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            ids = requireNonNull(value, "ids");
            return this;
        }

        /**
         * What signs page tokens and keys the log's owner hashes; default random: tokens last as long as the
         * process.
         *
         * @param value the deployment's secret
         * @return this builder
         */
        public Builder secret(DeploymentSecret value) {
            secret = requireNonNull(value, "secret");
            return this;
        }

        /**
         * Which browser origins may call; default any.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder cors(CorsPolicy value) {
            cors = requireNonNull(value, "cors");
            return this;
        }

        /**
         * Where request lines go; default standard output.
         *
         * @param value the request log
         * @return this builder
         */
        public Builder log(RequestLog value) {
            log = requireNonNull(value, "log");
            return this;
        }

        /**
         * Where attachments' files are kept; default none, and then tasks have no attachments (their routes: 404).
         *
         * @param value the file store
         * @return this builder
         */
        public Builder files(FileStore value) {
            files = requireNonNull(value, "files");
            return this;
        }

        /**
         * What may be attached; default {@link AttachmentLimits#DEFAULT}.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder attachmentLimits(AttachmentLimits value) {
            attachmentLimits = requireNonNull(value, "attachmentLimits");
            return this;
        }

        /**
         * The application, assembled.
         *
         * @return the application
         */
        public TaskApplication build() {
            if (log == null) {
                log = RequestLog.stdout();
            }
            if (secret == null) {
                secret = DeploymentSecret.random();
            }
            return new TaskApplication(this);
        }
    }
}
