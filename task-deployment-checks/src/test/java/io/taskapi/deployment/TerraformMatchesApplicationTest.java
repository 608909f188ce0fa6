package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.AuthMode;
import io.taskapi.domain.PageTokenSealer;
import com.google.gson.JsonParser;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.dynamodb.ListTableSchema;
import io.taskapi.dynamodb.TaskTableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Terraform provisions is what the code needs: the function's environment, the tables' keys, indexes and time to
 * live, an IAM policy granting exactly the stores' operations on exactly their tables and indexes, and the schedule
 * that runs the function's maintenance.
 *
 * <p>Read with hcl4j, which leaves references as their source text and cannot evaluate a {@code for} expression over a
 * resource attribute; see each test for what is compared as a value and what as an expression. Nothing here needs the
 * packaged function; {@code TerraformMatchesPackageIT} compares the environment with what the zip's handler reads.
 */
class TerraformMatchesApplicationTest {
    private static final Path LAMBDA_MODULE = Repository.infrastructure().resolve("modules/lambda");

    private static Map<String, Object> root;
    private static Map<String, Object> lambdaCall;
    private static Map<String, Object> table;

    @BeforeAll
    static void readTheConfiguration() {
        root = Terraform.module(Repository.infrastructure());
        lambdaCall = Terraform.block(root, "module", "lambda");
        table = Terraform.block(root, "resource", "aws_dynamodb_table", "tasks");
        assertThat(lambdaCall.get("source")).isEqualTo("./modules/lambda");
    }

    // ---- the function's environment -------------------------------------------------------------------------------

    @Test
    void theFunctionIsToldTheNameOfTheTableTerraformCreates() {
        assertThat(Terraform.reference(Terraform.at(lambdaCall, "environment_variables", "TASKS_TABLE")))
                .isEqualTo("aws_dynamodb_table.tasks.name");
    }

    @Test
    void theFunctionIsToldTheNameOfTheListsTableTerraformCreates() {
        assertThat(Terraform.reference(Terraform.at(lambdaCall, "environment_variables", "TASKS_LISTS_TABLE")))
                .isEqualTo("aws_dynamodb_table.lists.name");
    }

    @Test
    void thePageTokenSecretIsGeneratedWithTheLengthTheHandlerRequires() {
        Map<String, Object> secret = Terraform.block(root, "resource", "random_bytes", "page_token_secret");

        assertThat(Terraform.reference(Terraform.at(lambdaCall, "environment_variables", "TASKS_PAGE_TOKEN_SECRET")))
                .isEqualTo("random_bytes.page_token_secret.base64");
        assertThat(((Number) secret.get("length")).intValue()).isGreaterThanOrEqualTo(PageTokenSealer.MIN_SECRET_BYTES);
    }

    @Test
    void theFunctionRunsTheHandlerTheRootModuleNames() {
        Map<String, Object> function = Terraform.block(
                Terraform.module(LAMBDA_MODULE), "resource", "aws_lambda_function", "this");

        // hcl4j replaces local.handler by its value, so the module call carries the literal string.
        assertThat(lambdaCall.get("handler")).isEqualTo(HandlerString.fromTerraform().value());
        assertThat(Terraform.reference(function.get("handler"))).isEqualTo("var.handler");
    }

    // ---- identity -----------------------------------------------------------------------------------------------------

    /**
     * Terraform keeps its own auth_mode words ({@code cognito}, the default, or {@code none}) and main.tf translates
     * them into the function's: behind the Cognito authorizer the caller is the verified token's sub ({@code jwt}),
     * without it one shared owner ({@code none}). Those two words are exactly the modes the function knows, each
     * meaning what the translation intends. hcl4j cannot evaluate the conditional (its local lives in another file),
     * so the expressions are compared as source text.
     */
    @Test
    void theFunctionIsToldTheAuthModeTerraformIsConfiguredWithInTheFunctionsWords() {
        Map<String, Object> authMode = Terraform.block(root, "variable", "auth_mode");

        assertThat(authMode.get("default")).isEqualTo("cognito");
        assertThat(rootSourceWithoutWhitespace()).contains(
                withoutWhitespace("contains([\"cognito\", \"none\"], var.auth_mode)"),
                withoutWhitespace("cognito_enabled = var.auth_mode == \"cognito\""),
                withoutWhitespace("TASKS_AUTH = local.cognito_enabled ? \"jwt\" : \"none\""));
        // A mode the function gains, or a word it stops accepting, fails here until main.tf says what to pass.
        assertThat(AuthMode.values()).containsExactlyInAnyOrder(AuthMode.JWT, AuthMode.NONE);
        assertThat(AuthMode.parser().apply("jwt")).isEqualTo(AuthMode.JWT);
        assertThat(AuthMode.parser().apply("none")).isEqualTo(AuthMode.NONE);
    }

