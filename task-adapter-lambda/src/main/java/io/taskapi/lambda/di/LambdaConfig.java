package io.taskapi.lambda.di;

import io.taskapi.lambda.AuthMode;
import java.util.Map;
import java.util.Set;

/**
 * The function's settings, read once from its environment during init.
 *
 * @param tableName       the DynamoDB table ({@code TASKS_TABLE}, default {@code tasks})
 * @param pageTokenSecret base64 of at least 32 random bytes ({@code TASKS_PAGE_TOKEN_SECRET}); required, because
 *                        every instance of the function must accept the tokens of every other
 * @param corsOrigins     allowed browser origins ({@code TASKS_CORS_ORIGINS}, default {@code *})
 * @param idempotencyTable the DynamoDB table of idempotency keys ({@code TASKS_IDEMPOTENCY_TABLE}, default
 *                         {@code <tableName>-idempotency})
 * @param functionName    the function's name, which the Lambda runtime sets ({@code AWS_LAMBDA_FUNCTION_NAME}); the
 *                        dimension that keeps one deployment's metrics apart from another's (default {@code task-api})
 * @param authMode        how callers are identified ({@code TASKS_AUTH}: {@code cognito}, the default, takes the
 *                        user from API Gateway's Cognito authorizer; {@code none} serves one shared owner)
 */
public record LambdaConfig(
        String tableName, String pageTokenSecret, String corsOrigins, String idempotencyTable, String functionName,
        AuthMode authMode) {
    /** Every variable the function reads besides the AWS SDK's own; Terraform must set exactly these. */
    public static final Set<String> ENVIRONMENT_VARIABLES = Set.of(
            "TASKS_TABLE", "TASKS_PAGE_TOKEN_SECRET", "TASKS_CORS_ORIGINS", "TASKS_IDEMPOTENCY_TABLE", "TASKS_AUTH");

    public LambdaConfig {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("TASKS_TABLE must not be blank");
        }
        if (pageTokenSecret == null || pageTokenSecret.isBlank()) {
            throw new IllegalArgumentException(
                    "TASKS_PAGE_TOKEN_SECRET is required: base64 of at least 32 random bytes shared by all instances");
        }
        if (corsOrigins == null || corsOrigins.isBlank()) {
            corsOrigins = "*";
        }
        if (idempotencyTable == null || idempotencyTable.isBlank()) {
            idempotencyTable = tableName + "-idempotency";
        }
        if (functionName == null || functionName.isBlank()) {
            functionName = "task-api";
        }
        if (authMode == null) {
            authMode = AuthMode.COGNITO;
        }
    }

    /** Settings with the given idempotency table, the default function name and Cognito authentication. */
    public LambdaConfig(String tableName, String pageTokenSecret, String corsOrigins, String idempotencyTable) {
        this(tableName, pageTokenSecret, corsOrigins, idempotencyTable, null, null);
    }

    /** Settings with the default idempotency table and function name, identifying callers as {@code authMode} says. */
    public LambdaConfig(String tableName, String pageTokenSecret, String corsOrigins, AuthMode authMode) {
        this(tableName, pageTokenSecret, corsOrigins, null, null, authMode);
    }

    /** Settings with the default idempotency table and Cognito authentication. */
    public LambdaConfig(String tableName, String pageTokenSecret, String corsOrigins) {
        this(tableName, pageTokenSecret, corsOrigins, null, null, null);
    }

    public static LambdaConfig fromEnvironment(Map<String, String> env) {
        return new LambdaConfig(
                env.getOrDefault("TASKS_TABLE", "tasks"),
                env.get("TASKS_PAGE_TOKEN_SECRET"),
                env.getOrDefault("TASKS_CORS_ORIGINS", "*"),
                env.get("TASKS_IDEMPOTENCY_TABLE"),
                env.get("AWS_LAMBDA_FUNCTION_NAME"),
                AuthMode.parse(env.getOrDefault("TASKS_AUTH", "cognito")));
    }
}
