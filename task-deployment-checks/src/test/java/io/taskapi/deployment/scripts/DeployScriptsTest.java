package io.taskapi.deployment.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.taskapi.deployment.Repository;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment scripts' own logic, without AWS or network: each test runs a copy of {@code scripts/} in a temporary
 * repository whose PATH holds the system's basic tools and stubs of {@code aws}, {@code terraform}, {@code java} and
 * {@code ./mvnw}. Each stub records its arguments (one line per call) and answers from a canned table, so the tests
 * can prove what a script did, and above all what it did not do.
 */
class DeployScriptsTest {

    /** What the scripts call besides the stubbed tools; linked into the sandbox's PATH from this JVM's PATH. */
    private static final List<String> TOOLS = List.of("bash", "sh", "env", "sed", "grep", "sort", "head", "tail", "cat",
            "mktemp", "rm", "dirname", "basename", "tr", "cut", "wc", "awk", "base64", "mkdir", "id", "date", "ls",
            "chmod", "touch", "cp", "mv", "tee", "sleep", "uname", "unzip");

    private static final String TF_VERSION = "Terraform v1.11.4\non linux_amd64\n";
    private static final String JAVA_VERSION = "openjdk version \"21.0.5\" 2024-10-15\n";
    private static final String IDENTITY = "123456789012\tarn:aws:iam::123456789012:user/deployer\n";
    private static final String ENDPOINT = "https://abc123.execute-api.eu-west-2.amazonaws.com/dev";
    private static final String BUCKET_PROD = "task-api-prod-attachments-123456789012";
    private static final String BOARD_URL = "https://d111abcdef8.cloudfront.net/";
    private static final String CUSTOM_ZIP = "task-lambda-runtime/target/task-lambda-runtime.zip";
    private static final String MANAGED_ZIP = "task-adapter-lambda/target/task-lambda.zip";
    /** Lambda's quotas for a zip uploaded directly and for its unzipped contents (AWS Lambda Developer Guide). */
    private static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;
    private static final long UNZIPPED_LIMIT = 262_144_000L;

    @TempDir
    Path tmp;

    private Sandbox sandbox;

    @BeforeEach
    void sandbox() throws IOException {
        sandbox = new Sandbox(tmp);
        sandbox.tfvars("dev", """
                aws_region  = "eu-west-2"
                environment = "dev"
                auth_mode   = "cognito"
                manage_api_gateway_account = false
                """);
    }

    @AfterEach
    void removeToolLinks() throws IOException {
        sandbox.removeToolLinks(); // before @TempDir's clean-up, which warns about each link leaving the directory
    }

    // ---- deploy.sh: every prerequisite is checked before anything changes --------------------------------------------

