package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What keeps data from being deleted or read by accident: one deletion-protection input for every resource that holds
 * data, documented where the teardown is, and a customer managed key for the function's environment (the page-token
 * secret) that only the function's role and the account's key administrators can use.
 */
class TerraformDataProtectionTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path LAMBDA_MODULE = ROOT.resolve("modules/lambda");
    private static final String PROTECTION = "table_deletion_protection_enabled";

    /**
     * The argument by which the provider protects a resource from deletion, per resource type, with its value when the
     * protection is on and when it is off. A bucket's {@code force_destroy} is the opposite of protection: false, a
     * destroy fails while the bucket holds an object; true, it deletes every object first.
     */
    private static final Map<String, Protection> PROTECTION_ARGUMENTS = Map.of(
            // website/docs/r/dynamodb_table.html.markdown
            "aws_dynamodb_table", new Protection("deletion_protection_enabled", true, false),
            // website/docs/r/cognito_user_pool.html.markdown
            "aws_cognito_user_pool", new Protection("deletion_protection", "ACTIVE", "INACTIVE"),
            // website/docs/r/s3_bucket.html.markdown
            "aws_s3_bucket", new Protection("force_destroy", false, true));

    /** The resources that hold data; every one of them must be protected. */
    private static final Set<String> PROTECTED = Set.of(
            "aws_dynamodb_table.tasks", "aws_dynamodb_table.lists", "aws_dynamodb_table.idempotency",
            "aws_cognito_user_pool.this[0]", "aws_s3_bucket.attachments");

    /**
     * Buckets that hold no data, only files Terraform itself uploads from the repository (the next apply writes them
     * again): always emptied by a destroy ({@code force_destroy = true} whatever the protection), and written by no
     * one else.
     */
    private static final Set<String> BUILD_OUTPUTS = Set.of("aws_s3_bucket.board[0]");

    private record Protection(String argument, Object whenOn, Object whenOff) {
    }

    // ---- deletion protection ------------------------------------------------------------------------------------------

    @Test
    void everyResourceWithDeletionProtectionFollowsTheOneInput() {
        Map<String, Object> on = Terraform.module(ROOT, Map.of(PROTECTION, true));
        Map<String, Object> off = Terraform.module(ROOT, Map.of(PROTECTION, false));

        assertThat(protectedAddresses()).isEqualTo(new TreeSet<>(PROTECTED));
        PROTECTION_ARGUMENTS.forEach((type, protection) -> resourceNames(on, type).forEach(name -> {
            if (BUILD_OUTPUTS.contains(address(on, type, name))) {
                return;
            }
            // A new table, pool or bucket holds data too: it cannot leave the argument out.
            assertThat(Terraform.block(on, "resource", type, name)).as("%s.%s", type, name)
                    .containsKey(protection.argument());
            Object whenOn = Terraform.at(on, "resource", type, name, protection.argument());
            Object whenOff = Terraform.at(off, "resource", type, name, protection.argument());
            assertThat(List.of(whenOn, whenOff))
                    .as("%s.%s %s with %s = true, false", type, name, protection.argument(), PROTECTION)
                    .isEqualTo(List.of(protection.whenOn(), protection.whenOff()));
        }));
        assertThat(Terraform.typeOf(Terraform.block(on, "variable", PROTECTION))).isEqualTo("bool");
        assertThat(Terraform.block(on, "variable", PROTECTION)).containsEntry("default", true);
        assertThat(Terraform.tfvars(ROOT.resolve("environments/prod.tfvars"))).containsEntry(PROTECTION, true);
    }

    /**
     * The board's bucket is always emptied by a destroy, and only Terraform writes it: every object in it is an
     * {@code aws_s3_object} of this configuration, and the function is given neither its name nor its ARN.
     */
    @Test
    void bucketsOfBuildOutputsAreAlwaysEmptiedAndWrittenOnlyByTerraform() {
        Map<String, Object> on = Terraform.module(ROOT, Map.of(PROTECTION, true));
        Map<String, Object> off = Terraform.module(ROOT, Map.of(PROTECTION, false));

        for (String address : BUILD_OUTPUTS) {
            String name = address.substring("aws_s3_bucket.".length(), address.indexOf('['));
            assertThat(List.of(Terraform.at(on, "resource", "aws_s3_bucket", name, "force_destroy"),
                    Terraform.at(off, "resource", "aws_s3_bucket", name, "force_destroy")))
                    .as("force_destroy of %s with %s = true, false", address, PROTECTION).containsExactly(true, true);
            assertThat(Terraform.source(ROOT).lines().filter(line -> line.contains("module.lambda")
                    || line.contains("_bucket_arn") || line.contains("TASKS_")).toList())
                    .as("what the function is given").noneMatch(line -> line.contains("aws_s3_bucket." + name));
        }
        assertThat(Terraform.source(LAMBDA_MODULE)).doesNotContain("board");
    }

    @Test
    void theTeardownSectionNamesEveryProtectedResourceAndHowToReleaseIt() {
        String teardown = Markdown.section(ROOT.resolve("README.md"), "## Teardown");

        assertThat(teardown).contains(PROTECTED.stream().map(address -> "`" + address + "`").toList());
        assertThat(teardown).contains(PROTECTED.stream().map(address -> "-target='" + address + "'").toList());
        assertThat(teardown).contains("-var " + PROTECTION + "=false", PROTECTION + " = false");
    }

    /** The input's own description tells an operator everything it protects. */
    @Test
    void theInputNamesEveryResourceItProtects() {
        assertThat((String) Terraform.at(Terraform.module(ROOT), "variable", PROTECTION, "description"))
                .contains(PROTECTED);
    }

    /**
     * scripts/teardown.sh refuses to destroy while any protected resource is still protected, and prints the
     * {@code -target} apply that releases them: it must look at every one (DeployScriptsTest runs that logic).
     */
    @Test
    void theTeardownScriptChecksEveryProtectedResource() throws IOException {
        String script = Files.readString(Repository.root().resolve("scripts/teardown.sh"), StandardCharsets.UTF_8);
        Matcher loop = Pattern.compile("for address in ([^;]+); do").matcher(script);

        assertThat(loop.find()).as("teardown.sh's loop over the protected addresses").isTrue();
        assertThat(loop.group(1).replace("\\\n", " ").replace("'", "").trim().split("\\s+"))
                .containsExactlyInAnyOrderElementsOf(PROTECTED);
    }

    /** What scripts/teardown.sh can read instead of knowing the addresses. */
    @Test
    void theOutputsNameEveryProtectedResource() {
        assertThat(Terraform.block(Terraform.module(ROOT), "output")).containsKeys(
                "deletion_protection_enabled", "deletion_protected_resources");
        String source = Terraform.source(ROOT);
        String output = source.substring(source.indexOf("output \"deletion_protected_resources\""));
        assertThat(output.substring(0, output.indexOf("\n}") + 2))
                .contains(PROTECTED.stream().map(address -> "\"" + address + "\"").toList());
    }

    // ---- the function's environment (website/docs/r/lambda_function.html.markdown kms_key_arn,
    //      website/docs/r/kms_key.html.markdown) ------------------------------------------------------------------------

    @Test
    void theFunctionEnvironmentIsEncryptedWithARotatedCustomerManagedKey() {
        Map<String, Object> module = Terraform.module(LAMBDA_MODULE);
        Map<String, Object> function = Terraform.block(module, "resource", "aws_lambda_function", "this");
        Map<String, Object> key = Terraform.block(module, "resource", "aws_kms_key", "environment");

        assertThat(Terraform.reference(function.get("kms_key_arn"))).isEqualTo("aws_kms_key.environment.arn");
        assertThat(Terraform.reference(Terraform.at(function, "environment", "variables")))
                .isEqualTo("var.environment_variables");
        assertThat(key).containsEntry("enable_key_rotation", true);
        assertThat(Terraform.reference(key.get("policy"))).isEqualTo("data.aws_iam_policy_document.environment_key.json");
    }

    @Test
    void theKeyPolicyLetsTheFunctionRoleDecryptAndTheAccountAdministerTheKey() {
        List<Map<String, Object>> statements = Terraform.blocks(Terraform.at(Terraform.module(LAMBDA_MODULE),
                "data", "aws_iam_policy_document", "environment_key", "statement"));

        assertThat(statements).hasSize(2);
        Map<String, Object> role = statement(statements, "FunctionRoleDecrypts");
        assertThat(Terraform.strings(role.get("actions"))).containsExactly("kms:Decrypt");
        assertThat(Terraform.at(role, "principals", "type")).isEqualTo("AWS");
        assertThat(((List<?>) Terraform.at(role, "principals", "identifiers")).stream().map(Terraform::reference))
                .containsExactly("aws_iam_role.this.arn");

        Map<String, Object> account = statement(statements, "AccountAdministersTheKey");
        assertThat(Terraform.strings(account.get("actions"))).containsExactly("kms:*");
        assertThat(Terraform.sourceWithoutWhitespace(LAMBDA_MODULE)).contains(Terraform.withoutWhitespace("""
                identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]"""));
    }

    @Test
    void theFunctionRolesOwnPolicyMayDecryptWithThatKeyOnly() {
        List<Map<String, Object>> statements = Terraform.blocks(Terraform.at(Terraform.module(LAMBDA_MODULE),
                "data", "aws_iam_policy_document", "this", "statement"));
        Map<String, Object> decrypt = statement(statements, "DecryptEnvironment");

        assertThat(Terraform.strings(decrypt.get("actions"))).containsExactly("kms:Decrypt");
        assertThat(((List<?>) decrypt.get("resources")).stream().map(Terraform::reference))
                .containsExactly("aws_kms_key.environment.arn");
        assertThat(statements.stream().filter(s -> Terraform.strings(s.get("actions")).stream()
                .anyMatch(action -> action.startsWith("kms:"))).map(s -> s.get("sid")))
                .containsExactly("DecryptEnvironment");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** Every resource of the root and the Lambda module with a deletion protection argument, as its address. */
    private static Set<String> protectedAddresses() {
        Set<String> addresses = new TreeSet<>();
        for (Map<String, Object> module : List.of(Terraform.module(ROOT), Terraform.module(LAMBDA_MODULE))) {
            Object resources = module.get("resource");
            if (resources instanceof Map<?, ?> byType) {
                byType.forEach((type, byName) -> ((Map<?, ?>) byName).forEach((name, body) -> {
                    Map<?, ?> resource = (Map<?, ?>) body;
                    boolean protectable = PROTECTION_ARGUMENTS.values().stream()
                            .anyMatch(protection -> resource.containsKey(protection.argument()));
                    String address = type + "." + name + (resource.containsKey("count") ? "[0]" : "");
                    if (protectable && !BUILD_OUTPUTS.contains(address)) {
                        addresses.add(address);
                    }
                }));
            }
        }
        return addresses;
    }

    /** The address of a resource of the module, with {@code [0]} when it has a count. */
    private static String address(Map<String, Object> module, String type, String name) {
        return type + "." + name + (Terraform.block(module, "resource", type, name).containsKey("count") ? "[0]" : "");
    }

    private static Set<String> resourceNames(Map<String, Object> module, String type) {
        Object byName = Terraform.at(module, "resource", type);
        return byName instanceof Map<?, ?> map ? new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())
                : Set.of();
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(statement -> sid.equals(statement.get("sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }
}
