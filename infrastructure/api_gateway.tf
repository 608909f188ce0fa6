################################################################################
# REST API (regional)
#
#   /tasks                              ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}                         ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/comments                ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/comments/{comment_id}   ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/activity                ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/attachments             ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/attachments/{attachment_id}
#                                       ANY -> Lambda alias `live` (AWS_PROXY)
#   /tasks/{id}/attachments/{attachment_id}/complete
#                                       ANY -> Lambda alias `live` (AWS_PROXY)
#   /me                                 ANY -> Lambda alias `live` (AWS_PROXY)
#   /lists                              ANY -> Lambda alias `live` (AWS_PROXY)
#   /lists/{id}                         ANY -> Lambda alias `live` (AWS_PROXY)
#   /lists/{id}/members                 ANY -> Lambda alias `live` (AWS_PROXY)
#   /lists/{id}/members/{user_id}       ANY -> Lambda alias `live` (AWS_PROXY)
#   /lists/{id}/invitations             ANY -> Lambda alias `live` (AWS_PROXY)
#   /invitations/{code}                 ANY -> Lambda alias `live` (AWS_PROXY)
#
# These are exactly the application's routes (task-application's Route). Every
# method, OPTIONS included, is proxied: the function routes requests, answers
# CORS preflights and returns 405 for unsupported methods itself. Paths that
# are no route, /invitations and /lists/{id}/members/{user_id}/x among them,
# match no method here and get the MISSING_AUTHENTICATION_TOKEN response (404)
# below without reaching the function.
#
# With auth_mode = "cognito", ANY has the Cognito authorizer: a request
# without a valid ID token of the user pool is answered 401 by API Gateway and
# never reaches the function, which takes the user from the token's claims.
# OPTIONS has a method of its own without an authorizer (a specific method
# wins over ANY), because browsers send CORS preflights without credentials.
# With api_keys_enabled, ANY also requires an API key (x-api-key); OPTIONS
# never does, for the same reason.
################################################################################

resource "aws_api_gateway_rest_api" "this" {
  name        = local.name
  description = "Task API (${var.environment})"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "tasks" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "tasks"
}

resource "aws_api_gateway_resource" "task" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.tasks.id
  path_part   = "{id}"
}

resource "aws_api_gateway_resource" "task_comments" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task.id
  path_part   = "comments"
}

resource "aws_api_gateway_resource" "task_comment" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task_comments.id
  path_part   = "{comment_id}"
}

resource "aws_api_gateway_resource" "task_activity" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task.id
  path_part   = "activity"
}

# Attachments (issue 17): only their metadata and signed URLs pass through
# here; the files go straight between clients and S3 (attachments.tf).
resource "aws_api_gateway_resource" "task_attachments" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task.id
  path_part   = "attachments"
}

resource "aws_api_gateway_resource" "task_attachment" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task_attachments.id
  path_part   = "{attachment_id}"
}

resource "aws_api_gateway_resource" "task_attachment_complete" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.task_attachment.id
  path_part   = "complete"
}

resource "aws_api_gateway_resource" "me" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "me"
}

resource "aws_api_gateway_resource" "lists" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "lists"
}

resource "aws_api_gateway_resource" "list" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.lists.id
  path_part   = "{id}"
}

resource "aws_api_gateway_resource" "list_members" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.list.id
  path_part   = "members"
}

resource "aws_api_gateway_resource" "list_member" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.list_members.id
  path_part   = "{user_id}"
}

resource "aws_api_gateway_resource" "list_invitations" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.list.id
  path_part   = "invitations"
}

# Only the parent of /invitations/{code}: it has no method, so /invitations
# itself is not found (404), like any other path that is no route.
resource "aws_api_gateway_resource" "invitations" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "invitations"
}

resource "aws_api_gateway_resource" "invitation" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.invitations.id
  path_part   = "{code}"
}

