################################################################################
# AWS WAF in front of the stage (optional; on in environments/prod.tfvars)
#
# The stage-wide throttle (throttle_rate_limit) is shared by every caller, so
# one client can use it up for everyone. This web ACL blocks, before API
# Gateway counts anything:
#   1. any client IP address that sends more than waf_rate_limit_per_ip
#      requests in 5 minutes, until its rate falls below the limit;
#   2. requests the AWS managed common rule set (AWSManagedRulesCommonRuleSet)
#      matches: known exploit patterns, cross-site scripting, bad paths,
#      requests without a User-Agent.
# The rate rule runs first so that a flood is counted even when the managed
# rules would block its requests anyway. Blocked requests get 403; API
# Gateway's WAF_FILTERED response (DEFAULT_4XX, see api_gateway.tf) carries
# the CORS header so browsers can read it.
################################################################################

resource "aws_wafv2_web_acl" "api" {
  count = var.waf_enabled ? 1 : 0

  name        = "${local.name}-api"
  description = "Rate limit per client IP and the AWS managed common rule set for the Task API (${var.environment})."
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 10

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit_per_ip
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-managed-common-rule-set"
    priority = 20

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"

        # The rule set blocks request bodies over 8 KB. Task descriptions of
        # up to 4,000 characters can be longer than that in UTF-8, and the
        # function refuses bodies over 64 KiB itself (413), so this rule only
        # counts.
        rule_action_override {
          name = "SizeRestrictions_BODY"

          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-common-rule-set"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name}-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "api" {
  count = var.waf_enabled ? 1 : 0

  resource_arn = aws_api_gateway_stage.this.arn
  web_acl_arn  = aws_wafv2_web_acl.api[0].arn
}
