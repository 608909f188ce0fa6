package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The function runs one of two kinds of package: the custom runtime package on {@code provided.al2023} (the default;
 * its own jlinked JDK 25 and AOT cache, built for x86_64 only, no SnapStart) or task-lambda.zip on a managed Java
 * runtime ({@code java21}, {@code java25}) with SnapStart. The runtime decides the default architecture and package,
 * arm64 with the custom runtime fails the plan, and SnapStart is configured exactly for the managed runtimes.
 *
 * <p>hcl4j evaluates the Lambda module with its inputs bound (the dynamic block's {@code for_each}, the precondition's
 * condition); the root module's derivations combine a {@code coalesce} with a conditional, which hcl4j does not
 * evaluate, so they are compared as source text.
 */
class TerraformLambdaRuntimeTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path LAMBDA_MODULE = ROOT.resolve("modules/lambda");
    private static final String CUSTOM = "provided.al2023";
    private static final List<String> MANAGED = List.of("java21", "java25");
    private static final String CUSTOM_ZIP = "task-lambda-runtime/target/task-lambda-runtime.zip";
    private static final String MANAGED_ZIP = "task-adapter-lambda/target/task-lambda.zip";

    @Test
    void theCustomRuntimeIsTheDefaultAndTheManagedRuntimesRemainAccepted() {
        Map<String, Object> variable = Terraform.block(Terraform.parse(ROOT.resolve("variables.tf")),
                "variable", "lambda_runtime");

        assertThat(variable.get("default")).isEqualTo(CUSTOM);
        assertThat(TerraformProviderTest.acceptedRuntimes(ROOT.resolve("variables.tf"), "lambda_runtime"))
                .containsExactlyInAnyOrder(CUSTOM, "java21", "java25");
        // What each value gives and gives up is said where the variable is declared.
        assertThat((String) variable.get("description")).contains(
                "\"provided.al2023\" (the default)", "JDK 25", "ahead-of-time (AOT) cache", "x86_64 only",
                "no SnapStart", "rebuilt and redeployed", "\"java21\" or \"java25\"", "SnapStart on published versions",
                "AWS patches the JVM", "docs/benchmarks.md section 11");
    }

    /** website/docs/r/lambda_function.html.markdown (snap_start); Lambda offers SnapStart for managed runtimes only. */
    @Test
    void snapStartIsConfiguredForTheManagedRuntimesOnly() {
        for (String runtime : acceptedRuntimes()) {
            Map<String, Object> function = function(runtime, MANAGED.contains(runtime) ? "arm64" : "x86_64");

            assertThat(function).as("a static snap_start block would apply to every runtime")
                    .doesNotContainKey("snap_start");
            Map<String, Object> snapStart = Terraform.block(function, "dynamic", "snap_start");
            assertThat((List<?>) snapStart.get("for_each")).as("snap_start instances with %s", runtime)
                    .hasSize(MANAGED.contains(runtime) ? 1 : 0);
            assertThat(Terraform.at(snapStart, "content", "apply_on")).isEqualTo("PublishedVersions");
            // Everything else is the same whatever the runtime: a published version behind the alias, X-Ray, the
            // handler (ignored by the custom runtime, but Lambda requires one).
            assertThat(function.get("publish")).as("publish with %s", runtime).isEqualTo(true);
            assertThat(Terraform.at(function, "tracing_config", "mode")).isEqualTo("Active");
            assertThat(Terraform.reference(function.get("handler"))).isEqualTo("var.handler");
            assertThat(function.get("runtime")).isEqualTo(runtime);
        }
    }

    /**
     * The custom runtime package is x86_64 code: arm64 must fail the plan. A precondition does (a {@code check} block
     * would only warn), and it is the only place the two inputs meet, since a variable validation may not read another
     * variable before Terraform 1.9.
     */
    @Test
    void theCustomRuntimeOnArm64FailsThePlanAndEveryOtherCombinationPasses() {
        for (String runtime : acceptedRuntimes()) {
            for (String architecture : List.of("arm64", "x86_64")) {
                Map<String, Object> precondition = Terraform.block(function(runtime, architecture),
                        "lifecycle", "precondition");

                assertThat(precondition.get("condition")).as("precondition with %s on %s", runtime, architecture)
                        .isEqualTo(!(runtime.equals(CUSTOM) && architecture.equals("arm64")));
                assertThat((String) precondition.get("error_message")).contains(
                        "provided.al2023", "x86_64 only", "lambda_architecture", "lambda_runtime = \"java21\"");
            }
        }
    }

    @Test
    void theArchitectureAndThePackageDefaultToTheOnesTheRuntimeNeeds() {
        Map<String, Object> variables = Terraform.parse(ROOT.resolve("variables.tf"));
        Map<String, Object> architecture = Terraform.block(variables, "variable", "lambda_architecture");
        Map<String, Object> packagePath = Terraform.block(variables, "variable", "lambda_package_path");

        // Null means "the one lambda_runtime needs", which the validations let through.
        assertThat(architecture).containsEntry("default", null);
        assertThat(packagePath).containsEntry("default", null);
        assertThat(Terraform.at(architecture, "validation", "condition")).isEqualTo(true);
        assertThat(Terraform.at(packagePath, "validation", "condition")).isEqualTo(true);
        assertThat(validationHolds("lambda_architecture", "arm64")).isTrue();
        assertThat(validationHolds("lambda_architecture", "x86_64")).isTrue();
        assertThat(validationHolds("lambda_architecture", "aarch64")).isFalse();
        assertThat(validationHolds("lambda_package_path", "../elsewhere/function.zip")).isTrue();
        assertThat(validationHolds("lambda_package_path", "../task-adapter-lambda/target/task-server.jar")).isFalse();

        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace("""
                lambda_architecture = coalesce(var.lambda_architecture,
                    var.lambda_runtime == "provided.al2023" ? "x86_64" : "arm64")
                """), Terraform.withoutWhitespace("""
                lambda_package_file = coalesce(
                    var.lambda_package_path,
                    var.lambda_runtime == "provided.al2023" ? "../%s" : "../%s",
                )
                """.formatted(CUSTOM_ZIP, MANAGED_ZIP)));
        Map<String, Object> call = Terraform.block(Terraform.module(ROOT), "module", "lambda");
        assertThat(Terraform.reference(call.get("architecture"))).isEqualTo("local.lambda_architecture");
        assertThat(Terraform.reference(call.get("runtime"))).isEqualTo("var.lambda_runtime");
    }

    /** The packages Terraform uploads by default are the ones scripts/package.sh builds, for the same default. */
    @Test
    void theScriptsBuildThePackagesTerraformUploadsAndAgreeOnTheDefaultRuntime() throws IOException {
        String common = Files.readString(Repository.root().resolve("scripts/lib/common.sh"), StandardCharsets.UTF_8);

        assertThat(shellAssignment(common, "LAMBDA_CUSTOM_ZIP")).isEqualTo("$REPO_ROOT/" + CUSTOM_ZIP);
        assertThat(shellAssignment(common, "LAMBDA_ZIP")).isEqualTo("$REPO_ROOT/" + MANAGED_ZIP);
        assertThat(shellAssignment(common, "DEFAULT_LAMBDA_RUNTIME")).isEqualTo(CUSTOM);
        assertThat(MANAGED).contains(shellAssignment(common, "DEFAULT_MANAGED_RUNTIME"));
    }

    /** Each environment's tfvars, with the defaults they leave alone, deploy a runtime on an architecture it fits. */
    @Test
    void everyEnvironmentDeploysARuntimeOnAnArchitectureItRunsOn() throws IOException {
        List<Path> tfvars;
        try (Stream<Path> files = Files.list(ROOT.resolve("environments"))) {
            tfvars = files.filter(file -> file.toString().endsWith(".tfvars")).sorted().toList();
        }
        assertThat(tfvars).isNotEmpty();

        for (Path file : tfvars) {
            Map<String, Object> values = Terraform.tfvars(file);
            String runtime = (String) values.getOrDefault("lambda_runtime", CUSTOM);
            String architecture = (String) values.getOrDefault("lambda_architecture",
                    runtime.equals(CUSTOM) ? "x86_64" : "arm64");

            assertThat(acceptedRuntimes()).as("lambda_runtime of %s", file).contains(runtime);
            assertThat(Terraform.at(function(runtime, architecture), "lifecycle", "precondition", "condition"))
                    .as("%s: %s on %s", file, runtime, architecture).isEqualTo(true);
        }
    }

    @Test
    void theReadmeSaysWhatEachRuntimeGivesAndGivesUp() {
        Path readme = ROOT.resolve("README.md");

        assertThat(Markdown.section(readme, "## Deploying")).contains("`provided.al2023`",
                "scripts/deploy.sh ENV --runtime managed", "docs/benchmarks.md", "JDK 25", "x86_64", "SnapStart");
        assertThat(Markdown.section(readme, "## Inputs")).contains(
                "| `lambda_runtime` | `string` | `\"provided.al2023\"` |",
                "| `lambda_architecture` | `string` | `null` |",
                "| `lambda_package_path` | `string` | `null` |");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static List<String> acceptedRuntimes() {
        return List.copyOf(TerraformProviderTest.acceptedRuntimes(ROOT.resolve("variables.tf"), "lambda_runtime"));
    }

    /** The module's aws_lambda_function.this, evaluated by hcl4j with runtime and architecture bound. */
    private static Map<String, Object> function(String runtime, String architecture) {
        Map<String, Object> module = Terraform.module(LAMBDA_MODULE,
                Map.of("runtime", runtime, "architecture", architecture));
        return Terraform.block(module, "resource", "aws_lambda_function", "this");
    }

    private static boolean validationHolds(String variable, String value) {
        Object condition = Terraform.at(Terraform.parse(ROOT.resolve("variables.tf"), Map.of(variable, value)),
                "variable", variable, "validation", "condition");
        assertThat(condition).as("validation of %s for %s", variable, value).isInstanceOf(Boolean.class);
        return (Boolean) condition;
    }

    /** The value of a top-level {@code NAME="value"} line of a shell script. */
    private static String shellAssignment(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "=\"([^\"]*)\"$").matcher(script);
        assertThat(matcher.find()).as("%s=\"...\" in scripts/lib/common.sh", name).isTrue();
        return matcher.group(1);
    }
}