# One entry per route: each gets an ANY method with the authorizer and an
# OPTIONS method without, both proxied to the function (below).
locals {
  api_routes = {
    tasks = {
      resource_id        = aws_api_gateway_resource.tasks.id
      request_parameters = {}
    }
    task = {
      resource_id        = aws_api_gateway_resource.task.id
      request_parameters = { "method.request.path.id" = true }
    }
    task_comments = {
      resource_id        = aws_api_gateway_resource.task_comments.id
      request_parameters = { "method.request.path.id" = true }
    }
    task_comment = {
      resource_id = aws_api_gateway_resource.task_comment.id
      request_parameters = {
        "method.request.path.id"         = true
        "method.request.path.comment_id" = true
      }
    }
    task_activity = {
      resource_id        = aws_api_gateway_resource.task_activity.id
      request_parameters = { "method.request.path.id" = true }
    }
    task_attachments = {
      resource_id        = aws_api_gateway_resource.task_attachments.id
      request_parameters = { "method.request.path.id" = true }
    }
    task_attachment = {
      resource_id = aws_api_gateway_resource.task_attachment.id
      request_parameters = {
        "method.request.path.id"            = true
        "method.request.path.attachment_id" = true
      }
    }
    task_attachment_complete = {
      resource_id = aws_api_gateway_resource.task_attachment_complete.id
      request_parameters = {
        "method.request.path.id"            = true
        "method.request.path.attachment_id" = true
      }
    }
    me = {
      resource_id        = aws_api_gateway_resource.me.id
      request_parameters = {}
    }
    lists = {
      resource_id        = aws_api_gateway_resource.lists.id
      request_parameters = {}
    }
    list = {
      resource_id        = aws_api_gateway_resource.list.id
      request_parameters = { "method.request.path.id" = true }
    }
    list_members = {
      resource_id        = aws_api_gateway_resource.list_members.id
      request_parameters = { "method.request.path.id" = true }
    }
    list_member = {
      resource_id = aws_api_gateway_resource.list_member.id
      request_parameters = {
        "method.request.path.id"      = true
        "method.request.path.user_id" = true
      }
    }
    list_invitations = {
      resource_id        = aws_api_gateway_resource.list_invitations.id
      request_parameters = { "method.request.path.id" = true }
    }
    invitation = {
      resource_id        = aws_api_gateway_resource.invitation.id
      request_parameters = { "method.request.path.code" = true }
    }
  }
}

resource "aws_api_gateway_authorizer" "cognito" {
  count = local.cognito_enabled ? 1 : 0

  name            = "${local.name}-cognito"
  rest_api_id     = aws_api_gateway_rest_api.this.id
  type            = "COGNITO_USER_POOLS"
  provider_arns   = [aws_cognito_user_pool.this[0].arn]
  identity_source = "method.request.header.Authorization"
}

resource "aws_api_gateway_method" "proxy" {
  for_each = local.api_routes

  rest_api_id        = aws_api_gateway_rest_api.this.id
  resource_id        = each.value.resource_id
  http_method        = "ANY"
  authorization      = local.cognito_enabled ? "COGNITO_USER_POOLS" : "NONE"
  authorizer_id      = local.cognito_enabled ? aws_api_gateway_authorizer.cognito[0].id : null
  api_key_required   = var.api_keys_enabled
  request_parameters = each.value.request_parameters
}

# CORS preflights, without an authorizer in every auth_mode.
resource "aws_api_gateway_method" "preflight" {
  for_each = local.api_routes

  rest_api_id        = aws_api_gateway_rest_api.this.id
  resource_id        = each.value.resource_id
  http_method        = "OPTIONS"
  authorization      = "NONE"
  request_parameters = each.value.request_parameters
}

