package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.deployment.VersionConstraint.Version;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration asks for a provider and a Terraform that can plan it: the AWS provider's 6.x line in every module,
 * only Lambda runtimes that line accepts, no argument its 6.0 upgrade guide removed, and a Terraform floor no older
 * than the newest language feature the files use. Provider pages followed are named on each test and in
 * infrastructure/README.md ("Versions and checks").
 */
class TerraformProviderTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path LAMBDA_MODULE = ROOT.resolve("modules/lambda");

    /** The provider release the files were last checked against: the newest 6.x in the provider's CHANGELOG.md. */
    private static final String CHECKED_PROVIDER_LINE = "~> 6.36";

    /**
     * The runtimes this project deploys, SnapStart-capable Java runtimes and the OS-only runtime of the custom runtime
     * package, and the first AWS provider release whose {@code aws_lambda_function.runtime} accepts each. Source: the
     * provider validates {@code runtime} with {@code enum.Validate[awstypes.Runtime]()}
     * (hashicorp/terraform-provider-aws, internal/service/lambda/function.go), i.e. against the Runtime enum of the AWS
     * SDK for Go v2 it is built with (aws/aws-sdk-go-v2, service/lambda/types/enums.go, which lists java17, java21,
     * java25 and provided.al2023); a runtime is accepted from the first provider release built with an SDK that has it:
     * java17 from 4.66.0 (provider issue #31032), provided.al2023 from 5.26.0 (#34360), java21 from 5.27.0 (#34552,
     * PR #34476), java25 from 6.20.0 (#44985, CHANGELOG PR #45024). Runtimes are validated against this map, so a new
     * one needs its release added here first.
     */
    static final Map<String, Version> RUNTIMES_SINCE = Map.of(
            "java17", Version.of("4.66.0"),
            "provided.al2023", Version.of("5.26.0"),
            "java21", Version.of("5.27.0"),
            "java25", Version.of("6.20.0"));

    /** Values a runtime validation is tried with: the map above and values it must refuse. */
    static final List<String> RUNTIME_CANDIDATES = List.of(
            "java17", "java21", "java25", "java26", "java11", "java8.al2", "provided.al2023", "provided.al2", "provided",
            "nodejs22.x", "JAVA21", "");

    /**
     * Arguments version 6.0 removed from resource types this configuration uses (website/docs/guides/
     * version-6-upgrade.html.markdown, sections "Resource aws_api_gateway_account", "Resource
     * aws_api_gateway_deployment" and "resource/aws_cloudfront_response_headers_policy", whose {@code etag} is now
     * computed only). For the other types used here (DynamoDB, Lambda, IAM, Cognito, CloudWatch, SNS, KMS, the
     * other CloudFront resources, S3 objects) the guide lists nothing this configuration sets (WAFv2 only changes a
     * Bot Control default, which is not used; the S3 bucket configuration resources are unchanged), except that
     * {@code aws_s3_bucket}'s computed {@code region} became {@code bucket_region} ("Resource aws_s3_bucket"), checked
     * below.
     */
    private static final Map<String, List<String>> REMOVED_IN_6 = Map.of(
            "aws_api_gateway_account", List.of("reset_on_delete"),
            "aws_api_gateway_deployment", List.of("stage_name", "stage_description", "canary_settings"),
            "aws_cloudfront_response_headers_policy", List.of("etag"));

    /**
     * Language features newer than Terraform 1.0 and the release that introduced each (Terraform's CHANGELOG and
     * function documentation): a {@code name(} is a function call, a {@code name {} at the start of a line a block.
     */
    private static final Map<String, Version> FEATURES_SINCE = new TreeMap<>(Map.ofEntries(
            Map.entry("optional(", Version.of("1.3")),
            Map.entry("startswith(", Version.of("1.3")),
            Map.entry("endswith(", Version.of("1.3")),
            Map.entry("timecmp(", Version.of("1.3")),
            Map.entry("strcontains(", Version.of("1.5")),
            Map.entry("plantimestamp(", Version.of("1.5")),
            Map.entry("import {", Version.of("1.5")),
            Map.entry("check \"", Version.of("1.5")),
            Map.entry("removed {", Version.of("1.7")),
            Map.entry("issensitive(", Version.of("1.8")),
            Map.entry("templatestring(", Version.of("1.9")),
            Map.entry("ephemeralasnull(", Version.of("1.10")),
            Map.entry("ephemeral \"", Version.of("1.10"))));

    /** Provider line: the Terraform Registry's version constraint syntax, and the provider's CHANGELOG.md. */
    @Test
    void everyModulePinsTheAwsProviderToThe6xLine() {
        Map<String, VersionConstraint> constraints = awsProviderConstraints();

        assertThat(constraints).containsOnlyKeys("versions.tf", "modules/lambda/versions.tf");
        assertThat(constraints).allSatisfy((file, constraint) -> assertThat(constraint.withinMajor(6))
                .as("%s allows only 6.x (%s)", file, constraint.text()).isTrue());
    }

    @Test
    void theRootModulePinsTheReleaseLineTheFilesWereCheckedAgainstAndTheReadmeSaysSo() {
        assertThat(awsProviderConstraints().get("versions.tf").text()).isEqualTo(CHECKED_PROVIDER_LINE);
        assertThat(Markdown.section(ROOT.resolve("README.md"), "## Versions and checks"))
                .contains("`hashicorp/aws " + CHECKED_PROVIDER_LINE + "`");
    }

    /** website/docs/r/lambda_function.html.markdown (runtime) and the provider source named on the map above. */
    @Test
    void theRuntimeValidationAcceptsOnlyRuntimesThePinnedProviderAccepts() {
        Version floor = awsProviderConstraints().get("versions.tf").lowest();
        Set<String> accepted = acceptedRuntimes(ROOT.resolve("variables.tf"), "lambda_runtime");

        assertThat(accepted).isNotEmpty();
        assertThat(accepted).allSatisfy(runtime -> {
            assertThat(RUNTIMES_SINCE).as("a runtime with a known provider release").containsKey(runtime);
            assertThat(RUNTIMES_SINCE.get(runtime)).as("%s is accepted from provider %s; versions.tf allows %s",
                    runtime, RUNTIMES_SINCE.get(runtime), floor).isLessThanOrEqualTo(floor);
        });
    }

    @Test
    void theLambdaModuleAcceptsExactlyTheRuntimesTheRootModuleDoes() {
        assertThat(acceptedRuntimes(LAMBDA_MODULE.resolve("variables.tf"), "runtime"))
                .isEqualTo(acceptedRuntimes(ROOT.resolve("variables.tf"), "lambda_runtime"));
        assertThat(awsProviderConstraints().get("modules/lambda/versions.tf").lowest())
                .isEqualTo(awsProviderConstraints().get("versions.tf").lowest());
    }

    /** website/docs/guides/version-6-upgrade.html.markdown. */
    @Test
    void noResourceUsesAnArgumentTheVersion6UpgradeGuideRemoved() {
        for (Map<String, Object> module : List.of(Terraform.module(ROOT), Terraform.module(LAMBDA_MODULE))) {
            REMOVED_IN_6.forEach((type, removed) -> {
                Object resources = Terraform.at(module, "resource", type);
                if (resources instanceof Map<?, ?> byName) {
                    byName.forEach((name, body) -> assertThat(((Map<?, ?>) body).keySet().stream().map(String::valueOf))
                            .as("%s.%s", type, name).doesNotContainAnyElementsOf(removed));
                }
            });
        }
        // Data source aws_region: `name` is deprecated in 6.x in favour of `region`.
        assertThat(Terraform.source(ROOT) + Terraform.source(LAMBDA_MODULE)).doesNotContainPattern(
                "data\\.aws_region\\.[a-z_]+\\.name");
        // Resource aws_s3_bucket: `region` is now the argument of Enhanced Region Support (where to create the
        // bucket), no longer the bucket's region; that is `bucket_region`. Neither is set nor read as the old one.
        assertThat(Terraform.source(ROOT) + Terraform.source(LAMBDA_MODULE)).doesNotContainPattern(
                "aws_s3_bucket\\.[a-z_]+\\.region\\b");
        Object buckets = Terraform.at(Terraform.module(ROOT), "resource", "aws_s3_bucket");
        if (buckets instanceof Map<?, ?> byName) {
            byName.forEach((name, body) -> assertThat(((Map<?, ?>) body).keySet().stream().map(String::valueOf))
                    .as("aws_s3_bucket.%s", name).doesNotContain("region", "bucket_region"));
        }
    }

    @Test
    void theTerraformFloorIsNoOlderThanTheNewestLanguageFeatureUsed() {
        Map<String, Version> used = new LinkedHashMap<>();
        for (Path module : List.of(ROOT, LAMBDA_MODULE)) {
            String source = Terraform.source(module);
            FEATURES_SINCE.forEach((feature, since) -> {
                if (Pattern.compile("(?m)(^|[^A-Za-z0-9_.])" + Pattern.quote(feature)).matcher(source).find()) {
                    used.put(feature, since);
                }
            });
        }
        Version newest = used.values().stream().max(Version::compareTo).orElse(Version.of("1.0"));

        for (Path versions : List.of(ROOT.resolve("versions.tf"), LAMBDA_MODULE.resolve("versions.tf"))) {
            VersionConstraint floor = VersionConstraint.parse(
                    (String) Terraform.at(Terraform.parse(versions), "terraform", "required_version"));
            assertThat(floor.lowest()).as("required_version of %s, with %s in use", versions, used)
                    .isGreaterThanOrEqualTo(newest);
            assertThat(floor.withinMajor(1)).as("required_version of %s stays below 2.0", versions).isTrue();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The {@code hashicorp/aws} constraint of each {@code versions.tf}, by path below infrastructure/. */
    private static Map<String, VersionConstraint> awsProviderConstraints() {
        Map<String, VersionConstraint> constraints = new TreeMap<>();
        for (Path file : Terraform.files(ROOT)) {
            Object aws = Terraform.at(Terraform.parse(file), "terraform", "required_providers", "aws");
            if (aws != null) {
                assertThat(Terraform.at(Terraform.block(Terraform.parse(file), "terraform", "required_providers"),
                        "aws", "source")).isEqualTo("hashicorp/aws");
                constraints.put(ROOT.relativize(file).toString(),
                        VersionConstraint.parse((String) ((Map<?, ?>) aws).get("version")));
            }
        }
        return constraints;
    }

    /**
     * The candidates the validation of {@code variable} accepts, each evaluated by hcl4j with the variable bound to
     * it. Every validation block of the variable must hold.
     */
    static Set<String> acceptedRuntimes(Path variablesFile, String variable) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String candidate : RUNTIME_CANDIDATES) {
            Map<String, Object> parsed = Terraform.parse(variablesFile, Map.of(variable, candidate));
            List<Map<String, Object>> validations = Terraform.blocks(Terraform.at(parsed, "variable", variable, "validation"));
            assertThat(validations).as("validation of %s", variable).isNotEmpty();
            boolean holds = validations.stream().allMatch(validation -> {
                Object condition = validation.get("condition");
                assertThat(condition).as("condition of %s evaluated for %s", variable, candidate)
                        .isInstanceOf(Boolean.class);
                return (Boolean) condition;
            });
            if (holds) {
                accepted.add(candidate);
            }
        }
        return accepted;
    }
}
