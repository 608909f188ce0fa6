output "api_endpoint" {
  description = "Base URL of the deployed stage, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/dev. Append /tasks."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "rest_api_id" {
  description = "ID of the API Gateway REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "table_name" {
  description = "Name of the DynamoDB tasks table."
  value       = aws_dynamodb_table.tasks.name
}

output "table_arn" {
  description = "ARN of the DynamoDB tasks table."
  value       = aws_dynamodb_table.tasks.arn
}

output "lists_table_name" {
  description = "Name of the DynamoDB table of shared lists, their members and invitations (<tasks table>-lists)."
  value       = aws_dynamodb_table.lists.name
}

output "lists_table_arn" {
  description = "ARN of the DynamoDB table of shared lists."
  value       = aws_dynamodb_table.lists.arn
}

output "attachments_bucket_name" {
  description = "Name of the private S3 bucket of task attachments (<project>-<env>-attachments-<account id>), TASKS_ATTACHMENTS_BUCKET of the function. Clients reach its objects only through URLs the API presigns."
  value       = aws_s3_bucket.attachments.bucket
}

output "attachments_bucket_arn" {
  description = "ARN of the attachments bucket; the function's role may put, get and delete its objects (<arn>/*) and list it."
  value       = aws_s3_bucket.attachments.arn
}

output "maintenance_rule_name" {
  description = "Name of the EventBridge rule that invokes the function's live alias every minute to run the queued maintenance work."
  value       = aws_cloudwatch_event_rule.maintenance.name
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = module.lambda.function_name
}

output "function_alias_arn" {
  description = "ARN of the function's `live` alias, the target API Gateway invokes."
  value       = module.lambda.alias_arn
}

output "function_version" {
  description = "Published function version the `live` alias points at."
  value       = module.lambda.function_version
}

output "log_group_name" {
  description = "CloudWatch log group of the Lambda function, e.g. for `aws logs tail <name> --follow`."
  value       = module.lambda.log_group_name
}

output "api_access_log_group_name" {
  description = "CloudWatch log group receiving the stage's JSON access logs."
  value       = aws_cloudwatch_log_group.api_access.name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic that receives alarm and OK notifications; subscribe further endpoints to it."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "auth_mode" {
  description = "How the API identifies callers: cognito (each user sees only their own tasks) or none (one shared set of tasks for anyone)."
  value       = var.auth_mode
}

output "cognito_user_pool_id" {
  description = "ID of the Cognito user pool whose users may call the API (null with auth_mode = \"none\")."
  value       = local.cognito_enabled ? aws_cognito_user_pool.this[0].id : null
}

output "cognito_user_pool_client_id" {
  description = "ID of the app client; the `aud` of the ID tokens the API accepts, and TASKS_JWT_AUDIENCE for a local server serving the same users."
  value       = local.cognito_enabled ? aws_cognito_user_pool_client.this[0].id : null
}

output "cognito_issuer" {
  description = "Issuer (`iss`) of the pool's tokens; TASKS_JWT_ISSUER for a local server serving the same users."
  value       = local.cognito_enabled ? "https://${aws_cognito_user_pool.this[0].endpoint}" : null
}

output "cognito_jwks_url" {
  description = "The pool's public signing keys; TASKS_JWT_JWKS_URL for a local server serving the same users."
  value       = local.cognito_enabled ? "https://${aws_cognito_user_pool.this[0].endpoint}/.well-known/jwks.json" : null
}

output "cognito_hosted_ui_url" {
  description = "Base URL of the hosted sign-in page, https://<prefix>.auth.<region>.amazoncognito.com (its /oauth2/authorize, /oauth2/token, /oauth2/revoke and /logout), the board's sign_in.url and TASKS_JWT_SIGN_IN_URL for a local server; null without one (auth_mode = \"none\", or neither board_hosting_enabled nor cognito_domain_prefix)."
  value       = local.cognito_sign_in_url
}

output "board_url" {
  description = "Address of the hosted task board, https://<distribution>.cloudfront.net/ (also the app client's callback and logout URL); null unless board_hosting_enabled."
  value       = local.board_url
}

output "board_bucket_name" {
  description = "Name of the private S3 bucket holding the board's files and config.json (<project>-<env>-board-<account id>), readable only by the board's distribution; null unless board_hosting_enabled."
  value       = var.board_hosting_enabled ? aws_s3_bucket.board[0].bucket : null
}

output "board_distribution_id" {
  description = "ID of the board's CloudFront distribution, for aws cloudfront create-invalidation (scripts/deploy.sh invalidates /* after every apply); null unless board_hosting_enabled."
  value       = var.board_hosting_enabled ? aws_cloudfront_distribution.board[0].id : null
}

output "lambda_environment_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the function's environment variables (the page-token secret among them); reading them needs kms:Decrypt on it."
  value       = module.lambda.environment_kms_key_arn
}

output "api_gateway_account_role_managed" {
  description = "Whether this configuration created the API Gateway CloudWatch role and registered it in the region's account settings (manage_api_gateway_account_role)."
  value       = var.manage_api_gateway_account_role
}

output "api_gateway_cloudwatch_role_arn" {
  description = "ARN of the API Gateway CloudWatch role this configuration registered; null when manage_api_gateway_account_role is false (the account's existing role is then used: aws apigateway get-account --query cloudwatchRoleArn)."
  value       = var.manage_api_gateway_account_role ? aws_iam_role.api_gateway_cloudwatch[0].arn : null
}

output "deletion_protection_enabled" {
  description = "Whether deletion protection is on (table_deletion_protection_enabled) for every resource in deletion_protected_resources."
  value       = var.table_deletion_protection_enabled
}

output "deletion_protected_resources" {
  description = "Addresses of the resources table_deletion_protection_enabled protects (the attachments bucket through force_destroy), for -target when turning the protection off before a destroy."
  value = concat(
    ["aws_dynamodb_table.tasks", "aws_dynamodb_table.lists", "aws_dynamodb_table.idempotency", "aws_s3_bucket.attachments"],
    local.cognito_enabled ? ["aws_cognito_user_pool.this[0]"] : [],
  )
}

output "waf_web_acl_arn" {
  description = "ARN of the AWS WAF web ACL associated with the stage; null when waf_enabled is false."
  value       = var.waf_enabled ? aws_wafv2_web_acl.api[0].arn : null
}

output "api_key_ids" {
  description = "IDs of the machine clients' API keys by client name (empty unless api_keys_enabled). Read a key's value with aws apigateway get-api-key --api-key <id> --include-value."
  value       = { for client, key in aws_api_gateway_api_key.machine_client : client => key.id }
}

output "api_key_usage_plan_id" {
  description = "ID of the usage plan of the API keys; null unless api_keys_enabled."
  value       = var.api_keys_enabled ? aws_api_gateway_usage_plan.machine_clients[0].id : null
}