resource "aws_api_gateway_integration" "preflight" {
  for_each = local.api_routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = each.value.resource_id
  http_method             = aws_api_gateway_method.preflight[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = module.lambda.alias_invoke_arn
  timeout_milliseconds    = 29000
}

resource "aws_api_gateway_integration" "proxy" {
  for_each = local.api_routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = each.value.resource_id
  http_method             = aws_api_gateway_method.proxy[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = module.lambda.alias_invoke_arn
  timeout_milliseconds    = 29000
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowInvokeFromApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = module.lambda.function_name
  qualifier     = module.lambda.alias_name
  principal     = "apigateway.amazonaws.com"

  # Only this API's stage may invoke the alias (any method, any resource).
  source_arn = "${aws_api_gateway_rest_api.this.execution_arn}/${var.stage_name}/*/*"
}

################################################################################
# Gateway responses
#
# Errors produced by API Gateway itself (throttling, oversized payloads,
# integration failures, ...) never reach the function, so they get the CORS
# header and the API's {"message": ...} error shape here. Requests to paths
# that match no resource are answered 404 rather than API Gateway's default
# 403 "Missing Authentication Token". The authorizer's refusals (401 without
# or with an invalid token, 403 when it denies) get CORS headers too, so a
# browser app can read them, and the 401 carries the same bearer challenge as
# the function's own. DEFAULT_4XX also covers the types not listed here:
# THROTTLED and QUOTA_EXCEEDED (429), WAF_FILTERED (403), INVALID_API_KEY.
################################################################################

locals {
  # Access-Control-Allow-Origin on API Gateway's own errors. A gateway
  # response cannot test the request's Origin against cors_allowed_origins,
  # so the choice is one fixed value for every origin: '*' or an echo of
  # method.request.header.Origin. '*' is the safe one here:
  #   - these bodies are fixed messages ("Unauthorized", "Too Many Requests",
  #     ...) with no user data, so any page may read them;
  #   - the API authenticates with bearer tokens, never cookies, so no request
  #     is credentialed and browsers accept '*' (they refuse it only with
  #     credentials, which is exactly when an echo would be dangerous: it
  #     would grant any site credentialed access);
  #   - '*' needs no "Vary: Origin" for caches to stay correct.
  # The function's own answers still allow only cors_allowed_origins.
  #
  # A gateway response cannot map a context variable to a header, so these
  # answers carry API Gateway's own x-amzn-RequestId (the id the access log
  # and, for answers of the function, X-Request-Id hold) instead of
  # X-Request-Id; scripts may read both.
  gateway_cors_headers = {
    "gatewayresponse.header.Access-Control-Allow-Origin"   = "'*'"
    "gatewayresponse.header.Access-Control-Expose-Headers" = "'WWW-Authenticate, x-amzn-RequestId'"
  }

  gateway_responses = {
    DEFAULT_4XX = {
      status_code = null
      template    = "{\"message\":$context.error.messageString}"
      headers     = {}
    }
    DEFAULT_5XX = {
      status_code = null
      template    = "{\"message\":$context.error.messageString}"
      headers     = {}
    }
    MISSING_AUTHENTICATION_TOKEN = {
      status_code = "404"
      template    = "{\"message\":\"Not found\"}"
      headers     = {}
    }
    UNAUTHORIZED = {
      status_code = "401"
      template    = "{\"message\":\"Authentication required: send a bearer token in the Authorization header\"}"
      headers = {
        "gatewayresponse.header.WWW-Authenticate" = "'Bearer realm=\"tasks\"'"
      }
    }
    ACCESS_DENIED = {
      status_code = "403"
      template    = "{\"message\":$context.error.messageString}"
      headers     = {}
    }
  }
}

resource "aws_api_gateway_gateway_response" "this" {
  for_each = local.gateway_responses

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key
  status_code   = each.value.status_code

  response_parameters = merge(local.gateway_cors_headers, each.value.headers)

  response_templates = {
    "application/json" = each.value.template
  }
}

################################################################################
# Deployment and stage
################################################################################

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Managed by Terraform"

  # A new deployment is created whenever anything that shapes the API changes.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.tasks,
      aws_api_gateway_resource.task,
      aws_api_gateway_resource.task_comments,
      aws_api_gateway_resource.task_comment,
      aws_api_gateway_resource.task_activity,
      aws_api_gateway_resource.task_attachments,
      aws_api_gateway_resource.task_attachment,
      aws_api_gateway_resource.task_attachment_complete,
      aws_api_gateway_resource.me,
      aws_api_gateway_resource.lists,
      aws_api_gateway_resource.list,
      aws_api_gateway_resource.list_members,
      aws_api_gateway_resource.list_member,
      aws_api_gateway_resource.list_invitations,
      aws_api_gateway_resource.invitations,
      aws_api_gateway_resource.invitation,
      aws_api_gateway_authorizer.cognito,
      aws_api_gateway_method.proxy,
      aws_api_gateway_integration.proxy,
      aws_api_gateway_method.preflight,
      aws_api_gateway_integration.preflight,
      aws_api_gateway_gateway_response.this,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [
    aws_api_gateway_method.proxy,
    aws_api_gateway_integration.proxy,
    aws_api_gateway_method.preflight,
    aws_api_gateway_integration.preflight,
    aws_api_gateway_gateway_response.this,
  ]
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}/access"
  retention_in_days = var.log_retention_in_days
}

