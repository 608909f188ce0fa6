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