    /**
     * A Cognito authorizer guards every method but the preflight: the API has exactly two kinds of method, ANY with the
     * authorizer (when auth_mode is cognito) and OPTIONS without, both proxied to the function. hcl4j cannot evaluate
     * the conditionals, so they are compared as source text.
     */
    @Test
    void everyMethodButThePreflightHasTheCognitoAuthorizer() {
        Map<String, Object> methods = Terraform.block(root, "resource", "aws_api_gateway_method");
        Map<String, Object> proxy = Terraform.block(methods, "proxy");
        Map<String, Object> preflight = Terraform.block(methods, "preflight");
        Map<String, Object> authorizer = Terraform.block(root, "resource", "aws_api_gateway_authorizer", "cognito");

        assertThat(methods.keySet()).containsExactlyInAnyOrder("proxy", "preflight");
        assertThat(proxy.get("http_method")).isEqualTo("ANY");
        assertThat(preflight.get("http_method")).isEqualTo("OPTIONS");
        assertThat(preflight.get("authorization")).isEqualTo("NONE");
        assertThat(preflight).doesNotContainKey("authorizer_id");
        assertThat(rootSourceWithoutWhitespace()).contains(withoutWhitespace(
                "cognito_enabled = var.auth_mode == \"cognito\""), withoutWhitespace(
                "authorization = local.cognito_enabled ? \"COGNITO_USER_POOLS\" : \"NONE\""), withoutWhitespace(
                "authorizer_id = local.cognito_enabled ? aws_api_gateway_authorizer.cognito[0].id : null"));

        assertThat(authorizer.get("type")).isEqualTo("COGNITO_USER_POOLS");
        assertThat(authorizer.get("identity_source")).isEqualTo("method.request.header.Authorization");
        assertThat(rootSourceWithoutWhitespace()).contains(withoutWhitespace(
                "provider_arns = [aws_cognito_user_pool.this[0].arn]"));

        Map<String, Object> integrations = Terraform.block(root, "resource", "aws_api_gateway_integration");
        assertThat(integrations.keySet()).containsExactlyInAnyOrder("proxy", "preflight");
        for (String name : List.of("proxy", "preflight")) {
            Map<String, Object> integration = Terraform.block(integrations, name);
            assertThat(integration.get("type")).isEqualTo("AWS_PROXY");
            assertThat(Terraform.reference(integration.get("uri"))).isEqualTo("module.lambda.alias_invoke_arn");
        }
        // A change to any of them must redeploy the stage.
        assertThat(rootSourceWithoutWhitespace()).contains(withoutWhitespace("""
                aws_api_gateway_authorizer.cognito,
                aws_api_gateway_method.proxy,
                aws_api_gateway_integration.proxy,
                aws_api_gateway_method.preflight,
                aws_api_gateway_integration.preflight,"""));
    }

    /** API Gateway's own 401 and 403 (the authorizer's refusals) carry CORS headers, the 401 the API's challenge. */
    @Test
    void theAuthorizersRefusalsCarryCorsHeadersAndTheBearerChallenge() {
        Map<String, Object> responses = Terraform.block(root, "locals", "gateway_responses");
        Map<String, Object> unauthorized = Terraform.block(responses, "UNAUTHORIZED");

        assertThat(responses).containsKeys("UNAUTHORIZED", "ACCESS_DENIED");
        assertThat(unauthorized.get("status_code")).isEqualTo("401");
        assertThat(Terraform.block(unauthorized, "headers"))
                .containsEntry("gatewayresponse.header.WWW-Authenticate", "'Bearer realm=\"tasks\"'");
        assertThat(Terraform.block(responses, "ACCESS_DENIED").get("status_code")).isEqualTo("403");
        // Every gateway response gets the CORS header (TerraformApiGatewayTest checks its value), and each its own
        // extra headers.
        assertThat(rootSourceWithoutWhitespace()).contains(withoutWhitespace(
                "response_parameters = merge(local.gateway_cors_headers, each.value.headers)"));
    }

