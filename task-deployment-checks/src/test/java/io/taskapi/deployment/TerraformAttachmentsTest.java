package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attachments bucket (issue 17) is private, encrypted, reachable only over TLS and from the configured origins,
 * forgets abandoned uploads, and the function may do exactly what the application's S3 side does with its objects.
 * Deletion protection of the bucket is checked with the other data in {@code TerraformDataProtectionTest}.
 *
 * <p>Provider documentation followed: {@code website/docs/r/s3_bucket*.html.markdown} of the pinned AWS provider
 * (public access block, ownership controls, server-side encryption, versioning, policy, CORS and lifecycle
 * configuration) and {@code website/docs/d/iam_policy_document.html.markdown}. As everywhere in this module, hcl4j
 * leaves references as their source text: those are compared as text, literals as values.
 */
class TerraformAttachmentsTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path LAMBDA_MODULE = ROOT.resolve("modules/lambda");
    private static final String BUCKET = "aws_s3_bucket.attachments";
    private static final String BUCKET_ARN = "arn:aws:s3:::task-api-dev-attachments-123456789012";

    /** The prefix uploads are written to until completed; the only one a lifecycle rule expires. */
    private static final String PENDING = "pending/";
    /** The prefix of completed attachments, written only by the function's copy. */
    private static final String AVAILABLE = "available/";

    /** Exactly what the function does with objects: PUT (and the URLs it signs), GET and HEAD, COPY, DELETE. */
    private static final List<String> OBJECT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject");

    private static Map<String, Object> root;

    @BeforeAll
    static void readTheConfiguration() {
        root = Terraform.module(ROOT);
    }

    // ---- the bucket is private -------------------------------------------------------------------------------------

    /** website/docs/r/s3_bucket_public_access_block.html.markdown. */
    @Test
    void theBucketBlocksEveryKindOfPublicAccess() {
        Map<String, Object> block = resource("aws_s3_bucket_public_access_block");

        assertThat(Terraform.reference(block.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(block).containsEntry("block_public_acls", true).containsEntry("block_public_policy", true)
                .containsEntry("ignore_public_acls", true).containsEntry("restrict_public_buckets", true);
    }

    /** website/docs/r/s3_bucket_ownership_controls.html.markdown: BucketOwnerEnforced disables ACLs. */
    @Test
    void theBucketOwnsEveryObjectAndAclsAreDisabled() {
        Map<String, Object> ownership = resource("aws_s3_bucket_ownership_controls");

        assertThat(Terraform.reference(ownership.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(Terraform.at(ownership, "rule", "object_ownership")).isEqualTo("BucketOwnerEnforced");
        assertThat(Terraform.at(root, "resource", "aws_s3_bucket_acl")).as("no ACL resource").isNull();
        // Terraform writes objects only to the task board's bucket (board.tf), never here.
        Object objects = Terraform.at(root, "resource", "aws_s3_object");
        if (objects instanceof Map<?, ?> byName) {
            byName.forEach((name, body) -> assertThat(Terraform.reference(((Map<?, ?>) body).get("bucket")))
                    .as("bucket of aws_s3_object.%s", name).doesNotContain(BUCKET).startsWith("aws_s3_bucket.board"));
        }
    }

    /** website/docs/r/s3_bucket_server_side_encryption_configuration.html.markdown. */
    @Test
    void everyObjectIsEncryptedWithS3ManagedKeys() {
        Map<String, Object> encryption = resource("aws_s3_bucket_server_side_encryption_configuration");
        List<Map<String, Object>> rules = Terraform.blocks(encryption.get("rule"));

        assertThat(Terraform.reference(encryption.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(rules).singleElement().satisfies(rule -> {
            Map<String, Object> byDefault = Terraform.block(rule, "apply_server_side_encryption_by_default");
            assertThat(byDefault).containsEntry("sse_algorithm", "AES256").doesNotContainKey("kms_master_key_id");
        });
    }

    /**
     * The bucket policy allows nothing and denies every action on the bucket and its objects, to every principal,
     * over plain HTTP (website/docs/r/s3_bucket_policy.html.markdown; the condition key aws:SecureTransport from the
     * IAM User Guide, global condition context keys).
     */
    @Test
    void theBucketPolicyDeniesEveryRequestWithoutTls() {
        Map<String, Object> policy = resource("aws_s3_bucket_policy");
        List<Map<String, Object>> statements = Terraform.blocks(
                Terraform.at(root, "data", "aws_iam_policy_document", "attachments_bucket", "statement"));

        assertThat(Terraform.reference(policy.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(Terraform.reference(policy.get("policy")))
                .isEqualTo("data.aws_iam_policy_document.attachments_bucket.json");
        assertThat(statements).as("the policy denies and allows nothing").allSatisfy(statement ->
                assertThat(statement.get("effect")).isEqualTo("Deny"));
        Map<String, Object> tls = statements.stream().filter(s -> "DenyInsecureTransport".equals(s.get("sid")))
                .findFirst().orElseThrow(() -> new AssertionError("no DenyInsecureTransport statement"));
        assertThat(Terraform.strings(tls.get("actions"))).containsExactly("s3:*");
        assertThat(Terraform.block(tls, "principals")).containsEntry("type", "*");
        assertThat(Terraform.strings(Terraform.at(tls, "principals", "identifiers"))).containsExactly("*");
        assertThat(Terraform.block(tls, "condition")).containsEntry("test", "Bool")
                .containsEntry("variable", "aws:SecureTransport");
        assertThat(Terraform.strings(Terraform.at(tls, "condition", "values"))).containsExactly("false");
        // The bucket and every object in it; the interpolated ARN stays source text.
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "resources = [aws_s3_bucket.attachments.arn, \"${aws_s3_bucket.attachments.arn}/*\"]"));
    }

    // ---- browsers: CORS (website/docs/r/s3_bucket_cors_configuration.html.markdown) ------------------------------------

    /**
     * One rule: PUT and GET only, from exactly the origins the API allows (the function's TASKS_CORS_ORIGINS comes from
     * the same local, which TerraformBoardHostingTest evaluates: the hosted board's origin and cors_allowed_origins),
     * with only the header a presigned upload makes the browser ask for (Content-Type; Content-Length is the browser's
     * own and never preflighted), and the ETag readable. Without the board, the origins are exactly
     * cors_allowed_origins (evaluated with the variable bound to ["*"] and to two origins).
     */
    @Test
    void corsAllowsOnlyPutAndGetFromTheConfiguredOrigins() {
        Map<String, Object> cors = resource("aws_s3_bucket_cors_configuration");
        List<Map<String, Object>> rules = Terraform.blocks(cors.get("cors_rule"));

        assertThat(Terraform.reference(cors.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(Terraform.strings(rule.get("allowed_methods"))).containsExactlyInAnyOrder("PUT", "GET");
            assertThat(Terraform.reference(rule.get("allowed_origins"))).isEqualTo("local.cors_origins");
            assertThat(Terraform.strings(rule.get("allowed_headers"))).containsExactly("content-type");
            assertThat(Terraform.strings(rule.get("expose_headers"))).containsExactly("ETag");
        });
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("allowed_origins = local.cors_origins"),
                Terraform.withoutWhitespace("TASKS_CORS_ORIGINS = join(\",\", local.cors_origins)"));
        for (List<String> origins : List.of(List.of("*"), List.of("https://tasks.example.com", "http://localhost:8080"))) {
            Map<String, Object> withoutBoard = Terraform.parse(ROOT.resolve("board.tf"),
                    Map.of("board_hosting_enabled", false, "cors_allowed_origins", origins));
            assertThat(Terraform.strings(Terraform.at(withoutBoard, "locals", "cors_origins"))).isEqualTo(origins);
        }
    }

    // ---- lifecycle (website/docs/r/s3_bucket_lifecycle_configuration.html.markdown) -----------------------------------

    @Test
    void incompleteMultipartUploadsAreAbortedAfterADayInTheWholeBucket() {
        Map<String, Object> rule = lifecycleRule("abort-incomplete-multipart-uploads");

        assertThat(rule).containsEntry("status", "Enabled").doesNotContainKeys("expiration", "prefix");
        assertThat(Terraform.block(rule, "filter")).as("filter {}: every object").isEmpty();
        assertThat(Terraform.at(rule, "abort_incomplete_multipart_upload", "days_after_initiation"))
                .isEqualTo(1.0);
    }

    @Test
    void uploadsNeverCompletedExpireAfterADayAndNothingElseExpires() {
        Map<String, Object> pending = lifecycleRule("expire-pending-uploads");
        List<Map<String, Object>> rules = Terraform.blocks(
                resource("aws_s3_bucket_lifecycle_configuration").get("rule"));

        assertThat(pending).containsEntry("status", "Enabled");
        assertThat(Terraform.block(pending, "filter")).containsOnly(Map.entry("prefix", PENDING));
        assertThat(Terraform.block(pending, "expiration")).containsOnly(Map.entry("days", 1.0));
        assertThat(rules).extracting(rule -> rule.get("id"))
                .containsExactlyInAnyOrder("abort-incomplete-multipart-uploads", "expire-pending-uploads");
        // A completed attachment never expires: only the pending prefix has an expiration, and no rule transitions
        // or expires noncurrent versions (there are none).
        assertThat(rules).allSatisfy(rule -> {
            if (rule.containsKey("expiration")) {
                assertThat(Terraform.at(rule, "filter", "prefix")).isEqualTo(PENDING);
            }
            assertThat(rule).doesNotContainKeys("transition", "noncurrent_version_expiration",
                    "noncurrent_version_transition");
        });
        assertThat(AVAILABLE).doesNotStartWith(PENDING);
    }

    /**
     * Versioning is decided and declared: off ("Disabled", which the provider accepts only for a bucket that was never
     * versioned). Turning it on needs noncurrent-version rules, which the lifecycle check above refuses until updated.
     */
    @Test
    void versioningIsDeclaredOff() {
        Map<String, Object> versioning = resource("aws_s3_bucket_versioning");

        assertThat(Terraform.reference(versioning.get("bucket"))).isEqualTo(BUCKET + ".id");
        assertThat(Terraform.at(versioning, "versioning_configuration", "status")).isEqualTo("Disabled");
        assertThat(attachmentsSection()).contains("### Versioning: off");
    }

    // ---- the bucket's name --------------------------------------------------------------------------------------------

    /**
     * The name is global, so it carries the account id; for every length of project name and every environment the
     * inputs' validations accept, it is a valid S3 bucket name: 3 to 63 lowercase letters, digits and hyphens, no dots
     * (virtual-hosted HTTPS URLs), beginning and ending with a letter or digit. hcl4j cannot evaluate
     * {@code can(regex(...))}, so project_name's pattern is read from the source and applied with java.util.regex
     * (which reads this pattern as RE2 does); environment's {@code contains} is evaluated by hcl4j.
     */
    @Test
    void theBucketNameIsValidForEveryAcceptedProjectAndEnvironment() {
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "bucket = \"${local.name}-attachments-${data.aws_caller_identity.current.account_id}\""),
                Terraform.withoutWhitespace("name = \"${var.project_name}-${var.environment}\""));
        Pattern projectName = validationPattern(ROOT.resolve("variables.tf"), "project_name");
        List<String> projects = new ArrayList<>();
        for (int length = 1; length <= 70; length++) {
            String candidate = "t" + "a".repeat(length - 1);
            if (projectName.matcher(candidate).find()) {
                projects.add(candidate);
            }
        }
        List<String> environments = List.of("dev", "staging", "prod", "production", "test", "qa").stream()
                .filter(environment -> accepted("environment", environment)).toList();

        assertThat(projects).as("project names the validation accepts").isNotEmpty();
        assertThat(environments).containsExactlyInAnyOrder("dev", "staging", "prod");
        Pattern bucketName = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
        for (String project : projects) {
            for (String environment : environments) {
                String name = project + "-" + environment + "-attachments-123456789012";
                assertThat(name).as("bucket name for %s/%s", project, environment).matches(bucketName)
                        .doesNotContain("..", ".");
            }
        }
    }

    // ---- the function (website/docs/d/iam_policy_document.html.markdown) ----------------------------------------------

    @Test
    void theFunctionIsToldTheBucketsName() {
        Map<String, Object> lambdaCall = Terraform.block(root, "module", "lambda");

        assertThat(Terraform.reference(Terraform.at(lambdaCall, "environment_variables", "TASKS_ATTACHMENTS_BUCKET")))
                .isEqualTo(BUCKET + ".bucket");
        assertThat(Terraform.reference(lambdaCall.get("attachments_bucket_arn"))).isEqualTo(BUCKET + ".arn");
    }

    /**
     * Exactly put, get (which authorises HeadObject: IAM has no action of its own for it) and delete on the bucket's
     * objects, and ListBucket on the bucket only (so that HeadObject of a missing key is a 404, not a 403); no other
     * S3 grant, no wildcard action, no other resource.
     */
    @Test
    void theFunctionMayPutGetAndDeleteTheBucketsObjectsAndNothingElse() {
        List<Map<String, Object>> statements = Terraform.blocks(Terraform.at(
                Terraform.module(LAMBDA_MODULE, Map.of("attachments_bucket_arn", BUCKET_ARN)),
                "data", "aws_iam_policy_document", "this", "statement"));
        Map<String, Object> objects = statement(statements, "AttachmentObjects");
        Map<String, Object> bucket = statement(statements, "AttachmentsBucket");

        assertThat(Terraform.strings(objects.get("actions"))).containsExactlyInAnyOrderElementsOf(OBJECT_ACTIONS);
        assertThat(Terraform.strings(objects.get("resources"))).containsExactly(BUCKET_ARN + "/*");
        assertThat(Terraform.strings(bucket.get("actions"))).containsExactly("s3:ListBucket");
        assertThat(Terraform.strings(bucket.get("resources"))).containsExactly(BUCKET_ARN);
        assertThat(statements).allSatisfy(statement -> {
            assertThat(statement.get("effect")).as("effect of %s", statement.get("sid")).isIn(null, "Allow");
            assertThat(Terraform.strings(statement.get("actions"))).as("actions of %s", statement.get("sid"))
                    .allSatisfy(action -> assertThat(action).doesNotContain("*"));
        });
        assertThat(statements.stream().filter(s -> Terraform.strings(s.get("actions")).stream()
                .anyMatch(action -> action.startsWith("s3:"))).map(s -> s.get("sid")))
                .containsExactlyInAnyOrder("AttachmentObjects", "AttachmentsBucket");
    }

    /**
     * The module's input is typed, described, and accepts a bucket ARN only (not an object ARN or a wildcard): its
     * validation's pattern, read from the source as above, applied to candidates.
     */
    @Test
    void theModuleAcceptsOnlyABucketArn() {
        Map<String, Object> input = Terraform.block(Terraform.module(LAMBDA_MODULE), "variable", "attachments_bucket_arn");
        Pattern pattern = validationPattern(LAMBDA_MODULE.resolve("variables.tf"), "attachments_bucket_arn");

        assertThat(Terraform.typeOf(input)).isEqualTo("string");
        assertThat((String) input.get("description")).isNotBlank();
        assertThat(input).doesNotContainKey("default");
        Map<String, Boolean> accepted = new LinkedHashMap<>();
        for (String candidate : List.of(BUCKET_ARN, "arn:aws-us-gov:s3:::task-api-prod-attachments-123456789012",
                BUCKET_ARN + "/*", "arn:aws:s3:::*", "arn:aws:dynamodb:us-east-1:123456789012:table/tasks",
                "task-api-dev-attachments-123456789012", "")) {
            accepted.put(candidate, pattern.matcher(candidate).find());
        }
        assertThat(accepted).containsEntry(BUCKET_ARN, true)
                .containsEntry("arn:aws-us-gov:s3:::task-api-prod-attachments-123456789012", true)
                .containsEntry(BUCKET_ARN + "/*", false).containsEntry("arn:aws:s3:::*", false)
                .containsEntry("arn:aws:dynamodb:us-east-1:123456789012:table/tasks", false)
                .containsEntry("task-api-dev-attachments-123456789012", false).containsEntry("", false);
    }

    // ---- outputs and documentation ----------------------------------------------------------------------------------

    @Test
    void theOutputsNameTheBucketAndAreDescribed() {
        Map<String, Object> name = Terraform.block(root, "output", "attachments_bucket_name");
        Map<String, Object> arn = Terraform.block(root, "output", "attachments_bucket_arn");

        assertThat(Terraform.reference(name.get("value"))).isEqualTo(BUCKET + ".bucket");
        assertThat(Terraform.reference(arn.get("value"))).isEqualTo(BUCKET + ".arn");
        assertThat(List.of(name, arn)).allSatisfy(output ->
                assertThat((String) output.get("description")).isNotBlank());
    }

    /** Every resource of attachments.tf is in the README's table of what gets created. */
    @Test
    void theReadmeListsEveryResourceOfTheBucket() {
        String created = Markdown.section(ROOT.resolve("README.md"), "## What gets created");
        Set<String> addresses = new TreeSet<>();
        Map<String, Object> file = Terraform.parse(ROOT.resolve("attachments.tf"));
        for (String kind : List.of("resource", "data")) {
            Object byType = file.get(kind);
            if (byType instanceof Map<?, ?> types) {
                types.forEach((type, byName) -> ((Map<?, ?>) byName).keySet().forEach(name ->
                        addresses.add((kind.equals("data") ? "data." : "") + type + "." + name)));
            }
        }
        addresses.remove("data.aws_caller_identity.current");

        assertThat(addresses).hasSizeGreaterThanOrEqualTo(8);
        assertThat(created).contains(addresses.stream().map(address -> "`" + address + "`").toList());
    }

    /**
     * What the application must follow is written down: the two prefixes, what happens at completion, the
     * environment variable, that GetObject covers HeadObject and why ListBucket is granted, and the three decisions.
     */
    @Test
    void theReadmeDocumentsTheKeyLayoutAndTheDecisions() {
        String section = attachmentsSection();

        assertThat(section).contains("`pending/<key>`", "`available/<key>`", "`<task id>/<attachment id>`",
                "CopyObject", "x-amz-copy-source-if-match", "`TASKS_ATTACHMENTS_BUCKET`",
                "`s3:GetObject` authorises `HeadObject`", "**`s3:ListBucket`**", "between 24 and 48 hours",
                "### Encryption", "SSE-S3", "### Versioning: off", "### Deletion protection", "`force_destroy");
        assertThat(Markdown.section(ROOT.resolve("README.md"), "### Function configuration"))
                .contains("`TASKS_ATTACHMENTS_BUCKET`");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> resource(String type) {
        return Terraform.block(root, "resource", type, "attachments");
    }

    private static Map<String, Object> lifecycleRule(String id) {
        return Terraform.blocks(resource("aws_s3_bucket_lifecycle_configuration").get("rule")).stream()
                .filter(rule -> id.equals(rule.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no lifecycle rule " + id));
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(statement -> sid.equals(statement.get("sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in the function's policy"));
    }

    private static String attachmentsSection() {
        return Markdown.section(ROOT.resolve("README.md"), "## Attachments");
    }

    /** Whether every validation of the root module's {@code variable} holds for {@code value}. */
    private static boolean accepted(String variable, String value) {
        return validationHolds(ROOT.resolve("variables.tf"), variable, value);
    }

    /**
     * The pattern of the {@code can(regex("...", var.<variable>))} in the variable's validation, as Terraform reads the
     * string literal (HCL escapes undone). Fails unless there is exactly one.
     */
    private static Pattern validationPattern(Path variablesFile, String variable) {
        String source;
        try {
            source = Files.readString(variablesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = source.indexOf("variable \"" + variable + "\" {");
        assertThat(start).as("variable %s in %s", variable, variablesFile).isNotNegative();
        String block = source.substring(start, source.indexOf("\n}\n", start));
        Matcher literal = Pattern.compile("can\\(regex\\(\"((?:[^\"\\\\]|\\\\.)*)\",\\s*var\\."
                + Pattern.quote(variable) + "\\)\\)").matcher(block);
        assertThat(literal.find()).as("can(regex(\"...\", var.%s)) in its validation", variable).isTrue();
        String pattern = literal.group(1).replaceAll("\\\\(.)", "$1");
        assertThat(literal.find()).as("a second pattern for %s", variable).isFalse();
        return Pattern.compile(pattern);
    }

    private static boolean validationHolds(Path variablesFile, String variable, String value) {
        List<Map<String, Object>> validations = Terraform.blocks(Terraform.at(
                Terraform.parse(variablesFile, Map.of(variable, value)), "variable", variable, "validation"));
        assertThat(validations).as("validations of %s", variable).isNotEmpty();
        return validations.stream().allMatch(validation -> {
            Object condition = validation.get("condition");
            assertThat(condition).as("condition of %s evaluated for \"%s\"", variable, value).isInstanceOf(Boolean.class);
            return (Boolean) condition;
        });
    }
}