    @Test
    void deployRefusesWithoutTheAwsCliBeforeBuildingOrTouchingTerraform() throws IOException {
        sandbox.terraform().answer("version", TF_VERSION);
        sandbox.java();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("The AWS CLI ('aws') was not found on PATH"))
                .contains("Fix: install AWS CLI v2: https://docs.aws.amazon.com/cli/");
    }

    @Test
    void deployRefusesWithoutTerraform() throws IOException {
        awsThatWorks();
        sandbox.java();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("Terraform ('terraform') was not found on PATH"))
                .contains("Fix: install Terraform 1.6.0 or newer: https://developer.hashicorp.com/terraform/install");
    }

    @Test
    void deployRefusesATerraformOlderThanTheConfigurationNeeds() throws IOException {
        sandbox.terraform().answer("version", "Terraform v1.5.7\non linux_amd64\n");
        awsThatWorks();
        sandbox.java();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("Terraform 1.5.7 is too old")).contains("Fix: install Terraform 1.6.0 or newer");
    }

    @Test
    void deployRefusesWithoutJavaUnlessTheExistingPackageIsDeployed() throws IOException {
        sandbox.terraform().answer("version", TF_VERSION);
        awsThatWorks();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("Java ('java') was not found on PATH"))
                .contains("Fix: install a JDK 17 or newer", "or pass --skip-package");
    }

    @Test
    void deployRefusesWhenTheCredentialsDoNotWork() throws IOException {
        sandbox.terraform().answer("version", TF_VERSION);
        sandbox.aws().fail("sts get-caller-identity", 255,
                "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n");
        sandbox.java();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("AWS credentials are missing or invalid"))
                .contains("Unable to locate credentials", "Fix: run 'aws configure' or 'aws sso login'");
        assertThat(sandbox.calls("aws")).singleElement().asString()
                .startsWith("sts get-caller-identity --region eu-west-2");
    }

    @ParameterizedTest(name = "get-account answers \"{0}\"")
    @ValueSource(strings = {"None", ""})
    void deployRefusesWhenTheAccountHasNoApiGatewayCloudWatchRole(String answer) throws IOException {
        sandbox.terraform().answer("version", TF_VERSION);
        sandbox.aws().answer("sts get-caller-identity", IDENTITY).answer("apigateway get-account", answer + "\n");
        sandbox.java();

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("API Gateway in eu-west-2 (account 123456789012) has no CloudWatch Logs role"))
                .contains("Fix: set manage_api_gateway_account = true in infrastructure/environments/dev.tfvars",
                        "aws apigateway update-account --region eu-west-2 --patch-operations "
                                + "op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::123456789012:role/");
        assertThat(sandbox.calls("aws")).contains(
                "apigateway get-account --region eu-west-2 --query cloudwatchRoleArn --output text");
    }

    @Test
    void deployDoesNotAskForTheRoleWhenTerraformManagesIt() throws IOException {
        sandbox.tfvars("dev", """
                aws_region = "eu-west-2"
                manage_api_gateway_account = true # Terraform creates and registers the role
                """);
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("aws")).noneMatch(call -> call.startsWith("apigateway"));
        assertThat(result.stdout()).contains("created and registered by Terraform (manage_api_gateway_account = true)");
        assertThat(terraformCommands()).containsSubsequence("init", "workspace", "plan", "apply", "output");
    }

    @Test
    void deployChecksEverythingBeforeReportingAndReportsEveryFailure() throws IOException {
        sandbox.java();
        // Neither terraform nor aws: both are named, each on its own line with its fix.

        Result result = sandbox.run("deploy.sh", "dev");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("Terraform ('terraform') was not found on PATH")).contains("Fix:");
        assertThat(result.errorLine("The AWS CLI ('aws') was not found on PATH")).contains("Fix:");
    }

    @Test
    void deployBuildsAndAppliesOnlyAfterEveryCheckPassed() throws IOException {
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        // The custom runtime is the default: its package is built, and Terraform told so whatever the tfvars say.
        assertThat(sandbox.calls("mvnw")).singleElement().asString().contains("-pl task-lambda-runtime", "package");
        assertThat(planCall()).contains(" -var-file=environments/dev.tfvars -var lambda_runtime=provided.al2023 ");
        assertThat(sandbox.calls("aws")).containsExactly(
                "sts get-caller-identity --region eu-west-2 --query [Account, Arn] --output text",
                "apigateway get-account --region eu-west-2 --query cloudwatchRoleArn --output text");
        assertThat(terraformCommands()).containsSubsequence("version", "init", "workspace", "plan", "apply");
        // The build ran after the checks: the stubbed mvnw saw the log of the aws calls already written.
        assertThat(Files.readString(sandbox.log.resolve("mvnw.saw-aws-calls")).strip()).isEqualTo("2");
    }

    @Test
    void deployHintGetsACognitoTokenBeforeTheSmokeTest() throws IOException {
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains(
                "SMOKE_AUTH_TOKEN=\"$(scripts/smoke-token.sh dev)\" scripts/smoke.sh " + ENDPOINT);
    }

    @Test
    void deployHintWithoutAuthenticationNeedsNoToken() throws IOException {
        deployableStack("none");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("\n  scripts/smoke.sh " + ENDPOINT + "\n")
                .doesNotContain("smoke-token.sh");
    }

    // ---- deploy.sh: the runtime ---------------------------------------------------------------------------------

    @Test
    void deployWithTheManagedRuntimeBuildsItsZipAndPlansJava21() throws IOException {
        sandbox.tfvars("dev", """
                aws_region = "eu-west-2"
                lambda_architecture = "arm64" # fine with a managed runtime
                """);
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--runtime", "managed", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("mvnw")).singleElement().asString().contains("-pl task-adapter-lambda", "package");
        assertThat(planCall()).contains(" -var lambda_runtime=java21 ");
        assertThat(sandbox.root.resolve(CUSTOM_ZIP)).doesNotExist();
    }

    /** Without --runtime the tfvars' lambda_runtime decides; --runtime wins over it, and Terraform is told. */
    @Test
    void deployFollowsTheTfvarsRuntimeUnlessTheOptionSaysOtherwise() throws IOException {
        sandbox.tfvars("dev", """
                aws_region = "eu-west-2"
                lambda_runtime = "java25"
                """);
        deployableStack("cognito");

        Result managed = sandbox.run("deploy.sh", "dev", "--auto-approve");
        Result custom = sandbox.run("deploy.sh", "dev", "--runtime=custom", "--auto-approve");

        assertThat(managed.exit()).as(managed.describe()).isZero();
        assertThat(custom.exit()).as(custom.describe()).isZero();
        assertThat(sandbox.calls("mvnw")).extracting(call -> call.replaceAll(".*-pl ([^ ]+) .*", "$1"))
                .containsExactly("task-adapter-lambda", "task-lambda-runtime");
        assertThat(sandbox.calls("terraform").stream().filter(call -> call.contains(" plan ")))
                .extracting(call -> call.replaceAll(".* -var (lambda_runtime=[^ ]+) .*", "$1"))
                .containsExactly("lambda_runtime=java25", "lambda_runtime=provided.al2023");
    }

    /** The custom runtime package is x86_64 code: arm64 is refused with the prerequisites, not at plan time. */
    @Test
    void deployRefusesTheCustomRuntimeOnArm64BeforeAnyChange() throws IOException {
        sandbox.tfvars("dev", """
                aws_region = "eu-west-2"
                lambda_architecture = "arm64"
                """);
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertRefusedBeforeAnyChange(result);
        assertThat(result.errorLine("lambda_architecture = \"arm64\"")).contains("x86_64 only",
                "Fix: remove that line (or set \"x86_64\"), or deploy a managed runtime with --runtime managed.");
    }

    @Test
    void deploySkipPackageLooksForThePackageOfTheRuntimeItDeploys() throws IOException {
        deployableStack("cognito");
        sandbox.writeFile(MANAGED_ZIP, "PK-managed");

        Result custom = sandbox.run("deploy.sh", "dev", "--skip-package", "--auto-approve");

        assertRefusedBeforeAnyChange(custom);
        assertThat(custom.errorLine("--skip-package given but")).contains(CUSTOM_ZIP + " does not exist",
                "Fix: build it with scripts/package.sh --runtime custom");

        Result managed = sandbox.run("deploy.sh", "dev", "--skip-package", "--runtime", "managed", "--auto-approve");

        assertThat(managed.exit()).as(managed.describe()).isZero();
        assertThat(managed.stdout()).contains("Using the existing package " + sandbox.root.resolve(MANAGED_ZIP));
        assertThat(sandbox.calls("mvnw")).isEmpty();
        assertThat(planCall()).contains(" -var lambda_runtime=java21 ");
    }

    @Test
    void deployRefusesAnUnknownRuntimeBeforeCheckingAnything() throws IOException {
        deployableStack("cognito");

        Result result = sandbox.run("deploy.sh", "dev", "--runtime", "graalvm");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.errorLine("Unknown runtime 'graalvm'")).contains("--runtime custom", "--runtime managed");
        assertThat(sandbox.calls("terraform")).isEmpty();
        assertThat(sandbox.calls("aws")).isEmpty();
        assertThat(sandbox.calls("mvnw")).isEmpty();
    }

    /** Without a JDK 25 the custom runtime's build skips the package: deploy.sh stops before Terraform runs. */
    @Test
    void deployWithoutAJdk25StopsBeforeTerraformAndSaysHowToGoOn() throws IOException {
        deployableStack("cognito");
        sandbox.mvnwWithoutJdk25();

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.errorLine("needs a JDK 25")).contains("JDK25_HOME", "--runtime managed");
        assertThat(terraformCommands()).doesNotContain("init", "plan", "apply");
    }

    // ---- package.sh ------------------------------------------------------------------------------------------------

    @Test
    void packageHelpNamesBothRuntimesAndTheirLimits() throws IOException {
        Result result = sandbox.run("package.sh", "--help");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).startsWith("Build the Lambda deployment package")
                .contains("Usage: scripts/package.sh [--runtime custom|managed]", "--runtime custom   (the default)",
                        CUSTOM_ZIP, "provided.al2023", "JDK25_HOME", "50 MB zipped, 250 MB unzipped",
                        "--runtime managed", MANAGED_ZIP, "\"java21\" or \"java25\"", "6 MB")
                .doesNotContain("set -euo", "shellcheck");
        assertThat(sandbox.calls("mvnw")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--runtime graalvm|Unknown runtime 'graalvm'", "--runtime|--runtime needs a value",
            "--runtime=|Unknown runtime ''", "managed|Unexpected argument 'managed'"})
    void packageRefusesWhatItDoesNotKnowBeforeBuilding(String argumentsAndError) throws IOException {
        String[] parts = argumentsAndError.split("\\|");
        sandbox.java();
        sandbox.mvnw();

        Result result = sandbox.run("package.sh", parts[0].split(" "));

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.errorLine(parts[1])).isNotEmpty();
        assertThat(sandbox.calls("mvnw")).isEmpty();
    }

    @Test
    void packageBuildsTheCustomRuntimeByDefaultAndChecksLambdasLimits() throws IOException {
        Assumptions.assumeTrue(sandbox.canReadZips(), "unzip or python3 is needed to read the unzipped size");
        sandbox.java();
        sandbox.mvnw();

        Result result = sandbox.run("package.sh");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("mvnw")).containsExactly("-B -q -pl task-lambda-runtime -am -DskipTests package");
        assertThat(result.stdout()).contains("Package: " + sandbox.root.resolve(CUSTOM_ZIP), "Unzipped: ");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void packageBuildsTheManagedZipOnRequest() throws IOException {
        sandbox.java();
        sandbox.mvnw();

        Result result = sandbox.run("package.sh", "--runtime", "managed");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("mvnw")).containsExactly("-B -q -pl task-adapter-lambda -am -DskipTests package");
        assertThat(result.stdout()).contains("Package: " + sandbox.root.resolve(MANAGED_ZIP));
    }

    /**
     * Without a JDK 25 (here JDK25_HOME names a directory that is none, and the stubbed build answers as
     * task-lambda-runtime's does: a line starting SKIPPED, success, no zip), package.sh fails and says what to do.
     */
    @Test
    void packageWithoutAJdk25FailsAndSaysHowToGetOneOrWhatElseToBuild() throws IOException {
        sandbox.java();
        sandbox.mvnwWithoutJdk25();
        Path notAJdk = Files.createDirectories(tmp.resolve("not-a-jdk"));

        Result result = sandbox.run(Map.of("JDK25_HOME", notAJdk.toString()), "package.sh");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).contains("SKIPPED");
        assertThat(result.errorLine("The custom runtime package needs a JDK 25 on this machine")).contains(
                "no JDK 25 was found, so the build skipped it", "Fix: install a JDK 25 (e.g. Eclipse Temurin 25)",
                "set JDK25_HOME", "--runtime managed");
        assertThat(sandbox.root.resolve(CUSTOM_ZIP)).doesNotExist();
    }

    /** Terraform uploads the zip directly (filename): Lambda refuses one over 50 MB. */
    @Test
    void packageRefusesACustomZipOverTheDirectUploadLimit() throws IOException {
        Path big = tmp.resolve("big.zip");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(DIRECT_UPLOAD_LIMIT + 1); // sparse: no disk space, no time
        }
        sandbox.java();
        sandbox.mvnw(big);

        Result result = sandbox.run("package.sh");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.errorLine("over Lambda's 50.0 MB limit for a zip uploaded directly"))
                .contains("(" + DIRECT_UPLOAD_LIMIT + " bytes)", "Fix:");
    }

    @Test
    void packageRefusesACustomZipOverTheUnzippedLimit() throws IOException {
        Assumptions.assumeTrue(sandbox.canReadZips(), "unzip or python3 is needed to read the unzipped size");
        Path zip = tmp.resolve("unzips-too-big.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("jre/lib/modules"));
            zeros(out, UNZIPPED_LIMIT + 1); // deflates to a few hundred KB
            out.closeEntry();
        }
        sandbox.java();
        sandbox.mvnw(zip);

        Result result = sandbox.run("package.sh");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.errorLine("unzipped, over Lambda's 250.0 MB limit"))
                .contains("(" + UNZIPPED_LIMIT + " bytes)", "Fix:");
    }

    // ---- deploy.sh: the task board ---------------------------------------------------------------------------------------

    /**
     * With the board hosted, the apply has uploaded its files; the script then invalidates every path of the board's
     * distribution (CloudFront may hold the previous files until their TTL runs out), prints the board's URL with the
     * API's, and hands it to GitHub Actions like the others.
     */
    @Test
    void deployInvalidatesTheBoardsCachesAndPrintsItsUrl() throws IOException {
        deployableStack("cognito");
        sandbox.terraform().answer("output -raw board_url", BOARD_URL)
                .answer("output -raw board_distribution_id", "E2BOARD");
        sandbox.aws().answer("cloudfront create-invalidation", "I3INVALIDATION\n");
        Path githubOutput = tmp.resolve("github-output");

        Result result = sandbox.run(Map.of("GITHUB_OUTPUT", githubOutput.toString()), "deploy.sh", "dev",
                "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("aws")).contains("cloudfront create-invalidation --region eu-west-2"
                + " --distribution-id E2BOARD --paths /* --query Invalidation.Id --output text");
        assertThat(sandbox.calls("aws").stream().filter(call -> call.startsWith("cloudfront"))).hasSize(1);
        assertThat(terraformCommands()).containsSubsequence("plan", "apply", "output");
        assertThat(result.stdout()).contains("CloudFront invalidation I3INVALIDATION", "\n  api_endpoint   = "
                + ENDPOINT + "\n  board_url      = " + BOARD_URL + "\n");
        assertThat(Files.readAllLines(githubOutput)).contains("api_endpoint=" + ENDPOINT, "board_url=" + BOARD_URL,
                "auth_mode=cognito");
    }

    /** The apply succeeded: a refused invalidation is a warning with the command to retry, not a failed deployment. */
    @Test
    void deployWarnsWhenTheInvalidationIsRefused() throws IOException {
        deployableStack("cognito");
        sandbox.terraform().answer("output -raw board_url", BOARD_URL)
                .answer("output -raw board_distribution_id", "E2BOARD");
        sandbox.aws().fail("cloudfront create-invalidation", 254,
                "An error occurred (AccessDenied) when calling the CreateInvalidation operation\n");

        Result result = sandbox.run("deploy.sh", "dev", "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stderr()).contains("warning: Could not invalidate the board's CloudFront caches",
                "AccessDenied", "aws cloudfront create-invalidation --distribution-id E2BOARD --paths '/*'");
        assertThat(result.stdout()).contains("  board_url      = " + BOARD_URL);
    }

    /** Without the board (its outputs are null, so absent from the state) nothing is invalidated or printed. */
    @Test
    void deployWithoutTheBoardInvalidatesNothing() throws IOException {
        deployableStack("none");
        sandbox.terraform().fail("output -raw board_url", 1, "Error: Output \"board_url\" not found\n");
        Path githubOutput = tmp.resolve("github-output");

        Result result = sandbox.run(Map.of("GITHUB_OUTPUT", githubOutput.toString()), "deploy.sh", "dev",
                "--auto-approve");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("aws")).noneMatch(call -> call.startsWith("cloudfront"));
        assertThat(sandbox.calls("terraform")).noneMatch(call -> call.contains("board_distribution_id"));
        assertThat(result.stdout()).doesNotContain("board_url", "CloudFront");
        assertThat(Files.readAllLines(githubOutput)).contains("board_url=");
    }

    // ---- teardown.sh: deletion protection ------------------------------------------------------------------------------

    @Test
    void teardownRefusesAndNamesEveryProtectedResourceWithOneProcedure() throws IOException {
        sandbox.tfvars("prod", "aws_region = \"eu-west-2\"\ntable_deletion_protection_enabled = true\n");
        stackInState("prod", true, true, true, true, true);

        Result result = sandbox.run("teardown.sh", "prod", "--yes");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).contains(
                "aws_dynamodb_table.tasks", "task-api-prod-tasks",
                "aws_dynamodb_table.lists", "task-api-prod-tasks-lists",
                "aws_dynamodb_table.idempotency", "task-api-prod-tasks-idempotency",
                "aws_cognito_user_pool.this[0]", "task-api-prod-users",
                "aws_s3_bucket.attachments", BUCKET_PROD,
                "terraform -chdir=infrastructure workspace select prod",
                "terraform -chdir=infrastructure apply -var-file=environments/prod.tfvars \\\n"
                        + "         -var table_deletion_protection_enabled=false"
                        + " -target='aws_dynamodb_table.tasks' -target='aws_dynamodb_table.lists'"
                        + " -target='aws_dynamodb_table.idempotency' -target='aws_cognito_user_pool.this[0]'"
                        + " -target='aws_s3_bucket.attachments'\n",
                "Run this script again: scripts/teardown.sh prod",
                // The two tables of user data, each with its own backup command, and the completed attachments.
                "aws dynamodb create-backup --region eu-west-2 --table-name task-api-prod-tasks"
                        + " --backup-name task-api-prod-tasks-final\n",
                "aws dynamodb create-backup --region eu-west-2 --table-name task-api-prod-tasks-lists"
                        + " --backup-name task-api-prod-tasks-lists-final\n",
                "aws s3 sync --region eu-west-2 s3://" + BUCKET_PROD + "/available/ ./" + BUCKET_PROD
                        + "-final/available/\n");
        assertThat(result.stderr()).doesNotContain("--table-name task-api-prod-tasks-idempotency");
        assertThat(result.errorLine("Deletion protection is on for 5 resource(s)")).contains("nothing was destroyed");
        assertThat(terraformCommands()).doesNotContain("destroy", "apply");
    }

    /** The lists table holds user data like the tasks table: its protection alone stops the teardown. */
    @Test
    void teardownRefusesWhileOnlyTheListsTableIsProtected() throws IOException {
        sandbox.tfvars("prod", "aws_region = \"eu-west-2\"\n");
        stackInState("prod", false, true, false, false, false);

        Result result = sandbox.run("teardown.sh", "prod", "--yes");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("-var table_deletion_protection_enabled=false -target='aws_dynamodb_table.lists'\n")
                .doesNotContain("-target='aws_dynamodb_table.tasks'", "-target='aws_cognito_user_pool",
                        "-target='aws_s3_bucket");
        assertThat(result.errorLine("Deletion protection is on for 1 resource(s)")).contains("nothing was destroyed");
        assertThat(terraformCommands()).doesNotContain("destroy", "apply");
    }

    @Test
    void teardownTargetsExactlyTheResourcesStillProtected() throws IOException {
        sandbox.tfvars("prod", "aws_region = \"eu-west-2\"\n");
        stackInState("prod", false, false, false, true, false); // e.g. after an earlier, partial attempt

        Result result = sandbox.run("teardown.sh", "prod", "--yes");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("-var table_deletion_protection_enabled=false -target='aws_cognito_user_pool.this[0]'\n")
                .doesNotContain("-target='aws_dynamodb_table", "-target='aws_s3_bucket");
        assertThat(terraformCommands()).doesNotContain("destroy");
    }

    @Test
    void teardownDestroysWhenNothingIsProtected() throws IOException {
        sandbox.tfvars("dev", "aws_region = \"eu-west-2\"\ntable_deletion_protection_enabled = false\n");
        stackInState("dev", false, false, false, false, false);

        Result result = sandbox.run("teardown.sh", "dev", "--yes");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(terraformCommands()).contains("destroy");
        assertThat(result.stdout()).contains("the attachments bucket with every file in it",
                "the task board with its\nCloudFront distribution");
    }

    /**
     * The attachments bucket keeps its files as the tables keep their items: while its force_destroy is false, a
     * destroy would fail on the first file after deleting everything unprotected, so the script refuses, names the
     * bucket, offers to copy the completed attachments and targets it alone.
     */
    @Test
    void teardownRefusesWhileOnlyTheAttachmentsBucketKeepsItsFiles() throws IOException {
        sandbox.tfvars("prod", "aws_region = \"eu-west-2\"\n");
        stackInState("prod", false, false, false, false, true);

        Result result = sandbox.run("teardown.sh", "prod", "--yes");

        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("aws_s3_bucket.attachments", BUCKET_PROD,
                        "-var table_deletion_protection_enabled=false -target='aws_s3_bucket.attachments'\n",
                        "aws s3 sync --region eu-west-2 s3://" + BUCKET_PROD + "/available/")
                .doesNotContain("-target='aws_dynamodb_table", "-target='aws_cognito_user_pool");
        assertThat(result.errorLine("Deletion protection is on for 1 resource(s)")).contains("nothing was destroyed");
        assertThat(terraformCommands()).doesNotContain("destroy", "apply");
    }

    /** A bucket whose force_destroy is already true (the protection released) no longer stops the teardown. */
    @Test
    void teardownDestroysOnceTheBucketMayBeEmptied() throws IOException {
        sandbox.tfvars("prod", "aws_region = \"eu-west-2\"\n");
        stackInState("prod", false, false, false, false, false);

        Result result = sandbox.run("teardown.sh", "prod", "--yes");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(sandbox.calls("terraform"))
                .anyMatch(call -> call.endsWith(" state show -no-color aws_s3_bucket.attachments"));
        assertThat(terraformCommands()).contains("destroy");
    }

    /**
     * A destroy still reads the package of the tfvars' runtime (filebase64sha256): the custom runtime's by default, so
     * a placeholder stands in exactly when that one is missing, whatever other package exists.
     */
    @Test
    void teardownStandsInForThePackageOfTheEnvironmentsRuntimeOnlyWhenItIsMissing() throws IOException {
        sandbox.tfvars("dev", "aws_region = \"eu-west-2\"\n");
        stackInState("dev", false, false, false, false, false);
        sandbox.writeFile(MANAGED_ZIP, "PK-managed");

        Result withoutCustomZip = sandbox.run("teardown.sh", "dev", "--yes");
        sandbox.writeFile(CUSTOM_ZIP, "PK-custom");
        Result withCustomZip = sandbox.run("teardown.sh", "dev", "--yes");
        sandbox.tfvars("dev", "aws_region = \"eu-west-2\"\nlambda_runtime = \"java21\"\n");
        Files.delete(sandbox.root.resolve(MANAGED_ZIP));
        Result managedWithoutZip = sandbox.run("teardown.sh", "dev", "--yes");

        assertThat(List.of(withoutCustomZip, withCustomZip, managedWithoutZip))
                .allSatisfy(result -> assertThat(result.exit()).as(result.describe()).isZero());
        assertThat(sandbox.calls("terraform").stream().filter(call -> call.contains(" destroy ")))
                .extracting(call -> call.contains(" -var lambda_package_path="))
                .containsExactly(true, false, true);
    }

    // ---- smoke-token.sh: the deployment's region -------------------------------------------------------------------

    @Test
    void smokeTokenSendsEveryAwsCallToTheEnvironmentsRegion() throws IOException {
        Assumptions.assumeTrue(sandbox.hasPython(), "python3 is needed by smoke-token.sh");
        sandbox.tfvars("staging", "aws_region = \"eu-west-2\"\n");
        sandbox.terraform()
                .answer("output -json cognito_user_pool_id", "\"eu-west-2_AbCdEf123\"\n")
                .answer("output -json cognito_user_pool_client_id", "\"client123\"\n");
        sandbox.aws()
                .fail("cognito-idp admin-get-user", 254, "An error occurred (UserNotFoundException)\n")
                .answer("cognito-idp admin-initiate-auth", "id-token-123\n");

        // The shell's AWS region points elsewhere: the token must still come from where the stack is.
        Result result = sandbox.run(Map.of("AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1"),
                "smoke-token.sh", "staging");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEqualTo("id-token-123\n");
        List<String> awsCalls = sandbox.calls("aws");
        assertThat(awsCalls).extracting(call -> call.split(" ")[1]).containsExactly(
                "admin-get-user", "admin-create-user", "admin-set-user-password", "admin-initiate-auth");
        assertThat(awsCalls).allSatisfy(call -> assertThat(call).contains(" --region eu-west-2 "));
        assertThat(sandbox.lines("terraform.workspace")).containsOnly("TF_WORKSPACE=staging");
    }

    @Test
    void smokeTokenPrintsNothingWithoutAUserPool() throws IOException {
        Assumptions.assumeTrue(sandbox.hasPython(), "python3 is needed by smoke-token.sh");
        sandbox.terraform().answer("output -json cognito_user_pool_id", "null\n")
                .answer("output -json cognito_user_pool_client_id", "null\n");
        sandbox.aws();

        Result result = sandbox.run("smoke-token.sh", "dev");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(sandbox.calls("aws")).isEmpty();
    }

    // ---- the real repository -----------------------------------------------------------------------------------------

    @Test
    void theInfrastructureDeclaresTheVariableDeployLooksForToManageTheAccountRole() throws IOException {
        String variables = Files.readString(Repository.infrastructure().resolve("variables.tf"));

        assertThat(variables).containsAnyOf("variable \"manage_api_gateway_account\"",
                "variable \"manage_api_gateway_account_role\"");
    }

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        Optional<Path> shellcheck = onPath("shellcheck");
        if (shellcheck.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("TASKS_REQUIRE_SHELLCHECK"))) {
                fail("shellcheck is not on PATH, and TASKS_REQUIRE_SHELLCHECK=true requires this check:"
                        + " install it with `apt-get install shellcheck`");
            }
            System.err.println("""

                    ################################################################################
                    #  WARNING: SHELLCHECK IS NOT ON PATH; THE SCRIPTS ARE NOT CHECKED             #
                    #  Install it to run the check:  apt-get install shellcheck                    #
                    #  CI sets TASKS_REQUIRE_SHELLCHECK=true, where this is a failure, not a skip. #
                    ################################################################################
                    """);
            Assumptions.abort("shellcheck is missing: check skipped (set TASKS_REQUIRE_SHELLCHECK=true to fail instead)");
        }
        Path root = Repository.root();
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("scripts"))) {
            files.filter(file -> file.toString().endsWith(".sh")).sorted()
                    .forEach(file -> scripts.add(root.relativize(file).toString()));
        }
        scripts.add(".ci/run");
        assertThat(scripts).contains("scripts/deploy.sh", "scripts/teardown.sh", "scripts/smoke.sh",
                "scripts/smoke-token.sh", "scripts/package.sh", "scripts/lib/common.sh", ".ci/run");

        List<String> command = new ArrayList<>(List.of(shellcheck.get().toString()));
        command.addAll(scripts);
        Path output = tmp.resolve("shellcheck.out");
        Process process = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();

        assertThat(process.exitValue()).as("shellcheck %s:%n%s", String.join(" ", scripts), Files.readString(output))
                .isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private void awsThatWorks() throws IOException {
        sandbox.aws().answer("sts get-caller-identity", IDENTITY)
                .answer("apigateway get-account", "arn:aws:iam::123456789012:role/apigw-cloudwatch\n");
    }

    /** Everything deploy.sh needs to run to the end; terraform's outputs describe a stack with AUTH_MODE. */
    private void deployableStack(String authMode) throws IOException {
        sandbox.java();
        awsThatWorks();
        sandbox.terraform().answer("version", TF_VERSION)
                .fail("plan", 2, "") // -detailed-exitcode: changes to apply
                .answer("output -raw api_endpoint", ENDPOINT)
                .answer("output -raw auth_mode", authMode)
                .answer("output -raw function_name", "task-api-dev")
                .answer("output -raw table_name", "task-api-dev-tasks")
                .answer("output -raw dashboard_name", "task-api-dev");
        sandbox.mvnw();
    }

    /**
     * ENV's stack in Terraform state, whose five protectable resources have deletion protection as given (the bucket's
     * as force_destroy = !bucket).
     */
    private void stackInState(String env, boolean tasks, boolean lists, boolean idempotency, boolean pool,
            boolean bucket) throws IOException {
        awsThatWorks();
        String name = "task-api-" + env;
        sandbox.terraform().answer("version", TF_VERSION)
                .answer("state list", """
                        aws_api_gateway_rest_api.this
                        aws_cloudwatch_event_rule.maintenance
                        aws_cognito_user_pool.this[0]
                        aws_cognito_user_pool_client.this[0]
                        aws_dynamodb_table.idempotency
                        aws_dynamodb_table.lists
                        aws_dynamodb_table.tasks
                        aws_s3_bucket.attachments
                        aws_s3_bucket_lifecycle_configuration.attachments
                        module.lambda.aws_lambda_function.this
                        """)
                .answer("state show -no-color aws_dynamodb_table.tasks", table(name + "-tasks", tasks))
                .answer("state show -no-color aws_dynamodb_table.lists", table(name + "-tasks-lists", lists))
                .answer("state show -no-color aws_dynamodb_table.idempotency", table(name + "-tasks-idempotency", idempotency))
                .answer("state show -no-color aws_cognito_user_pool.this[0]", """
                        # aws_cognito_user_pool.this[0]:
                        resource "aws_cognito_user_pool" "this" {
                            arn                      = "arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_AbC"
                            deletion_protection      = "%s"
                            id                       = "eu-west-2_AbC"
                            name                     = "%s-users"

                            schema {
                                name = "email"
                            }
                        }
                        """.formatted(pool ? "ACTIVE" : "INACTIVE", name))
                .answer("state show -no-color aws_s3_bucket.attachments", """
                        # aws_s3_bucket.attachments:
                        resource "aws_s3_bucket" "attachments" {
                            arn                         = "arn:aws:s3:::%1$s"
                            bucket                      = "%1$s"
                            bucket_domain_name          = "%1$s.s3.amazonaws.com"
                            bucket_region               = "eu-west-2"
                            force_destroy               = %2$s
                            id                          = "%1$s"
                            object_lock_enabled         = false
                            tags_all                    = {
                                "Environment" = "%3$s"
                            }

                            grant {
                                id          = "0123abcd"
                                permissions = [
                                    "FULL_CONTROL",
                                ]
                                type        = "CanonicalUser"
                            }

                            server_side_encryption_configuration {
                                rule {
                                    bucket_key_enabled = false

                                    apply_server_side_encryption_by_default {
                                        sse_algorithm = "AES256"
                                    }
                                }
                            }

                            versioning {
                                enabled    = false
                                mfa_delete = false
                            }
                        }
                        """.formatted(bucketName(env), !bucket, env));
    }

    private static String bucketName(String env) {
        return "task-api-" + env + "-attachments-123456789012";
    }

    private static String table(String name, boolean protectedFromDeletion) {
        return """
                # aws_dynamodb_table.x:
                resource "aws_dynamodb_table" "x" {
                    billing_mode                = "PAY_PER_REQUEST"
                    deletion_protection_enabled = %s
                    hash_key                    = "owner"
                    name                        = "%s"
                    tags_all                    = {
                        "Environment" = "prod"
                    }

                    attribute {
                        name = "owner"
                        type = "S"
                    }
                }
                """.formatted(protectedFromDeletion, name);
    }

    /** The one terraform plan call. */
    private String planCall() throws IOException {
        List<String> plans = sandbox.calls("terraform").stream().filter(call -> call.contains(" plan ")).toList();
        assertThat(plans).as("terraform plan calls").hasSize(1);
        return plans.get(0) + " ";
    }

    private static void zeros(OutputStream out, long count) throws IOException {
        byte[] block = new byte[1 << 20];
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(left, block.length));
        }
    }

    /** The terraform subcommands run, in order, without -chdir. */
    private List<String> terraformCommands() throws IOException {
        return sandbox.calls("terraform").stream()
                .map(call -> Arrays.stream(call.split(" ")).filter(word -> !word.startsWith("-chdir=")).findFirst()
                        .orElse(""))
                .toList();
    }

    private void assertRefusedBeforeAnyChange(Result result) throws IOException {
        assertThat(result.exit()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).as(result.describe())
                .contains("Prerequisites not met (see above); nothing was built or changed.");
        assertThat(terraformCommands()).as("terraform commands run").isSubsetOf("version");
        assertThat(sandbox.calls("mvnw")).as("builds run").isEmpty();
        // Every complaint is one line that says how to fix it.
        assertThat(result.stderr().lines().filter(line -> line.startsWith("error: ")))
                .allSatisfy(line -> assertThat(line).containsAnyOf("Fix: ", "nothing was built or changed"));
    }

    private static Optional<Path> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A script's exit status and output. */
    record Result(int exit, String stdout, String stderr) {
        /** The one stderr line that contains TEXT. */
        String errorLine(String text) {
            List<String> lines = stderr.lines().filter(line -> line.contains(text)).toList();
            assertThat(lines).as("stderr lines containing \"%s\" in%n%s", text, describe()).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: ");
            return lines.get(0);
        }

        String describe() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A copy of scripts/ in a temporary repository, and a PATH of basic tools and stubs. */
    static final class Sandbox {
        final Path root;
        final Path log;
        private final Path tools;
        private final Path stubs;
        private final Path home;
        private final Map<String, Stub> stubbed = new LinkedHashMap<>();
        private final boolean python;

        Sandbox(Path tmp) throws IOException {
            root = Files.createDirectories(tmp.resolve("repo"));
            log = Files.createDirectories(tmp.resolve("log"));
            tools = Files.createDirectories(tmp.resolve("tools"));
            stubs = Files.createDirectories(tmp.resolve("stubs"));
            home = Files.createDirectories(tmp.resolve("home"));
            Files.createDirectories(tmp.resolve("tmp"));
            copyScripts(Repository.root().resolve("scripts"), root.resolve("scripts"));
            Files.createDirectories(root.resolve("infrastructure/environments"));
            // The root module's variable that makes Terraform manage the account's API Gateway CloudWatch role.
            Files.writeString(root.resolve("infrastructure/variables.tf"), """
                    variable "aws_region" {
                      type    = string
                      default = "us-east-1"
                    }

                    variable "manage_api_gateway_account" {
                      type    = bool
                      default = false
                    }
                    """);
            for (String tool : TOOLS) {
                Optional<Path> found = onPath(tool);
                if (found.isPresent()) {
                    Files.createSymbolicLink(tools.resolve(tool), found.get());
                }
            }
            python = linkPython();
        }

        void removeToolLinks() throws IOException {
            try (Stream<Path> links = Files.list(tools)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }

        boolean hasPython() {
            return python;
        }

        void tfvars(String env, String content) throws IOException {
            Files.writeString(root.resolve("infrastructure/environments/" + env + ".tfvars"), content);
        }

        Stub aws() {
            return stubbed.computeIfAbsent("aws", Stub::new);
        }

        Stub terraform() {
            return stubbed.computeIfAbsent("terraform", Stub::new);
        }

        /** A java whose -version says 21. */
        void java() {
            stubbed.computeIfAbsent("java", Stub::new).answerOnStderr("-version", JAVA_VERSION);
        }

        /**
         * ./mvnw that "builds" the package its -pl names, a small real zip for task-lambda-runtime (package.sh reads
         * its unzipped size) and a small file for task-adapter-lambda, and notes how many aws calls had been made by
         * then.
         */
        void mvnw() throws IOException {
            Path zip = log.resolve("custom-runtime.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry("bootstrap"));
                out.write("#!/bin/sh\nexec jre/bin/java @jvm.args\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            mvnw(zip);
        }

        /** Like {@link #mvnw()}, with CUSTOM_ZIP as what the custom runtime's build produces. */
        void mvnw(Path customZip) throws IOException {
            writeMvnw("""
                    mkdir -p task-lambda-runtime/target
                    cp '%s' task-lambda-runtime/target/task-lambda-runtime.zip
                    """.formatted(customZip));
        }

        /**
         * ./mvnw as task-lambda-runtime's build answers without a JDK 25: a line starting SKIPPED, success, and no
         * zip. The managed runtime's zip builds as with {@link #mvnw()}.
         */
        void mvnwWithoutJdk25() throws IOException {
            writeMvnw("""
                    echo 'SKIPPED: no JDK 25 found (JDK25_HOME is not a JDK 25, none under /usr/lib/jvm)'
                    """);
        }

        private void writeMvnw(String customRuntimeBuild) throws IOException {
            Path mvnw = root.resolve("mvnw");
            Files.writeString(mvnw, """
                    #!/usr/bin/env bash
                    printf '%%s\\n' "$*" >>'%1$s/mvnw.calls'
                    (cat '%1$s/aws.calls' 2>/dev/null || true) | wc -l | tr -d ' ' >'%1$s/mvnw.saw-aws-calls'
                    case " $* " in
                      *' -pl task-lambda-runtime '*)
                    %2$s
                        ;;
                      *)
                        mkdir -p task-adapter-lambda/target
                        printf 'PK-not-really-a-zip' >task-adapter-lambda/target/task-lambda.zip
                        ;;
                    esac
                    """.formatted(log, customRuntimeBuild.strip()));
            mvnw.toFile().setExecutable(true);
        }

        /** Writes a file below the sandbox's repository root, creating its directories. */
        void writeFile(String path, String content) throws IOException {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }

        /** Whether package.sh can read a zip's unzipped size here (unzip, or python3, in the sandbox's PATH). */
        boolean canReadZips() {
            return Files.exists(tools.resolve("unzip")) || python;
        }

        /** The recorded calls of a stub, one line each ("$*"); empty when it was never called. */
        List<String> calls(String name) throws IOException {
            return lines(name + ".calls");
        }

        List<String> lines(String file) throws IOException {
            Path path = log.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        }

        Result run(String script, String... args) throws IOException {
            return run(Map.of(), script, args);
        }

        Result run(Map<String, String> extraEnv, String script, String... args) throws IOException {
            for (Stub stub : stubbed.values()) {
                stub.write(stubs, log);
            }
            List<String> command = new ArrayList<>();
            command.add(root.resolve("scripts").resolve(script).toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
            Map<String, String> env = builder.environment();
            env.clear(); // nothing of the caller's: no CI, AWS_PROFILE, TF_WORKSPACE or GITHUB_OUTPUT
            env.put("PATH", stubs + File.pathSeparator + tools);
            env.put("HOME", home.toString());
            env.put("TMPDIR", root.getParent().resolve("tmp").toString());
            env.put("LC_ALL", "C");
            env.putAll(extraEnv);
            Path out = log.resolve("stdout");
            Path err = log.resolve("stderr");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new File("/dev/null")));
            Process process = builder.start();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(script + " did not finish within 30 s:\n" + Files.readString(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }

        private static void copyScripts(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }

        /** python3 itself, not a version manager's shim, which needs more of the PATH than the sandbox has. */
        private boolean linkPython() throws IOException {
            Optional<Path> python3 = onPath("python3");
            if (python3.isEmpty()) {
                return false;
            }
            try {
                Process process = new ProcessBuilder(python3.get().toString(), "-c", "import sys; print(sys.executable)")
                        .redirectErrorStream(true).start();
                String executable = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || executable.isEmpty()) {
                    return false;
                }
                Files.createSymbolicLink(tools.resolve("python3"), Path.of(executable));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * A stub command: records "$*" in LOG/NAME.calls (and terraform's TF_WORKSPACE in LOG/terraform.workspace), then
     * answers the first rule whose text occurs in its arguments; with no matching rule it succeeds silently.
     */
    static final class Stub {
        private final String name;
        private final List<String[]> rules = new ArrayList<>(); // {match, stdout, stderr, exit}

        Stub(String name) {
            this.name = name;
        }

        Stub answer(String match, String stdout) {
            rules.add(new String[] {match, stdout, "", "0"});
            return this;
        }

        Stub answerOnStderr(String match, String stderr) {
            rules.add(new String[] {match, "", stderr, "0"});
            return this;
        }

        Stub fail(String match, int exit, String stderr) {
            rules.add(new String[] {match, "", stderr, Integer.toString(exit)});
            return this;
        }

        void write(Path stubs, Path log) throws IOException {
            Path answers = Files.createDirectories(log.resolve(name + ".answers"));
            StringBuilder script = new StringBuilder("""
                    #!/usr/bin/env bash
                    printf '%%s\\n' "$*" >>'%1$s/%2$s.calls'
                    """.formatted(log, name));
            if (name.equals("terraform")) {
                script.append("printf 'TF_WORKSPACE=%%s\\n' \"${TF_WORKSPACE:-}\" >>'%s/terraform.workspace'\n"
                        .formatted(log));
            }
            script.append("case \" $* \" in\n");
            for (int i = 0; i < rules.size(); i++) {
                String[] rule = rules.get(i);
                if (rule[0].contains("'")) {
                    throw new IllegalArgumentException("no quotes in a stub's match: " + rule[0]);
                }
                Files.writeString(answers.resolve(i + ".out"), rule[1]);
                Files.writeString(answers.resolve(i + ".err"), rule[2]);
                script.append("  *' %1$s '*) cat '%2$s/%3$d.out'; cat '%2$s/%3$d.err' >&2; exit %4$s ;;\n"
                        .formatted(rule[0], answers, i, rule[3]));
            }
            script.append("esac\nexit 0\n");
            Path stub = stubs.resolve(name);
            Files.writeString(stub, script);
            if (!stub.toFile().setExecutable(true)) {
                throw new UncheckedIOException(new IOException("cannot make " + stub + " executable"));
            }
        }
    }
}