    /** The app client is public (no secret to leak) and never accepts a plain password from the internet. */
    @Test
    void theAppClientHasNoSecretAndNoPlainPasswordFlow() {
        Map<String, Object> client = Terraform.block(root, "resource", "aws_cognito_user_pool_client", "this");

        assertThat(client.get("generate_secret")).isEqualTo(false);
        assertThat(strings(client.get("explicit_auth_flows"))).doesNotContain("ALLOW_USER_PASSWORD_AUTH")
                .contains("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client.get("prevent_user_existence_errors")).isEqualTo("ENABLED");
    }

    // ---- IAM --------------------------------------------------------------------------------------------------------

    @Test
    void iamGrantsExactlyTheDynamoDbOperationsTheRepositoryUses() {
        assertThat(dynamoDbActions("TasksTable")).isEqualTo(prefixed(TaskTableSchema.operationsUsed()));
    }

    @Test
    void iamGrantsExactlyTheDynamoDbOperationsTheIdempotencyStoreUsesOnItsTableOnly() {
        String tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/task-api-dev-tasks-idempotency";
        Map<String, Object> statement = lambdaPolicyStatements(Map.of("idempotency_table_arn", tableArn)).stream()
                .filter(s -> "IdempotencyTable".equals(s.get("sid"))).findFirst().orElseThrow();

        assertThat(dynamoDbActions("IdempotencyTable")).isEqualTo(prefixed(IdempotencyTableSchema.operationsUsed()));
        assertThat(strings(statement.get("resources"))).containsExactly(tableArn);
        assertThat(Terraform.reference(lambdaCall.get("idempotency_table_arn")))
                .isEqualTo("aws_dynamodb_table.idempotency.arn");
    }

    @Test
    void iamGrantsExactlyTheDynamoDbOperationsTheListStoreUsesOnItsTableOnly() {
        String tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/task-api-dev-tasks-lists";
        Map<String, Object> statement = lambdaPolicyStatements(Map.of("lists_table_arn", tableArn)).stream()
                .filter(s -> "ListsTable".equals(s.get("sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no ListsTable statement in the function's policy"));
        Map<String, Object> input = Terraform.block(Terraform.module(LAMBDA_MODULE), "variable", "lists_table_arn");

        assertThat(dynamoDbActions("ListsTable")).isEqualTo(prefixed(ListTableSchema.operationsUsed()));
        assertThat(strings(statement.get("resources"))).containsExactly(tableArn);
        assertThat(Terraform.reference(lambdaCall.get("lists_table_arn"))).isEqualTo("aws_dynamodb_table.lists.arn");
        assertThat(Terraform.typeOf(input)).isEqualTo("string");
        assertThat(input).containsKey("description");
    }

    /**
     * Every DynamoDB grant is one of the three table statements, each naming its own resources; none is a wildcard, and
     * no table may be scanned.
     */
    @Test
    void everyDynamoDbGrantIsATableStatementWithoutWildcardOrScan() {
        String tasksArn = "arn:aws:dynamodb:us-east-1:123456789012:table/task-api-dev-tasks";
        List<Map<String, Object>> statements = lambdaPolicyStatements(Map.of(
                "dynamodb_table_arn", tasksArn,
                "dynamodb_index_arns", List.of(tasksArn + "/index/status-index"),
                "idempotency_table_arn", tasksArn + "-idempotency",
                "lists_table_arn", tasksArn + "-lists")).stream()
                .filter(s -> strings(s.get("actions")).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(statements).extracting(s -> s.get("sid"))
                .containsExactlyInAnyOrder("TasksTable", "IdempotencyTable", "ListsTable");
        assertThat(statements).allSatisfy(statement -> {
            assertThat(strings(statement.get("actions"))).as("actions of %s", statement.get("sid"))
                    .allSatisfy(action -> assertThat(action).startsWith("dynamodb:").doesNotContain("*"))
                    .doesNotContain("dynamodb:Scan");
            assertThat(strings(statement.get("resources"))).as("resources of %s", statement.get("sid"))
                    .allSatisfy(arn -> assertThat(arn).startsWith(tasksArn).doesNotContain("*"));
        });
    }

    @Test
    void theIdempotencyTableHasTheSchemasKeysAndExpiresByTimeToLive() {
        Map<String, Object> idempotency = Terraform.block(root, "resource", "aws_dynamodb_table", "idempotency");
        Map<String, Object> defined = new LinkedHashMap<>();
        for (Map<String, Object> attribute : Terraform.blocks(idempotency.get("attribute"))) {
            defined.put((String) attribute.get("name"), attribute.get("type"));
        }

        assertThat(List.of(idempotency.get("hash_key"), idempotency.get("range_key")))
                .isEqualTo(IdempotencyTableSchema.tableKeys());
        assertThat(defined).isEqualTo(IdempotencyTableSchema.keyAttributeTypes());
        assertThat(Terraform.block(idempotency, "ttl"))
                .containsEntry("attribute_name", IdempotencyTableSchema.timeToLiveAttribute())
                .containsEntry("enabled", true);
        assertThat(Terraform.reference(Terraform.at(lambdaCall, "environment_variables", "TASKS_IDEMPOTENCY_TABLE")))
                .isEqualTo("aws_dynamodb_table.idempotency.name");
    }

    @Test
    void theListsTableHasTheSchemasKeysAndExpiresByTimeToLive() {
        Map<String, Object> lists = Terraform.block(root, "resource", "aws_dynamodb_table", "lists");
        Map<String, Object> defined = new LinkedHashMap<>();
        for (Map<String, Object> attribute : Terraform.blocks(lists.get("attribute"))) {
            assertThat(defined.put((String) attribute.get("name"), attribute.get("type")))
                    .as("attribute %s defined once", attribute.get("name")).isNull();
        }

        assertThat(List.of(lists.get("hash_key"), lists.get("range_key"))).isEqualTo(ListTableSchema.tableKeys());
        assertThat(defined).isEqualTo(ListTableSchema.keyAttributeTypes());
        assertThat(lists).doesNotContainKeys("global_secondary_index", "local_secondary_index");
        assertThat(Terraform.block(lists, "ttl"))
                .containsEntry("attribute_name", ListTableSchema.timeToLiveAttribute())
                .containsEntry("enabled", true);
        // The name the local server derives from TASKS_TABLE; hcl4j renders the unresolved local as its name.
        assertThat(lists.get("name")).isEqualTo(table.get("name") + ListTableSchema.DEFAULT_SUFFIX);
    }

    /** Abandoned uploads' attachment records expire by the attribute the store writes on pending ones only. */
    @Test
    void theTasksTableExpiresPendingAttachmentsByTimeToLive() {
        assertThat(Terraform.block(table, "ttl"))
                .containsEntry("attribute_name", TaskTableSchema.EXPIRES_AT)
                .containsEntry("enabled", true);
    }

    /** Lists and their members are user data like tasks: on demand, recoverable to a point in time, encrypted. */
    @Test
    void theListsTableIsProvisionedLikeTheTasksTable() {
        Map<String, Object> lists = Terraform.block(root, "resource", "aws_dynamodb_table", "lists");

        assertThat(lists).containsEntry("billing_mode", "PAY_PER_REQUEST");
        assertThat(Terraform.block(lists, "point_in_time_recovery")).containsEntry("enabled", true);
        assertThat(Terraform.block(lists, "server_side_encryption")).containsEntry("enabled", true);
        assertThat(Terraform.reference(lists.get("deletion_protection_enabled")))
                .isEqualTo("var.table_deletion_protection_enabled");
    }

    private static Set<String> dynamoDbActions(String sid) {
        return lambdaPolicyStatements(Map.of()).stream()
                .filter(statement -> sid.equals(statement.get("sid")))
                .flatMap(statement -> strings(statement.get("actions")).stream())
                .filter(action -> action.startsWith("dynamodb:"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> prefixed(Set<String> operations) {
        return operations.stream().map(operation -> "dynamodb:" + operation)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theThrottleAlarmWatchesTheOperationsTheRepositoryUses() {
        assertThat(new TreeSet<>(strings(Terraform.at(root, "locals", "table_operations"))))
                .isEqualTo(new TreeSet<>(TaskTableSchema.operationsUsed()));
    }

    /**
     * Proved in three steps, because hcl4j cannot evaluate the root's {@code for} over the table's indexes:
     * <ol>
     *   <li>the module, evaluated with sample inputs, grants DynamoDB on exactly its table ARN input followed by its
     *       index ARN inputs (no wildcard, nothing else);</li>
     *   <li>the root passes the tasks table's ARN and {@code local.table_index_arns};</li>
     *   <li>that local is, as an expression, one {@code <table arn>/index/<name>} per index of the same table, whose
     *       indexes {@link #everyGlobalSecondaryIndexMatchesTheSchemaAndProjectsAll} compares with the schema.</li>
     * </ol>
     */
    @Test
    void iamCoversExactlyTheTableAndEachOfItsIndexes() {
        String tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/task-api-dev-tasks";
        List<String> indexArns = TaskTableSchema.indexes().stream()
                .map(index -> tableArn + "/index/" + index.name())
                .toList();
        List<Map<String, Object>> dynamoDbStatements = lambdaPolicyStatements(
                Map.of("dynamodb_table_arn", tableArn, "dynamodb_index_arns", indexArns)).stream()
                .filter(statement -> "TasksTable".equals(statement.get("sid")))
                .toList();
        List<String> expected = new ArrayList<>(List.of(tableArn));
        expected.addAll(indexArns);

        assertThat(dynamoDbStatements).hasSize(1);
        assertThat(strings(dynamoDbStatements.get(0).get("resources"))).isEqualTo(expected);

        assertThat(Terraform.reference(lambdaCall.get("dynamodb_table_arn"))).isEqualTo("aws_dynamodb_table.tasks.arn");
        assertThat(Terraform.reference(lambdaCall.get("dynamodb_index_arns"))).isEqualTo("local.table_index_arns");

        assertThat(Terraform.block(root, "locals")).containsKey("table_index_arns");
        assertThat(rootSourceWithoutWhitespace()).contains(withoutWhitespace("""
                table_index_arns = [
                  for index in aws_dynamodb_table.tasks.global_secondary_index :
                  "${aws_dynamodb_table.tasks.arn}/index/${index.name}"
                ]"""));
    }

    @Test
    void thePolicyIsAttachedToTheRoleTheFunctionRunsAs() {
        Map<String, Object> module = Terraform.module(LAMBDA_MODULE);

        assertThat(Terraform.reference(Terraform.at(module, "resource", "aws_iam_role_policy", "this", "policy")))
                .isEqualTo("data.aws_iam_policy_document.this.json");
        assertThat(Terraform.reference(Terraform.at(module, "resource", "aws_iam_role_policy", "this", "role")))
                .isEqualTo("aws_iam_role.this.id");
        assertThat(Terraform.reference(Terraform.at(module, "resource", "aws_lambda_function", "this", "role")))
                .isEqualTo("aws_iam_role.this.arn");
    }

    // ---- the table --------------------------------------------------------------------------------------------------

    @Test
    void theTableKeysMatchTheSchema() {
        assertThat(List.of(table.get("hash_key"), table.get("range_key"))).isEqualTo(TaskTableSchema.tableKeys());
    }

    @Test
    void theAttributeDefinitionsAreExactlyTheSchemasKeyAttributes() {
        Map<String, Object> defined = new LinkedHashMap<>();
        for (Map<String, Object> attribute : Terraform.blocks(table.get("attribute"))) {
            assertThat(defined.put((String) attribute.get("name"), attribute.get("type")))
                    .as("attribute %s defined once", attribute.get("name")).isNull();
        }

        assertThat(defined).isEqualTo(TaskTableSchema.keyAttributeTypes());
    }

    @Test
    void everyGlobalSecondaryIndexMatchesTheSchemaAndProjectsAll() {
        List<Map<String, Object>> indexes = Terraform.blocks(table.get("global_secondary_index"));

        assertThat(indexes).allSatisfy(index -> {
            assertThat(index.get("projection_type")).as("projection of %s", index.get("name")).isEqualTo("ALL");
            assertThat(index).as("%s projects everything", index.get("name")).doesNotContainKey("non_key_attributes");
        });
        assertThat(indexes.stream()
                .map(index -> new TaskTableSchema.Index(
                        (String) index.get("name"), (String) index.get("hash_key"), (String) index.get("range_key")))
                .toList())
                .containsExactlyInAnyOrderElementsOf(TaskTableSchema.indexes());
    }

    // ---- the maintenance schedule -----------------------------------------------------------------------------------

    /**
     * The event the schedule sends instead of EventBridge's own, which the handler recognises as its cue to run the
     * queued maintenance work (issue 15: purges of deleted lists, unassignments of removed members). The handler lives
     * in the zip, not on this module's class path, so the constant is written here as the spec gives it.
     */
    private static final String MAINTENANCE_EVENT = "{\"source\":\"taskapi.maintenance\"}";

    @Test
    void aScheduleInvokesTheLiveAliasEveryMinuteWithTheMaintenanceEvent() {
        Map<String, Object> rule = Terraform.block(root, "resource", "aws_cloudwatch_event_rule", "maintenance");
        Map<String, Object> targets = Terraform.block(root, "resource", "aws_cloudwatch_event_target");
        Map<String, Object> target = Terraform.block(targets, "maintenance");

        assertThat(rule).containsEntry("schedule_expression", "rate(1 minute)").doesNotContainKey("event_pattern");
        assertThat(targets).as("the rule's only target").containsOnlyKeys("maintenance");
        assertThat(Terraform.reference(target.get("rule"))).isEqualTo("aws_cloudwatch_event_rule.maintenance.name");
        assertThat(Terraform.reference(target.get("arn"))).as("the alias, never $LATEST")
                .isEqualTo("module.lambda.alias_arn");
        assertThat(target).doesNotContainKeys("input_path", "input_transformer");
        // jsonencode({...}), which hcl4j evaluates; compared as JSON, not as text.
        assertThat(target.get("input")).isInstanceOf(String.class);
        assertThat(JsonParser.parseString((String) target.get("input")))
                .isEqualTo(JsonParser.parseString(MAINTENANCE_EVENT));
        assertThat(Terraform.reference(Terraform.at(Terraform.module(LAMBDA_MODULE), "output", "alias_arn", "value")))
                .isEqualTo("aws_lambda_alias.this.arn");
    }

    @Test
    void onlyTheScheduleMayInvokeTheAliasFromEventBridge() {
        Map<String, Object> permission = Terraform.block(root, "resource", "aws_lambda_permission", "maintenance");

        assertThat(permission).containsEntry("action", "lambda:InvokeFunction")
                .containsEntry("principal", "events.amazonaws.com");
        assertThat(Terraform.reference(permission.get("function_name"))).isEqualTo("module.lambda.function_name");
        assertThat(Terraform.reference(permission.get("qualifier"))).isEqualTo("module.lambda.alias_name");
        assertThat(Terraform.reference(permission.get("source_arn"))).isEqualTo("aws_cloudwatch_event_rule.maintenance.arn");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static List<Map<String, Object>> lambdaPolicyStatements(Map<String, Object> moduleInputs) {
        Map<String, Object> module = Terraform.module(LAMBDA_MODULE, moduleInputs);
        return Terraform.blocks(Terraform.at(module, "data", "aws_iam_policy_document", "this", "statement"));
    }

    private static List<String> strings(Object list) {
        assertThat(list).as("a list of strings").isInstanceOf(List.class);
        return ((List<?>) list).stream().map(String.class::cast).toList();
    }

    private static String rootSourceWithoutWhitespace() {
        StringBuilder all = new StringBuilder();
        try {
            for (Path file : Terraform.files(Repository.infrastructure())) {
                if (file.getParent().equals(Repository.infrastructure())) {
                    all.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withoutWhitespace(all.toString());
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
