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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task board on AWS (board.tf, board_hosting_enabled): a private bucket that only its CloudFront distribution may
 * read, over HTTPS only, with security headers whose Content-Security-Policy lets the board reach exactly its API, its
 * sign-in page and its uploads; a hosted sign-in page by default, where the app client signs users in with the code
 * flow only and sends them back to the board; the board's origin in the API's and the attachments bucket's CORS
 * origins; every file of the board with a content type; and a config.json of exactly the shape the board reads.
 *
 * <p>Provider documentation followed: {@code website/docs/r/cloudfront_distribution.html.markdown},
 * {@code cloudfront_origin_access_control.html.markdown}, {@code cloudfront_response_headers_policy.html.markdown},
 * {@code s3_object.html.markdown}, {@code cognito_user_pool_client.html.markdown} and
 * {@code cognito_user_pool_domain.html.markdown} ({@code managed_login_version}, from provider 5.95.0).
 *
 * <p>Most checks read the values hcl4j evaluates from main.tf, attachments.tf, cognito.tf and board.tf parsed as one
 * file (in that order, so that each local is known where the next one uses it) with the variables bound; see
 * {@link #evaluated}. hcl4j writes a reference it cannot resolve as its source text, also inside a string, and the
 * index {@code [0]} of a counted resource as {@code .value}: the board's origin evaluates to
 * {@code https://aws_cloudfront_distribution.board.value.domain_name}.
 */
class TerraformBoardHostingTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path BOARD_FILES = Repository.root().resolve("task-adapter-javalin/src/main/resources/public");

    /** The files {@link #evaluated} reads, in the order their locals build on one another. */
    private static final List<String> FILES = List.of("main.tf", "attachments.tf", "cognito.tf", "board.tf");

    private static final String REGION = "eu-west-2";
    private static final String BOARD_ORIGIN = "https://aws_cloudfront_distribution.board.value.domain_name";
    private static final String API_ORIGIN = "https://aws_api_gateway_rest_api.this.id.execute-api." + REGION
            + ".amazonaws.com";
    /** The default sign-in domain, {@code <project>-<env>-<account id>}, for task-api in dev. */
    private static final String SIGN_IN_ORIGIN = "https://task-api-dev-data.aws_caller_identity.current.account_id.auth."
            + REGION + ".amazoncognito.com";
    private static final String ATTACHMENTS_ORIGIN = "https://aws_s3_bucket.attachments.bucket.s3." + REGION
            + ".amazonaws.com";

    /** Cognito's own rules for a prefix domain; the variable's validation and the domain's precondition agree. */
    private static final Pattern COGNITO_PREFIX = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern COGNITO_RESERVED = Pattern.compile("aws|amazon|cognito");

    @TempDir
    static Path scratch;

    private static Map<String, Object> root;

    @BeforeAll
    static void readTheConfiguration() {
        root = Terraform.module(ROOT);
    }

    // ---- the bucket (website/docs/r/s3_bucket_*.html.markdown) ------------------------------------------------------

    @Test
    void theBucketIsPrivateEncryptedAndHoldsOnlyWhatTerraformUploads() {
        Map<String, Object> bucket = Terraform.block(root, "resource", "aws_s3_bucket", "board");
        Map<String, Object> block = Terraform.block(root, "resource", "aws_s3_bucket_public_access_block", "board");

        assertThat(block).containsEntry("block_public_acls", true).containsEntry("block_public_policy", true)
                .containsEntry("ignore_public_acls", true).containsEntry("restrict_public_buckets", true);
        assertThat(Terraform.at(root, "resource", "aws_s3_bucket_ownership_controls", "board", "rule",
                "object_ownership")).isEqualTo("BucketOwnerEnforced");
        assertThat(Terraform.at(root, "resource", "aws_s3_bucket_server_side_encryption_configuration", "board", "rule",
                "apply_server_side_encryption_by_default", "sse_algorithm")).isEqualTo("AES256");
        // Build outputs only: a destroy may always empty it (TerraformDataProtectionTest keeps it out of the data).
        assertThat(bucket).containsEntry("force_destroy", true);
        for (String type : List.of("aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls",
                "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_policy")) {
            assertThat(Terraform.reference(Terraform.at(root, "resource", type, "board", "bucket"))).as(type)
                    .isEqualTo("aws_s3_bucket.board.value.id");
        }
        assertThat(Terraform.at(root, "resource", "aws_s3_bucket_acl")).as("no ACL resource").isNull();
        assertThat(Terraform.at(root, "resource", "aws_s3_bucket_website_configuration"))
                .as("no public website endpoint").isNull();
    }

    /**
     * Two statements: every request without TLS is denied, and s3:GetObject on the objects is allowed to the
     * CloudFront service principal only when the request comes from this distribution (AWS:SourceArn); nothing else
     * is allowed to anyone (website/docs/d/iam_policy_document.html.markdown; the statement from the CloudFront
     * Developer Guide, "Restricting access to an Amazon S3 origin").
     */
    @Test
    void onlyThisDistributionMayReadTheBucketAndOnlyOverTls() {
        Map<String, Object> policy = Terraform.block(root, "resource", "aws_s3_bucket_policy", "board");
        List<Map<String, Object>> statements = Terraform.blocks(
                Terraform.at(root, "data", "aws_iam_policy_document", "board_bucket", "statement"));

        assertThat(Terraform.reference(policy.get("policy"))).isEqualTo("data.aws_iam_policy_document.board_bucket.value.json");
        assertThat(statements).extracting(s -> s.get("sid"))
                .containsExactlyInAnyOrder("DenyInsecureTransport", "CloudFrontReadsTheBoard");

        Map<String, Object> tls = statement(statements, "DenyInsecureTransport");
        assertThat(tls).containsEntry("effect", "Deny");
        assertThat(Terraform.strings(tls.get("actions"))).containsExactly("s3:*");
        assertThat(Terraform.block(tls, "principals")).containsEntry("type", "*");
        assertThat(Terraform.strings(Terraform.at(tls, "principals", "identifiers"))).containsExactly("*");
        assertThat(Terraform.block(tls, "condition")).containsEntry("test", "Bool")
                .containsEntry("variable", "aws:SecureTransport");
        assertThat(Terraform.strings(Terraform.at(tls, "condition", "values"))).containsExactly("false");

        Map<String, Object> read = statement(statements, "CloudFrontReadsTheBoard");
        assertThat(read).containsEntry("effect", "Allow");
        assertThat(Terraform.strings(read.get("actions"))).containsExactly("s3:GetObject");
        assertThat(Terraform.block(read, "principals")).containsEntry("type", "Service");
        assertThat(Terraform.strings(Terraform.at(read, "principals", "identifiers")))
                .containsExactly("cloudfront.amazonaws.com");
        assertThat(Terraform.blocks(read.get("condition"))).singleElement().satisfies(condition -> {
            assertThat(condition).containsEntry("test", "StringEquals").containsEntry("variable", "AWS:SourceArn");
            assertThat(((List<?>) condition.get("values")).stream().map(Terraform::reference))
                    .containsExactly("aws_cloudfront_distribution.board.value.arn");
        });
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "resources = [aws_s3_bucket.board[0].arn, \"${aws_s3_bucket.board[0].arn}/*\"]"),
                Terraform.withoutWhitespace("resources = [\"${aws_s3_bucket.board[0].arn}/*\"]"));
    }

    // ---- the distribution (website/docs/r/cloudfront_distribution.html.markdown) ------------------------------------

    /** Signed requests through an origin access control (SigV4, always), never the legacy origin access identity. */
    @Test
    void theDistributionReadsTheBucketThroughAnOriginAccessControl() {
        Map<String, Object> control = Terraform.block(root, "resource", "aws_cloudfront_origin_access_control", "board");
        Map<String, Object> origin = Terraform.block(distribution(), "origin");

        assertThat(control).containsEntry("origin_access_control_origin_type", "s3")
                .containsEntry("signing_behavior", "always").containsEntry("signing_protocol", "sigv4");
        assertThat(Terraform.reference(origin.get("origin_access_control_id")))
                .isEqualTo("aws_cloudfront_origin_access_control.board.value.id");
        assertThat(Terraform.reference(origin.get("domain_name")))
                .isEqualTo("aws_s3_bucket.board.value.bucket_regional_domain_name");
        assertThat(origin).doesNotContainKeys("s3_origin_config", "custom_origin_config");
        assertThat(Terraform.at(root, "resource", "aws_cloudfront_origin_access_identity")).as("no OAI").isNull();
    }

    /**
     * Viewers are sent to HTTPS (never allow-all) and may only read: GET and HEAD, compressed, cached by path with the
     * managed CachingOptimized policy and answered with the security headers; HTTP/2 and 3, IPv6, the default
     * certificate, index.html at the root, and the price class from its variable (PriceClass_100 by default).
     */
    @Test
    void viewersGetTheBoardOverHttpsOnlyAndCanOnlyReadIt() {
        Map<String, Object> distribution = distribution();
        Map<String, Object> behavior = Terraform.block(distribution, "default_cache_behavior");
        Map<String, Object> priceClass = Terraform.block(root, "variable", "board_price_class");

        assertThat(behavior.get("viewer_protocol_policy")).isEqualTo("redirect-to-https").isNotEqualTo("allow-all");
        assertThat(Terraform.strings(behavior.get("allowed_methods"))).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(Terraform.strings(behavior.get("cached_methods"))).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(behavior).containsEntry("compress", true).doesNotContainKey("forwarded_values");
        assertThat(Terraform.reference(behavior.get("cache_policy_id")))
                .isEqualTo("data.aws_cloudfront_cache_policy.caching_optimized.value.id");
        assertThat(Terraform.at(root, "data", "aws_cloudfront_cache_policy", "caching_optimized", "name"))
                .isEqualTo("Managed-CachingOptimized");
        assertThat(Terraform.reference(behavior.get("response_headers_policy_id")))
                .isEqualTo("aws_cloudfront_response_headers_policy.board.value.id");
        assertThat(Terraform.blocks(distribution.get("ordered_cache_behavior"))).as("no other behaviour").isEmpty();

        assertThat(distribution).containsEntry("enabled", true).containsEntry("default_root_object", "index.html")
                .containsEntry("http_version", "http2and3").containsEntry("is_ipv6_enabled", true)
                .doesNotContainKeys("aliases", "web_acl_id");
        assertThat(Terraform.reference(distribution.get("price_class"))).isEqualTo("var.board_price_class");
        assertThat(Terraform.block(distribution, "viewer_certificate"))
                .containsOnly(Map.entry("cloudfront_default_certificate", true));
        assertThat(Terraform.typeOf(priceClass)).isEqualTo("string");
        assertThat(priceClass).containsEntry("default", "PriceClass_100");
        assertThat((String) priceClass.get("description")).isNotBlank();
        assertThat(accepts("board_price_class", List.of("PriceClass_100", "PriceClass_200", "PriceClass_All",
                "PriceClass_50", "")))
                .containsExactly("PriceClass_100", "PriceClass_200", "PriceClass_All");
    }

    /**
     * S3 answers a missing file with 403 (the distribution may not list the bucket) and its XML; both 403 and 404 are
     * the board's own page with status 404 instead.
     */
    @Test
    void s3ErrorsNeverReachViewers() {
        List<Map<String, Object>> errors = Terraform.blocks(distribution().get("custom_error_response"));

        assertThat(errors).extracting(error -> ((Number) error.get("error_code")).intValue())
                .containsExactlyInAnyOrder(403, 404);
        assertThat(errors).allSatisfy(error -> {
            assertThat(((Number) error.get("response_code")).intValue()).isEqualTo(404);
            assertThat(error.get("response_page_path")).isEqualTo("/index.html");
        });
    }

    // ---- the security headers (website/docs/r/cloudfront_response_headers_policy.html.markdown) ---------------------

    /**
     * The board may run only its own scripts and styles (no inline code, no eval), load nothing from elsewhere, be
     * framed by no page, and connect to exactly its own origin, the API, the hosted sign-in page and the attachments
     * bucket (the presigned uploads): no wildcard, no bare scheme. Without authentication there is no sign-in page to
     * connect to; in us-east-1 the presigned URLs use S3's global endpoint.
     */
    @Test
    void theContentSecurityPolicyAllowsOnlyTheBoardItsApiItsSignInPageAndItsUploads() {
        Map<String, String> csp = directives(contentSecurityPolicy(evaluated(Map.of())));

        assertThat(csp).containsExactly(
                Map.entry("default-src", "'none'"),
                Map.entry("script-src", "'self'"),
                Map.entry("style-src", "'self'"),
                Map.entry("img-src", "'self'"),
                Map.entry("connect-src", String.join(" ", "'self'", API_ORIGIN, SIGN_IN_ORIGIN, ATTACHMENTS_ORIGIN)),
                Map.entry("base-uri", "'none'"),
                Map.entry("form-action", "'self'"),
                Map.entry("frame-ancestors", "'none'"));
        assertThat(csp.get("connect-src").split(" ")).allSatisfy(source -> assertThat(source)
                .doesNotContain("*").isNotIn("http:", "https:", "data:", "blob:", "ws:", "wss:")
                .matches("'self'|https://[^/]+"));
        assertThat(String.join(" ", csp.values())).doesNotContain("'unsafe-inline'", "'unsafe-eval'", "http://");

        assertThat(directives(contentSecurityPolicy(evaluated(Map.of("auth_mode", "none")))).get("connect-src"))
                .isEqualTo(String.join(" ", "'self'", API_ORIGIN, ATTACHMENTS_ORIGIN));
        assertThat(directives(contentSecurityPolicy(evaluated(Map.of("aws_region", "us-east-1")))).get("connect-src"))
                .endsWith(" https://aws_s3_bucket.attachments.bucket.s3.amazonaws.com");
        // The API's origin comes from the REST API's id, not from the stage, which depends on the function and so,
        // through its CORS origins, on the distribution: that would be a cycle.
        assertThat(contentSecurityPolicy(evaluated(Map.of()))).doesNotContain("aws_api_gateway_stage",
                "module.lambda", "aws_cloudfront_distribution", "aws_cognito_user_pool_client",
                "aws_cognito_user_pool_domain");
    }

    /** The sign-in origin in the CSP is the one the board is told to sign in at, and the one the outputs name. */
    @Test
    void theCspNamesTheSignInPageTheBoardUses() {
        Map<String, Object> evaluated = evaluated(Map.of());

        assertThat(Terraform.at(evaluated, "locals", "cognito_sign_in_url")).isEqualTo(SIGN_IN_ORIGIN);
        assertThat(Terraform.at(evaluated, "locals", "board_sign_in", "url")).isEqualTo(SIGN_IN_ORIGIN);
        assertThat(Terraform.reference(Terraform.at(root, "output", "cognito_hosted_ui_url", "value")))
                .isEqualTo("local.cognito_sign_in_url");
    }

    @Test
    void theOtherSecurityHeadersAreSetAndWinOverTheOrigin() {
        Map<String, Object> headers = Terraform.block(evaluated(Map.of()), "resource",
                "aws_cloudfront_response_headers_policy", "board", "security_headers_config");

        assertThat(Terraform.block(headers, "content_type_options")).containsOnly(Map.entry("override", true));
        assertThat(Terraform.block(headers, "frame_options")).containsOnly(Map.entry("frame_option", "DENY"),
                Map.entry("override", true));
        assertThat(Terraform.block(headers, "strict_transport_security")).containsOnly(
                Map.entry("access_control_max_age_sec", 31536000.0), Map.entry("include_subdomains", true),
                Map.entry("override", true));
        assertThat(Terraform.block(headers, "referrer_policy")).containsOnly(
                Map.entry("referrer_policy", "no-referrer"), Map.entry("override", true));
        assertThat(Terraform.block(headers, "content_security_policy")).containsEntry("override", true);
        assertThat(headers).doesNotContainKey("xss_protection");
    }

    // ---- sign-in (website/docs/r/cognito_user_pool_client.html.markdown, cognito_user_pool_domain.html.markdown) -----

    /**
     * With Cognito and the board, the hosted sign-in domain exists without any setting: its prefix
     * {@code <project>-<env>-<account id>}. Without the board it exists only with cognito_domain_prefix, as before;
     * without Cognito never.
     */
    @Test
    void theHostedSignInDomainExistsByDefaultWithCognitoAndTheBoard() {
        Map<String, Object> domain = Terraform.block(evaluated(Map.of()), "resource", "aws_cognito_user_pool_domain",
                "this");

        assertThat(domain).containsEntry("count", 1.0).containsEntry("managed_login_version", 1.0)
                .containsEntry("domain", "task-api-dev-data.aws_caller_identity.current.account_id");
        assertThat(domainCount(Map.of("board_hosting_enabled", false))).isEqualTo(0.0);
        assertThat(domainCount(Map.of("board_hosting_enabled", false, "cognito_domain_prefix", "tasks-dev-example")))
                .isEqualTo(1.0);
        assertThat(domainCount(Map.of("auth_mode", "none"))).isEqualTo(0.0);
        assertThat(Terraform.at(evaluated(Map.of("cognito_domain_prefix", "tasks-dev-example")), "locals",
                "cognito_sign_in_url")).isEqualTo("https://tasks-dev-example.auth." + REGION + ".amazoncognito.com");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "cognito_default_domain_prefix = \"${local.name}-${data.aws_caller_identity.current.account_id}\""));
    }

    /**
     * The default prefix is a valid one for every project name and environment the validations accept: Cognito's
     * pattern (lowercase letters, digits and hyphens, at most 63), and none of its reserved words unless the project
     * name has one, in which case the domain's precondition stops the plan. The variable's own validation uses the
     * same pattern and refuses the reserved words.
     */
    @Test
    void theDefaultSignInPrefixIsValidForEveryAcceptedProjectAndEnvironment() {
        String variables = read(ROOT.resolve("variables.tf"));
        Pattern projectName = Pattern.compile(regexIn(variables, "project_name").get(0));
        List<String> prefixPatterns = regexIn(variables, "cognito_domain_prefix");

        assertThat(prefixPatterns).containsExactly(COGNITO_PREFIX.pattern(), COGNITO_RESERVED.pattern());
        List<String> projects = new ArrayList<>();
        for (int length = 1; length <= 70; length++) {
            String candidate = "t" + "a".repeat(length - 1);
            if (projectName.matcher(candidate).find()) {
                projects.add(candidate);
            }
        }
        assertThat(projects).isNotEmpty();
        for (String project : projects) {
            for (String environment : List.of("dev", "staging", "prod")) {
                String prefix = project + "-" + environment + "-123456789012";
                assertThat(prefix).as("default prefix of %s/%s", project, environment).matches(COGNITO_PREFIX)
                        .doesNotContainPattern(COGNITO_RESERVED.pattern());
            }
        }
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "condition = can(regex(\"" + COGNITO_PREFIX.pattern() + "\", local.cognito_domain_prefix)) && "
                        + "!can(regex(\"" + COGNITO_RESERVED.pattern() + "\", local.cognito_domain_prefix))"));
    }

    /**
     * The app client is public (no secret), signs users in on the hosted page with the authorization code flow only
     * (never implicit), with exactly the scopes openid and email, for the pool's own users, revokes refresh tokens on
     * sign-out, and may send users back to the board (callback and logout) besides any URL configured. Without the
     * board and without callback URLs there is no hosted sign-in at all, as before.
     */
    @Test
    void theAppClientUsesTheCodeFlowOnlyAndSendsUsersBackToTheBoard() {
        Map<String, Object> client = appClient(Map.of("cognito_callback_urls", List.of("http://localhost:8080/"),
                "cognito_logout_urls", List.of("http://localhost:8080/")));

        assertThat(client).containsEntry("generate_secret", false).containsEntry("enable_token_revocation", true)
                .containsEntry("allowed_oauth_flows_user_pool_client", true);
        assertThat(Terraform.strings(client.get("allowed_oauth_flows"))).containsExactly("code");
        assertThat(Terraform.strings(client.get("allowed_oauth_scopes"))).containsExactly("openid", "email");
        assertThat(Terraform.strings(client.get("supported_identity_providers"))).containsExactly("COGNITO");
        assertThat(Terraform.strings(client.get("callback_urls")))
                .containsExactly(BOARD_ORIGIN + "/", "http://localhost:8080/");
        assertThat(Terraform.strings(client.get("logout_urls")))
                .containsExactly(BOARD_ORIGIN + "/", "http://localhost:8080/");
        assertThat(Terraform.strings(appClient(Map.of()).get("callback_urls"))).containsExactly(BOARD_ORIGIN + "/");
        assertThat(Terraform.source(ROOT)).doesNotContain("\"implicit\"", "client_credentials");

        Map<String, Object> withoutBoard = appClient(Map.of("board_hosting_enabled", false));
        assertThat(withoutBoard).containsEntry("allowed_oauth_flows_user_pool_client", false);
        assertThat(Terraform.strings(withoutBoard.get("allowed_oauth_flows"))).isEmpty();
        assertThat(Terraform.strings(withoutBoard.get("callback_urls"))).isEmpty();
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "board_url = var.board_hosting_enabled ? \"https://${aws_cloudfront_distribution.board[0].domain_name}/\" : null"));
    }

    // ---- CORS ---------------------------------------------------------------------------------------------------------

    /**
     * The function (TASKS_CORS_ORIGINS) and the attachments bucket's CORS rule allow the same origins: the board's and
     * the listed ones; any origin when asked for with ["*"], or when nothing is hosted and nothing listed (the
     * variable's default is now the empty list).
     */
    @Test
    void theFunctionAndTheAttachmentsBucketAllowTheBoardsOrigin() {
        Map<String, Object> variable = Terraform.block(root, "variable", "cors_allowed_origins");

        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("TASKS_CORS_ORIGINS = join(\",\", local.cors_origins)"),
                Terraform.withoutWhitespace("allowed_origins = local.cors_origins"));
        // Nothing else reads the variable: only the local that adds the board's origin to it.
        for (Path file : Terraform.files(ROOT)) {
            if (!List.of("variables.tf", "board.tf").contains(file.getFileName().toString())) {
                assertThat(read(file)).as("%s", file.getFileName()).doesNotContain("var.cors_allowed_origins");
            }
        }
        assertThat(corsOrigins(true, List.of())).containsExactly(BOARD_ORIGIN);
        assertThat(corsOrigins(true, List.of("http://localhost:8080"))).containsExactly(BOARD_ORIGIN,
                "http://localhost:8080");
        assertThat(corsOrigins(true, List.of("*"))).containsExactly("*");
        assertThat(corsOrigins(false, List.of())).containsExactly("*");
        assertThat(corsOrigins(false, List.of("https://tasks.example.com"))).containsExactly("https://tasks.example.com");
        assertThat(variable.get("default")).isEqualTo(List.of());
        assertThat((String) variable.get("description")).contains("board", "[\"*\"]");
        // The wildcard alone or not at all (the format validation is can(regex(...)), beyond hcl4j).
        assertThat(Terraform.blocks(Terraform.at(Terraform.parse(ROOT.resolve("variables.tf"),
                Map.of("cors_allowed_origins", List.of("*", "https://a.example"))), "variable", "cors_allowed_origins",
                "validation"))).anySatisfy(validation -> assertThat(validation.get("condition")).isEqualTo(false));
    }

    // ---- the board's files (website/docs/r/s3_object.html.markdown) -------------------------------------------------

    /**
     * Every file in the board's folder has a content type in the map the objects take theirs from (and a file of any
     * other kind fails the plan through the objects' precondition); each is uploaded again when it changes (etag) and
     * revalidated by browsers and CloudFront (no-cache).
     */
    @Test
    void everyBoardFileHasAKnownContentType() throws IOException {
        Map<String, Object> types = Terraform.block(root, "locals", "board_content_types");
        Map<String, Object> objects = Terraform.block(root, "resource", "aws_s3_object", "board");
        List<String> files;
        try (Stream<Path> walk = Files.walk(BOARD_FILES)) {
            files = walk.filter(Files::isRegularFile).map(file -> BOARD_FILES.relativize(file).toString()).sorted()
                    .toList();
        }

        assertThat(files).contains("index.html", "app.js", "api.js", "app.css", "favicon.svg");
        assertThat(files).allSatisfy(file -> assertThat(types).as("content type of %s", file)
                .containsKey(extension(file)));
        assertThat(types).containsEntry("html", "text/html; charset=utf-8")
                .containsEntry("js", "text/javascript; charset=utf-8").containsEntry("css", "text/css; charset=utf-8")
                .containsEntry("svg", "image/svg+xml").containsEntry("json", "application/json")
                .containsEntry("png", "image/png");
        assertThat(objects).containsEntry("cache_control", "no-cache");
        assertThat(Terraform.reference(objects.get("for_each"))).isEqualTo("local.board_files");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("board_source_dir = \"${path.module}/../task-adapter-javalin/src/main/"
                        + "resources/public\""),
                Terraform.withoutWhitespace("board_files = var.board_hosting_enabled ? setsubtract(fileset("
                        + "local.board_source_dir, \"**\"), [\"config.json\"]) : toset([])"),
                Terraform.withoutWhitespace("board_file_extensions = { for file in local.board_files : file => "
                        + "lower(reverse(split(\".\", basename(file)))[0]) }"),
                Terraform.withoutWhitespace("etag = filemd5(\"${local.board_source_dir}/${each.key}\")"),
                Terraform.withoutWhitespace("content_type = lookup(local.board_content_types, "
                        + "local.board_file_extensions[each.key], null)"),
                Terraform.withoutWhitespace("condition = contains(keys(local.board_content_types), "
                        + "local.board_file_extensions[each.key])"));
    }

    /**
     * config.json has exactly the keys the board reads (task-adapter-javalin's BoardConfig writes the same):
     * {@code api_url}, the stage's invoke URL as the output api_endpoint gives it, and {@code sign_in}, which is
     * {@code url}, {@code client_id} and {@code scopes} with Cognito and null without.
     */
    @Test
    void configJsonHasExactlyTheShapeTheBoardReads() {
        Map<String, Object> config = Terraform.block(evaluated(Map.of()), "locals", "board_config");
        Map<String, Object> object = Terraform.block(root, "resource", "aws_s3_object", "board_config");
        Map<String, Object> signIn = Terraform.block(config, "sign_in");

        assertThat(config).containsOnlyKeys("api_url", "sign_in");
        assertThat(Terraform.reference(config.get("api_url")))
                .isEqualTo(Terraform.reference(Terraform.at(root, "output", "api_endpoint", "value")))
                .isEqualTo("aws_api_gateway_stage.this.invoke_url");
        assertThat(signIn).containsOnlyKeys("url", "client_id", "scopes");
        assertThat(signIn.get("url")).isEqualTo(SIGN_IN_ORIGIN);
        assertThat(signIn.get("scopes")).isEqualTo(List.of("openid", "email"));
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("client_id = one(aws_cognito_user_pool_client.this[*].id)"),
                Terraform.withoutWhitespace("content = jsonencode(local.board_config)"));
        Map<String, Object> withoutAuth = Terraform.block(evaluated(Map.of("auth_mode", "none")), "locals",
                "board_config");
        assertThat(withoutAuth).containsOnlyKeys("api_url", "sign_in").containsEntry("sign_in", null);
        assertThat(object).containsEntry("key", "config.json").containsEntry("content_type", "application/json")
                .containsEntry("cache_control", "no-cache");
    }

    // ---- the switch and the outputs -----------------------------------------------------------------------------------

    /** On by default; off, board.tf creates nothing at all (every resource and data source counts 0). */
    @Test
    void boardHostingIsOnByDefaultAndOffCreatesNothing() {
        Map<String, Object> variable = Terraform.block(root, "variable", "board_hosting_enabled");
        Map<String, Object> on = Terraform.parse(ROOT.resolve("board.tf"), Map.of("board_hosting_enabled", true));
        Map<String, Object> off = Terraform.parse(ROOT.resolve("board.tf"), Map.of("board_hosting_enabled", false));

        assertThat(Terraform.typeOf(variable)).isEqualTo("bool");
        assertThat(variable).containsEntry("default", true);
        assertThat((String) variable.get("description")).isNotBlank();
        Set<String> counted = new TreeSet<>();
        for (String kind : List.of("resource", "data")) {
            ((Map<?, ?>) on.get(kind)).forEach((type, byName) -> ((Map<?, ?>) byName).forEach((name, body) -> {
                Map<?, ?> resource = (Map<?, ?>) body;
                if (resource.containsKey("for_each")) {
                    assertThat(Terraform.reference(resource.get("for_each"))).isEqualTo("local.board_files");
                    return;
                }
                String address = kind + "." + type + "." + name;
                counted.add(address);
                assertThat(resource.get("count")).as("count of %s when on", address).isEqualTo(1.0);
                assertThat(Terraform.at(off, kind, (String) type, (String) name, "count"))
                        .as("count of %s when off", address).isEqualTo(0.0);
            }));
        }
        assertThat(counted).hasSizeGreaterThanOrEqualTo(10);
        assertThat(Terraform.at(off, "locals", "board_files")).isEqualTo(List.of());
        assertThat(Terraform.at(off, "locals", "board_origins")).isEqualTo(List.of());
    }

    @Test
    void theOutputsNameTheBoardAndTheSignInPage() {
        Map<String, Object> outputs = Terraform.block(root, "output");

        assertThat(outputs).containsKeys("board_url", "board_bucket_name", "board_distribution_id",
                "cognito_hosted_ui_url");
        for (String name : List.of("board_url", "board_bucket_name", "board_distribution_id", "cognito_hosted_ui_url")) {
            assertThat((String) Terraform.at(outputs, name, "description")).as(name).isNotBlank().contains("null");
        }
        assertThat(Terraform.reference(Terraform.at(outputs, "board_url", "value"))).isEqualTo("local.board_url");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("value = var.board_hosting_enabled ? aws_s3_bucket.board[0].bucket : null"),
                Terraform.withoutWhitespace("value = var.board_hosting_enabled ? aws_cloudfront_distribution.board[0].id "
                        + ": null"));
    }

    // ---- documentation ------------------------------------------------------------------------------------------------

    /** Every resource of board.tf is in the README's table of what gets created, and its section explains it. */
    @Test
    void theReadmeListsEveryResourceAndExplainsTheDecisions() {
        String created = Markdown.section(ROOT.resolve("README.md"), "## What gets created");
        String section = Markdown.section(ROOT.resolve("README.md"), "## The task board");
        Map<String, Object> file = Terraform.parse(ROOT.resolve("board.tf"));
        Set<String> addresses = new TreeSet<>();
        for (String kind : List.of("resource", "data")) {
            ((Map<?, ?>) file.get(kind)).forEach((type, byName) -> ((Map<?, ?>) byName).keySet().forEach(name ->
                    addresses.add((kind.equals("data") ? "data." : "") + type + "." + name)));
        }

        assertThat(addresses).hasSizeGreaterThanOrEqualTo(10);
        assertThat(created).contains(addresses.stream().map(address -> "`" + address).toList());
        assertThat(section).contains("Content-Security-Policy", "connect-src", "ID token", "cors_allowed_origins",
                "board_hosting_enabled = false", "redirect-to-https", "config.json", "### Cost");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /**
     * main.tf, attachments.tf, cognito.tf and board.tf parsed as one file, so that hcl4j resolves the locals each
     * builds on, with these variables bound over the defaults (the board on, Cognito, eu-west-2, task-api in dev, no
     * listed origins or URLs). hcl4j cannot bind a variable to null, so unless cognito_domain_prefix is given, its
     * default null is written in its place. The locals blocks are merged into one map.
     */
    private static Map<String, Object> evaluated(Map<String, Object> overrides) {
        Map<String, Object> variables = new LinkedHashMap<>(Map.of("board_hosting_enabled", true, "auth_mode", "cognito",
                "aws_region", REGION, "project_name", "task-api", "environment", "dev",
                "cors_allowed_origins", List.of(), "cognito_callback_urls", List.of(), "cognito_logout_urls", List.of()));
        variables.putAll(overrides);
        StringBuilder text = new StringBuilder();
        for (String name : FILES) {
            text.append(read(ROOT.resolve(name))).append('\n');
        }
        String source = variables.containsKey("cognito_domain_prefix") ? text.toString()
                : text.toString().replace("var.cognito_domain_prefix", "null");
        try {
            Path file = Files.createTempFile(scratch, "together", ".tf");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            Map<String, Object> parsed = new LinkedHashMap<>(Terraform.parse(file, variables));
            Map<String, Object> locals = new LinkedHashMap<>();
            for (Map<String, Object> block : Terraform.blocks(parsed.get("locals"))) {
                locals.putAll(block);
            }
            parsed.put("locals", locals);
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> distribution() {
        return Terraform.block(root, "resource", "aws_cloudfront_distribution", "board");
    }

    private static String contentSecurityPolicy(Map<String, Object> evaluated) {
        Object policy = Terraform.at(evaluated, "resource", "aws_cloudfront_response_headers_policy", "board",
                "security_headers_config", "content_security_policy", "content_security_policy");
        assertThat(policy).as("the CSP, evaluated").isInstanceOf(String.class)
                .isEqualTo(Terraform.at(evaluated, "locals", "board_content_security_policy"));
        return (String) policy;
    }

    /** The directives of a CSP by name, in order, each with its sources as written. */
    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] words = directive.strip().split(" ", 2);
            assertThat(directives.put(words[0], words.length > 1 ? words[1] : "")).as("%s twice", words[0]).isNull();
        }
        return directives;
    }

    private static Object domainCount(Map<String, Object> overrides) {
        return Terraform.at(evaluated(overrides), "resource", "aws_cognito_user_pool_domain", "this", "count");
    }

    private static Map<String, Object> appClient(Map<String, Object> overrides) {
        return Terraform.block(evaluated(overrides), "resource", "aws_cognito_user_pool_client", "this");
    }

    private static List<String> corsOrigins(boolean board, List<String> listed) {
        return Terraform.strings(Terraform.at(Terraform.parse(ROOT.resolve("board.tf"),
                Map.of("board_hosting_enabled", board, "cors_allowed_origins", listed)), "locals", "cors_origins"));
    }

    /** The candidates every validation of the root module's {@code variable} holds for, as hcl4j evaluates them. */
    private static List<String> accepts(String variable, List<String> candidates) {
        return candidates.stream().filter(candidate -> Terraform.blocks(Terraform.at(Terraform.parse(
                ROOT.resolve("variables.tf"), Map.of(variable, candidate)), "variable", variable, "validation")).stream()
                .allMatch(validation -> Boolean.TRUE.equals(validation.get("condition")))).toList();
    }

    /** The patterns of every {@code can(regex("...", var.<variable>))} in the variable's block, HCL escapes undone. */
    private static List<String> regexIn(String variablesSource, String variable) {
        int start = variablesSource.indexOf("variable \"" + variable + "\" {");
        assertThat(start).as("variable %s", variable).isNotNegative();
        String block = variablesSource.substring(start, variablesSource.indexOf("\n}\n", start));
        Matcher literal = Pattern.compile("can\\(regex\\(\"((?:[^\"\\\\]|\\\\.)*)\",\\s*var\\."
                + Pattern.quote(variable) + "\\)\\)").matcher(block);
        List<String> patterns = new ArrayList<>();
        while (literal.find()) {
            patterns.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return patterns;
    }

    private static String extension(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(statement -> sid.equals(statement.get("sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
