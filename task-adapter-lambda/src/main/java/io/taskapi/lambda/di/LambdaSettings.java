package io.taskapi.lambda.di;

import io.taskapi.application.AttachmentSettings;
import io.taskapi.application.AuthMode;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.Setting;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.dynamodb.ListTableSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The function's settings, read once from its environment during init into typed values.
 *
 * @param tasksTable       the DynamoDB table of tasks ({@code TASKS_TABLE})
 * @param idempotencyTable the DynamoDB table of idempotency keys ({@code TASKS_IDEMPOTENCY_TABLE})
 * @param listsTable       the DynamoDB table of shared lists, their members and invitations ({@code TASKS_LISTS_TABLE})
 * @param secret           what signs page tokens and keys the log's owner hashes, shared by every instance
 *                         ({@code TASKS_PAGE_TOKEN_SECRET})
 * @param cors             the browser origins allowed to call ({@code TASKS_CORS_ORIGINS})
 * @param functionName     the function's name, which the Lambda runtime sets; the dimension that keeps one
 *                         deployment's metrics apart from another's
 * @param auth             how callers are identified ({@code TASKS_AUTH})
 * @param attachmentsBucket the S3 bucket of attachments' files ({@code TASKS_ATTACHMENTS_BUCKET}), or {@code null}
 *                          for a function whose tasks have no attachments
 * @param attachmentLimits  what may be attached ({@link AttachmentSettings})
 */
public record LambdaSettings(
        String tasksTable, String idempotencyTable, String listsTable, DeploymentSecret secret, CorsPolicy cors,
        String functionName, AuthMode auth, String attachmentsBucket, AttachmentLimits attachmentLimits) {

    static final Setting<String> TASKS_TABLE = Setting.of("TASKS_TABLE", "tasks", "the DynamoDB table of tasks",
            text -> text);
    static final Setting<String> IDEMPOTENCY_TABLE = new Setting<>("TASKS_IDEMPOTENCY_TABLE", null,
            "<TASKS_TABLE>" + IdempotencyTableSchema.DEFAULT_SUFFIX, "the DynamoDB table of idempotency keys",
            text -> text);
    static final Setting<String> LISTS_TABLE = new Setting<>("TASKS_LISTS_TABLE", null,
            "<TASKS_TABLE>" + ListTableSchema.DEFAULT_SUFFIX,
            "the DynamoDB table of shared lists, their members and invitations", text -> text);
    static final Setting<DeploymentSecret> PAGE_TOKEN_SECRET = new Setting<>("TASKS_PAGE_TOKEN_SECRET", null,
            "none (required)", "base64 of at least 32 random bytes that signs page tokens", text -> {
                if (text == null) {
                    throw new IllegalArgumentException(
                            "is required: base64 of at least 32 random bytes shared by all instances");
                }
                return Setting.unusable(DeploymentSecret::fromBase64, "").apply(text);
            });
    static final Setting<CorsPolicy> CORS_ORIGINS = Setting.of("TASKS_CORS_ORIGINS", "*",
            "* or a comma-separated list of origins allowed to call the API", Setting.unusable(CorsPolicy::parse, ""));
    /** {@code jwt} by default: the caller is the {@code sub} of the token API Gateway's Cognito authorizer verified. */
    static final Setting<AuthMode> AUTH = Setting.of("TASKS_AUTH", "jwt",
            "jwt (the caller is the sub of the token the authorizer verified; an event without one is refused) or"
                    + " none (one shared owner, for demos)", AuthMode.parser());
    static final Setting<String> ATTACHMENTS_BUCKET = new Setting<>("TASKS_ATTACHMENTS_BUCKET", null,
            "none: tasks have no attachments", "the S3 bucket that keeps attachments' files", text -> text);
    static final Setting<String> FUNCTION_NAME = Setting.of("AWS_LAMBDA_FUNCTION_NAME", "task-api",
            "set by the Lambda runtime", text -> text);

    /** Every variable the function reads besides the AWS SDK's and the runtime's own; Terraform sets exactly these. */
    public static final List<String> ENVIRONMENT_VARIABLES = Stream.concat(Stream.of(TASKS_TABLE.variable(),
            IDEMPOTENCY_TABLE.variable(), LISTS_TABLE.variable(), PAGE_TOKEN_SECRET.variable(), CORS_ORIGINS.variable(),
            AUTH.variable(), ATTACHMENTS_BUCKET.variable()), AttachmentSettings.variables().stream()).toList();

    public LambdaSettings {
        if (tasksTable.equals(idempotencyTable)) {
            throw new IllegalArgumentException("TASKS_IDEMPOTENCY_TABLE must name a table of its own");
        }
        if (listsTable.equals(tasksTable) || listsTable.equals(idempotencyTable)) {
            throw new IllegalArgumentException("TASKS_LISTS_TABLE must name a table of its own");
        }
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(attachmentLimits, "attachmentLimits");
    }

    /**
     * The settings in {@code env}.
     *
     * @throws IllegalArgumentException naming the variable whose value is unusable
     */
    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        String tasksTable = TASKS_TABLE.read(env);
        String idempotencyTable = IDEMPOTENCY_TABLE.read(env);
        String listsTable = LISTS_TABLE.read(env);
        return new LambdaSettings(tasksTable,
                idempotencyTable == null ? tasksTable + IdempotencyTableSchema.DEFAULT_SUFFIX : idempotencyTable,
                listsTable == null ? tasksTable + ListTableSchema.DEFAULT_SUFFIX : listsTable,
                PAGE_TOKEN_SECRET.read(env), CORS_ORIGINS.read(env), FUNCTION_NAME.read(env), AUTH.read(env),
                ATTACHMENTS_BUCKET.read(env), AttachmentSettings.read(env));
    }
}
