package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What stands between a client and the function: a resource for each of the application's routes, the account's
 * CloudWatch role the stage's logging needs, the CORS header on API Gateway's own errors, the WAF web ACL and the
 * optional API keys.
 *
 * <p>Conditionals ({@code var.x ? 1 : 0}) are evaluated by binding the variable both ways: hcl4j treats an unknown
 * variable as true in a conditional, so an unbound evaluation proves nothing. References are compared as source text.
 */
class TerraformApiGatewayTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final String ALLOW_ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";
    private static final String EXPOSE_HEADERS = "gatewayresponse.header.Access-Control-Expose-Headers";

    /**
     * The application's routes, the one list the route checks below work from: the path templates of the API's own
     * routes in {@code io.taskapi.application.Route} (task-application), without the operations routes ({@code /health},
     * {@code /health/ready}, {@code /metrics}) that only a server process serves. {@code Route} is package-private, so
     * its templates are written here once; {@link #theRoutesHereAreExactlyTheApplicationsRoutes} fails until a route
     * added there is added here, and the checks below until it is added to api_gateway.tf.
     */
    private static final List<String> ROUTES = List.of(
            "/tasks",
            "/tasks/{id}",
            "/tasks/{id}/comments",
            "/tasks/{id}/comments/{comment_id}",
            "/tasks/{id}/activity",
            "/tasks/{id}/attachments",
            "/tasks/{id}/attachments/{attachment_id}",
            "/tasks/{id}/attachments/{attachment_id}/complete",
            "/me",
            "/lists",
            "/lists/{id}",
            "/lists/{id}/members",
            "/lists/{id}/members/{user_id}",
            "/lists/{id}/invitations",
            "/invitations/{code}");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    // ---- routes (website/docs/r/api_gateway_resource.html.markdown, api_gateway_method.html.markdown) --------------

    /**
     * {@link #ROUTES} is the application's list, read from {@code Route}'s {@code API} (the routes {@code Route.match}
     * tries) by reflection, in order; and every one of them answers CORS preflights itself, which is why OPTIONS is
     * proxied to the function on every route below.
     */
    @Test
    void theRoutesHereAreExactlyTheApplicationsRoutes() throws ReflectiveOperationException {
        Class<?> route = Class.forName("io.taskapi.application.Route");
        Field api = route.getDeclaredField("API");
        api.setAccessible(true);
        Method template = route.getDeclaredMethod("template");
        template.setAccessible(true);
        Method allows = route.getDeclaredMethod("allows", String.class);
        allows.setAccessible(true);

        List<String> templates = new ArrayList<>();
        for (Object each : (Object[]) api.get(null)) {
            templates.add((String) template.invoke(each));
            assertThat((Boolean) allows.invoke(each, "OPTIONS")).as("%s allows OPTIONS", each).isTrue();
        }

        assertThat(templates).containsExactlyElementsOf(ROUTES);
    }

    /**
     * Each route is an {@code aws_api_gateway_resource} chain from the API's root, and has an entry in
     * {@code local.api_routes} declaring exactly its path parameters; no entry serves anything else.
     */
    @Test
    void everyRouteOfTheApplicationHasAResourceAndNothingElseIsRouted() {
        Map<String, Object> root = Terraform.module(ROOT);
        Map<String, String> paths = resourcePaths(root);
        Map<String, Object> routes = Terraform.block(root, "locals", "api_routes");

        Map<String, Map<String, Object>> routed = new LinkedHashMap<>();
        routes.forEach((key, value) -> {
            Map<String, Object> route = Terraform.block(Map.of("r", value), "r");
            String resource = Terraform.reference(route.get("resource_id"));
            assertThat(resource).as("api_routes.%s.resource_id", key).matches("aws_api_gateway_resource\\.\\w+\\.id");
            String path = paths.get(resource.split("\\.")[1]);
            assertThat(routed.put(path, Terraform.block(route, "request_parameters")))
                    .as("%s routed once", path).isNull();
        });

        assertThat(routed.keySet()).containsExactlyInAnyOrderElementsOf(ROUTES);
        for (String template : ROUTES) {
            Map<String, Object> parameters = new TreeMap<>();
            PATH_PARAMETER.matcher(template).results()
                    .forEach(match -> parameters.put("method.request.path." + match.group(1), true));
            assertThat(routed.get(template)).as("request_parameters of %s", template).isEqualTo(parameters);
        }
        // Resources that are no route (the parent /invitations) only lead to one.
        assertThat(paths.values()).allSatisfy(path -> assertThat(ROUTES)
                .as("%s is a route or leads to one", path)
                .anyMatch(route -> route.equals(path) || route.startsWith(path + "/")));
    }

    /**
     * Every route gets exactly two methods: ANY with the Cognito authorizer (with {@code auth_mode = "cognito"}) and,
     * with API keys, a required key; OPTIONS with neither, for CORS preflights. Both are proxied to the live alias.
     */
    @Test
    void everyRouteHasTheAuthorizerOnEveryMethodButOptions() {
        Map<String, Object> root = Terraform.module(ROOT);
        Map<String, Object> routes = Terraform.block(root, "locals", "api_routes");
        Map<String, Object> methods = Terraform.block(root, "resource", "aws_api_gateway_method");
        Map<String, Object> integrations = Terraform.block(root, "resource", "aws_api_gateway_integration");
        Map<String, Object> proxy = Terraform.block(methods, "proxy");
        Map<String, Object> preflight = Terraform.block(methods, "preflight");

        assertThat(routes.keySet()).hasSize(ROUTES.size());
        assertThat(methods).containsOnlyKeys("proxy", "preflight");
        assertThat(integrations).containsOnlyKeys("proxy", "preflight");
        for (Map<String, Object> each : List.of(proxy, preflight, Terraform.block(integrations, "proxy"),
                Terraform.block(integrations, "preflight"))) {
            // local.api_routes, as hcl4j resolves it: one method and one integration of each kind per route.
            assertThat(each.get("for_each")).isEqualTo(routes);
            assertThat(Terraform.reference(each.get("resource_id"))).isEqualTo("each.value.resource_id");
        }
        assertThat(proxy.get("http_method")).isEqualTo("ANY");
        assertThat(Terraform.reference(proxy.get("api_key_required"))).isEqualTo("var.api_keys_enabled");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("cognito_enabled = var.auth_mode == \"cognito\""),
                Terraform.withoutWhitespace("authorization = local.cognito_enabled ? \"COGNITO_USER_POOLS\" : \"NONE\""),
                Terraform.withoutWhitespace(
                        "authorizer_id = local.cognito_enabled ? aws_api_gateway_authorizer.cognito[0].id : null"));
        assertThat(preflight).containsEntry("http_method", "OPTIONS").containsEntry("authorization", "NONE")
                .doesNotContainKeys("authorizer_id", "api_key_required");
    }

    /** A stage serves the deployment it was given: every resource on a route's path must be part of its trigger. */
    @Test
    void aChangeToAnyRouteRedeploysTheStage() {
        Map<String, String> paths = resourcePaths(Terraform.module(ROOT));
        String source = Terraform.sourceWithoutWhitespace(ROOT);
        String start = "redeployment=sha1(jsonencode([";
        assertThat(source).contains(start);
        String trigger = source.substring(source.indexOf(start) + start.length());
        Set<String> triggered = new TreeSet<>(List.of(trigger.substring(0, trigger.indexOf("]))")).split(",")));

        assertThat(triggered).contains("aws_api_gateway_authorizer.cognito", "aws_api_gateway_method.proxy",
                "aws_api_gateway_integration.proxy", "aws_api_gateway_method.preflight",
                "aws_api_gateway_integration.preflight", "aws_api_gateway_gateway_response.this");
        for (String route : ROUTES) {
            List<String> resources = new ArrayList<>();
            paths.forEach((name, path) -> {
                if (route.equals(path) || route.startsWith(path + "/")) {
                    resources.add("aws_api_gateway_resource." + name);
                }
            });
            assertThat(resources).as("the resources of %s", route).hasSize(route.split("/").length - 1);
            assertThat(triggered).as("the trigger covers %s", route).containsAll(resources);
        }
    }

    /** Each {@code aws_api_gateway_resource} by name, with its full path from the API's root resource. */
    private static Map<String, String> resourcePaths(Map<String, Object> root) {
        Map<String, Object> resources = Terraform.block(root, "resource", "aws_api_gateway_resource");
        Map<String, String> paths = new LinkedHashMap<>();
        resources.keySet().forEach(name -> paths.put(name, path(resources, name, new TreeSet<>())));
        return paths;
    }

    private static String path(Map<String, Object> resources, String name, Set<String> seen) {
        assertThat(seen.add(name)).as("aws_api_gateway_resource.%s is its own ancestor", name).isTrue();
        Map<String, Object> resource = Terraform.block(resources, name);
        assertThat(Terraform.reference(resource.get("rest_api_id"))).isEqualTo("aws_api_gateway_rest_api.this.id");
        String parent = Terraform.reference(resource.get("parent_id"));
        String part = "/" + resource.get("path_part");
        if (parent.equals("aws_api_gateway_rest_api.this.root_resource_id")) {
            return part;
        }
        Matcher resourceId = Pattern.compile("aws_api_gateway_resource\\.(\\w+)\\.id").matcher(parent);
        assertThat(resourceId.matches()).as("parent of %s: %s", name, parent).isTrue();
        return path(resources, resourceId.group(1), seen) + part;
    }

    // ---- the account's CloudWatch role (website/docs/r/api_gateway_account.html.markdown) ---------------------------

    @Test
    void theAccountCloudWatchRoleIsAnOptInInputOffByDefault() {
        Map<String, Object> variable = Terraform.block(Terraform.module(ROOT), "variable", "manage_api_gateway_account_role");

        assertThat(Terraform.typeOf(variable)).isEqualTo("bool");
        assertThat(variable).containsEntry("default", false);
        assertThat((String) variable.get("description")).contains("singleton", "aws apigateway get-account");
    }

    @Test
    void theRoleAndItsRegistrationExistExactlyWhenTheInputAsksForThem() {
        for (boolean manage : List.of(true, false)) {
            Map<String, Object> root = Terraform.module(ROOT, Map.of("manage_api_gateway_account_role", manage));
            for (String[] resource : List.of(
                    new String[] {"aws_iam_role", "api_gateway_cloudwatch"},
                    new String[] {"aws_iam_role_policy_attachment", "api_gateway_cloudwatch"},
                    new String[] {"aws_api_gateway_account", "this"})) {
                assertThat(Terraform.at(root, "resource", resource[0], resource[1], "count"))
                        .as("%s.%s with manage_api_gateway_account_role = %s", resource[0], resource[1], manage)
                        .isEqualTo(manage ? 1.0 : 0.0);
            }
        }
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "cloudwatch_role_arn = aws_iam_role.api_gateway_cloudwatch[0].arn"));
    }

    @Test
    void theStageAsksForLogsOnlyAfterTheAccountRoleIsRegistered() {
        Map<String, Object> stage = Terraform.block(Terraform.module(ROOT), "resource", "aws_api_gateway_stage", "this");

        assertThat(Terraform.at(stage, "access_log_settings", "destination_arn")).isNotNull();
        assertThat(((List<?>) stage.get("depends_on")).stream().map(Terraform::reference))
                .contains("aws_api_gateway_account.this");
    }

    /** What scripts/deploy.sh and an operator need to see who owns the account setting after an apply. */
    @Test
    void theOutputsSayWhetherThisConfigurationRegisteredTheAccountRole() {
        Map<String, Object> outputs = Terraform.block(Terraform.module(ROOT), "output");

        assertThat(outputs).containsKeys("api_gateway_account_role_managed", "api_gateway_cloudwatch_role_arn");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace(
                "value = var.manage_api_gateway_account_role ? aws_iam_role.api_gateway_cloudwatch[0].arn : null"));
        assertThat(Markdown.section(ROOT.resolve("README.md"), "### The account's CloudWatch role"))
                .contains("aws apigateway get-account", "manage_api_gateway_account_role = true",
                        "CloudWatch Logs role ARN must be set in account settings to enable logging");
    }

    // ---- gateway responses (website/docs/r/api_gateway_gateway_response.html.markdown) -----------------------------

    /**
     * A gateway response cannot match the request's Origin against a list, so every one answers {@code '*'}: the bodies
     * carry no user data and the API uses bearer tokens, never cookies (see the comment in api_gateway.tf).
     */
    @Test
    void everyGatewayResponseLetsEveryOriginReadIt() {
        Map<String, Object> root = Terraform.module(ROOT);
        Map<String, Object> responses = Terraform.block(root, "locals", "gateway_responses");

        assertThat(Terraform.block(root, "locals", "gateway_cors_headers")).isEqualTo(Map.of(ALLOW_ORIGIN, "'*'",
                EXPOSE_HEADERS, "'WWW-Authenticate, x-amzn-RequestId'"));
        assertThat(responses).containsKeys("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED", "ACCESS_DENIED");
        responses.forEach((type, response) -> assertThat(Terraform.block(Map.of("r", response), "r", "headers"))
                .as("%s must not replace the CORS headers", type).doesNotContainKeys(ALLOW_ORIGIN, EXPOSE_HEADERS));
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace("""
                resource "aws_api_gateway_gateway_response" "this" {
                  for_each = local.gateway_responses"""), Terraform.withoutWhitespace(
                "response_parameters = merge(local.gateway_cors_headers, each.value.headers)"));
        assertThat(Terraform.source(ROOT)).doesNotContain("cors_allowed_origins[0]");
    }

    // ---- AWS WAF (website/docs/r/wafv2_web_acl.html.markdown, wafv2_web_acl_association.html.markdown) -------------

    @Test
    void theWebAclRateLimitsEachClientIpAndRunsTheAwsCommonRuleSet() {
        Map<String, Object> acl = Terraform.block(Terraform.module(ROOT), "resource", "aws_wafv2_web_acl", "api");
        List<Map<String, Object>> rules = Terraform.blocks(acl.get("rule"));
        Map<String, Object> rateRule = rules.stream()
                .filter(rule -> Terraform.at(rule, "statement", "rate_based_statement") != null).findFirst().orElseThrow();
        Map<String, Object> managedRule = rules.stream()
                .filter(rule -> Terraform.at(rule, "statement", "managed_rule_group_statement") != null).findFirst()
                .orElseThrow();

        assertThat(acl).containsEntry("scope", "REGIONAL");
        assertThat(Terraform.at(acl, "default_action", "allow")).isNotNull();
        assertThat(rules).hasSize(2);

        Map<String, Object> rate = Terraform.block(rateRule, "statement", "rate_based_statement");
        assertThat(Terraform.reference(rate.get("limit"))).isEqualTo("var.waf_rate_limit_per_ip");
        assertThat(rate).containsEntry("aggregate_key_type", "IP");
        assertThat(Terraform.at(rateRule, "action", "block")).isNotNull();

        Map<String, Object> group = Terraform.block(managedRule, "statement", "managed_rule_group_statement");
        assertThat(group).containsEntry("vendor_name", "AWS").containsEntry("name", "AWSManagedRulesCommonRuleSet");
        assertThat(Terraform.at(managedRule, "override_action", "none")).as("the rule set's own actions apply")
                .isNotNull();
        // Only the body size rule is relaxed to count, and only because the function limits bodies itself.
        assertThat(Terraform.blocks(group.get("rule_action_override")))
                .allSatisfy(override -> assertThat(override).containsEntry("name", "SizeRestrictions_BODY")
                        .extracting(o -> Terraform.at(o, "action_to_use", "count")).isNotNull());
    }

    @Test
    void theWebAclIsAssociatedWithTheStageExactlyWhenEnabled() {
        for (boolean enabled : List.of(true, false)) {
            Map<String, Object> root = Terraform.module(ROOT, Map.of("waf_enabled", enabled));
            assertThat(Terraform.at(root, "resource", "aws_wafv2_web_acl", "api", "count")).isEqualTo(enabled ? 1.0 : 0.0);
            assertThat(Terraform.at(root, "resource", "aws_wafv2_web_acl_association", "api", "count"))
                    .isEqualTo(enabled ? 1.0 : 0.0);
        }
        Map<String, Object> association = Terraform.block(
                Terraform.module(ROOT), "resource", "aws_wafv2_web_acl_association", "api");
        assertThat(Terraform.reference(association.get("resource_arn"))).isEqualTo("aws_api_gateway_stage.this.arn");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT))
                .contains(Terraform.withoutWhitespace("web_acl_arn = aws_wafv2_web_acl.api[0].arn"));
    }

    @Test
    void productionEnablesTheWebAclAndItIsOffByDefault() {
        Map<String, Object> waf = Terraform.block(Terraform.module(ROOT), "variable", "waf_enabled");

        assertThat(Terraform.typeOf(waf)).isEqualTo("bool");
        assertThat(waf).containsEntry("default", false);
        assertThat(Terraform.tfvars(ROOT.resolve("environments/prod.tfvars"))).containsEntry("waf_enabled", true);
        assertThat(Terraform.tfvars(ROOT.resolve("environments/dev.tfvars"))).containsEntry("waf_enabled", false);
    }

    /** The rate-based statement's limit: 10 to 2,000,000,000 (internal/service/wafv2/schemas.go, IntBetween). */
    @Test
    void theRateLimitInputAcceptsExactlyTheWholeNumbersWafAccepts() {
        // HCL numbers are doubles to hcl4j, so the limits are bound as doubles too.
        Map<Object, Boolean> expected = Map.of(9.0, false, 10.0, true, 1000.0, true, 2.0e9, true,
                2.0e9 + 1, false, 10.5, false);

        Map<Object, Boolean> actual = new HashMap<>();
        expected.keySet().forEach(limit -> actual.put(limit, (Boolean) Terraform.at(
                Terraform.parse(ROOT.resolve("variables.tf"), Map.of("waf_rate_limit_per_ip", limit)),
                "variable", "waf_rate_limit_per_ip", "validation", "condition")));

        assertThat(actual).isEqualTo(expected);
        Map<String, Object> variable = Terraform.block(Terraform.module(ROOT), "variable", "waf_rate_limit_per_ip");
        assertThat(Terraform.typeOf(variable)).isEqualTo("number");
        assertThat(variable).containsKey("description");
    }

    // ---- API keys (website/docs/r/api_gateway_usage_plan.html.markdown, api_gateway_api_key.html.markdown,
    //      api_gateway_method.html.markdown) --------------------------------------------------------------------------

    @Test
    void apiKeysAndTheirUsagePlanExistOnlyWhenEnabled() {
        Map<String, Object> variable = Terraform.block(Terraform.module(ROOT), "variable", "api_keys_enabled");
        assertThat(Terraform.typeOf(variable)).isEqualTo("bool");
        assertThat(variable).containsEntry("default", false);
        for (boolean enabled : List.of(true, false)) {
            Map<String, Object> root = Terraform.module(ROOT,
                    Map.of("api_keys_enabled", enabled, "api_key_clients", List.of("batch", "sync")));
            assertThat(Terraform.at(root, "resource", "aws_api_gateway_usage_plan", "machine_clients", "count"))
                    .isEqualTo(enabled ? 1.0 : 0.0);
            assertThat(Terraform.at(root, "resource", "aws_api_gateway_api_key", "machine_client", "for_each"))
                    .isEqualTo(enabled ? List.of("batch", "sync") : List.of());
        }
        Map<String, Object> root = Terraform.module(ROOT);
        assertThat(Terraform.reference(Terraform.at(
                root, "resource", "aws_api_gateway_usage_plan_key", "machine_client", "for_each")))
                .isEqualTo("aws_api_gateway_api_key.machine_client");
        Map<String, Object> plan = Terraform.block(root, "resource", "aws_api_gateway_usage_plan", "machine_clients");
        assertThat(Terraform.reference(Terraform.at(plan, "api_stages", "stage")))
                .isEqualTo("aws_api_gateway_stage.this.stage_name");
        assertThat(Terraform.reference(Terraform.at(plan, "throttle_settings", "rate_limit")))
                .isEqualTo("var.api_key_throttle_rate_limit");
        assertThat(Terraform.reference(Terraform.at(plan, "throttle_settings", "burst_limit")))
                .isEqualTo("var.api_key_throttle_burst_limit");
        assertThat(Terraform.reference(Terraform.at(plan, "quota_settings", "limit"))).isEqualTo("var.api_key_quota_limit");
        assertThat(Terraform.reference(Terraform.at(plan, "quota_settings", "period")))
                .isEqualTo("var.api_key_quota_period");
    }

    /** Browsers send CORS preflights without custom headers, so OPTIONS never requires a key. */
    @Test
    void theProxyMethodsRequireAnApiKeyExactlyWhenKeysAreEnabled() {
        for (boolean enabled : List.of(true, false)) {
            Map<String, Object> root = Terraform.module(ROOT, Map.of("api_keys_enabled", enabled));
            assertThat(Terraform.at(root, "resource", "aws_api_gateway_method", "proxy", "api_key_required"))
                    .isEqualTo(enabled);
            assertThat(Terraform.at(root, "resource", "aws_api_gateway_method", "preflight", "api_key_required"))
                    .isNull();
        }
    }
}
