output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "function_version" {
  description = "Latest published version of the function (the one the alias points at)."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Name of the alias callers invoke."
  value       = aws_lambda_alias.this.name
}

output "alias_arn" {
  description = "ARN of the alias (a qualified function ARN)."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the alias, for API Gateway integrations."
  value       = aws_lambda_alias.this.invoke_arn
}

output "log_group_name" {
  description = "Name of the function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "environment_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the function's environment variables."
  value       = aws_kms_key.environment.arn
}