# API Gateway writes execution logs to this fixed name; creating it here gives
# it a retention period and removes it on destroy.
resource "aws_cloudwatch_log_group" "api_execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${var.stage_name}"
  retention_in_days = var.log_retention_in_days
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = var.stage_name
  description          = "Task API ${var.environment} stage"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      ip                 = "$context.identity.sourceIp"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      resourcePath       = "$context.resourcePath"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      integrationLatency = "$context.integrationLatency"
      responseLatency    = "$context.responseLatency"
      protocol           = "$context.protocol"
      userAgent          = "$context.identity.userAgent"
      xrayTraceId        = "$context.xrayTraceId"
    })
  }

  # Logging to CloudWatch requires the account-level CloudWatch role, see
  # manage_api_gateway_account_role: when this configuration manages it, the
  # role is registered before the stage asks for logs.
  depends_on = [
    aws_api_gateway_account.this,
    aws_cloudwatch_log_group.api_execution,
  ]
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = var.api_detailed_metrics_enabled
    logging_level          = var.api_logging_level
    data_trace_enabled     = false
    throttling_rate_limit  = var.throttle_rate_limit
    throttling_burst_limit = var.throttle_burst_limit
  }
}

################################################################################
# Account-level CloudWatch role (optional)
#
# API Gateway can only write access and execution logs once the region's
# API Gateway account settings name an IAM role it may assume; without one,
# creating the stage fails ("CloudWatch Logs role ARN must be set in account
# settings to enable logging"). That setting is a singleton per account and
# region, shared by every REST API there, so it is managed here only when
# manage_api_gateway_account_role = true: enable it in one long-lived
# configuration per account and region, and leave it off where the role is
# already registered (by another stack, an earlier deployment or by hand).
#
# Since AWS provider 6.0, destroying aws_api_gateway_account resets the
# account settings (the 5.x reset_on_delete argument is gone): turning the
# variable off again, or destroying this configuration with it on, clears the
# role for every REST API in the region, and their logging stops until a role
# is registered again.
################################################################################

data "aws_partition" "current" {}

data "aws_iam_policy_document" "api_gateway_assume_role" {
  count = var.manage_api_gateway_account_role ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_gateway_cloudwatch" {
  count = var.manage_api_gateway_account_role ? 1 : 0

  name               = "${local.name}-apigw-cloudwatch"
  description        = "Lets API Gateway write CloudWatch logs for every API in this account and region."
  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume_role[0].json
}

resource "aws_iam_role_policy_attachment" "api_gateway_cloudwatch" {
  count = var.manage_api_gateway_account_role ? 1 : 0

  role       = aws_iam_role.api_gateway_cloudwatch[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  count = var.manage_api_gateway_account_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_cloudwatch[0].arn

  depends_on = [aws_iam_role_policy_attachment.api_gateway_cloudwatch]
}

################################################################################
# API keys and usage plan for machine clients (optional)
#
# Only with api_keys_enabled: every ANY method then requires an API key
# (api_key_required above) and each client in api_key_clients gets a key of
# its own in one usage plan, so one client's traffic is throttled and capped
# on its own instead of using up the stage-wide limit. API keys identify and
# meter callers; they authenticate nobody (the Cognito authorizer still does).
# Key values are generated by API Gateway and kept in the Terraform state;
# read one with `aws apigateway get-api-key --api-key <id> --include-value`.
################################################################################

resource "aws_api_gateway_usage_plan" "machine_clients" {
  count = var.api_keys_enabled ? 1 : 0

  name        = "${local.name}-machine-clients"
  description = "Per-key throttle and quota for the machine clients of the Task API (${var.environment})."

  api_stages {
    api_id = aws_api_gateway_rest_api.this.id
    stage  = aws_api_gateway_stage.this.stage_name
  }

  throttle_settings {
    rate_limit  = var.api_key_throttle_rate_limit
    burst_limit = var.api_key_throttle_burst_limit
  }

  quota_settings {
    limit  = var.api_key_quota_limit
    period = var.api_key_quota_period
  }
}

resource "aws_api_gateway_api_key" "machine_client" {
  for_each = var.api_keys_enabled ? toset(var.api_key_clients) : toset([])

  name        = "${local.name}-${each.key}"
  description = "API key of the machine client ${each.key} (Task API ${var.environment})."
  enabled     = true
}

resource "aws_api_gateway_usage_plan_key" "machine_client" {
  for_each = aws_api_gateway_api_key.machine_client

  key_id        = each.value.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.machine_clients[0].id
}
