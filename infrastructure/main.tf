provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

locals {
  name = "${var.project_name}-${var.environment}"

  # The Lambda entry point. This is the single place the handler is named on
  # the infrastructure side; it must match task-adapter-lambda's
  # <lambda.handler> property (a test compares the two). With provided.al2023
  # the package's bootstrap starts the function and the handler setting is
  # ignored, but Lambda requires one for every zip function, so it stays.
  handler = "io.taskapi.lambda.TaskHandler::handleRequest"

  # provided.al2023 runs the custom runtime package (task-lambda-runtime),
  # whose jlinked JDK and AOT cache are built and trained on x86_64 only; the
  # managed Java runtimes run the plain zip and default to the cheaper arm64.
  lambda_architecture = coalesce(var.lambda_architecture, var.lambda_runtime == "provided.al2023" ? "x86_64" : "arm64")

  # The package scripts/package.sh builds for the runtime, unless one is given.
  lambda_package_file = coalesce(
    var.lambda_package_path,
    var.lambda_runtime == "provided.al2023" ? "../task-lambda-runtime/target/task-lambda-runtime.zip" : "../task-adapter-lambda/target/task-lambda.zip",
  )

  # Relative package paths are resolved against this directory, so plans work
  # the same with `cd infrastructure` and `terraform -chdir=infrastructure`.
  lambda_package_path = can(regex("^(/|[A-Za-z]:[\\\\/])", local.lambda_package_file)) ? local.lambda_package_file : "${path.module}/${local.lambda_package_file}"

  tags = merge(
    {
      Project     = var.project_name
      Environment = var.environment
      ManagedBy   = "terraform"
    },
    var.tags,
  )
}

################################################################################
# Page-token signing secret
#
# The function signs the opaque `next` pagination tokens it hands out with this
# key. It is generated here, never committed, and passed as an environment
# variable, which the Lambda module encrypts with a customer managed KMS key of
# the function's own (readable only with kms:Decrypt on it; no network call at
# start-up). It is in plain text in the Terraform state, so keep state remote,
# encrypted and restricted (see backend.tf). Rotate with
# `terraform apply -replace=random_bytes.page_token_secret`; outstanding page
# tokens become invalid.
################################################################################

resource "random_bytes" "page_token_secret" {
  length = 32
}

################################################################################
# Lambda function (published version + `live` alias, SnapStart with a managed
# runtime, X-Ray)
################################################################################

module "lambda" {
  source = "./modules/lambda"

  function_name = local.name
  description   = "Task API (${var.environment}): API Gateway proxy handler and scheduled maintenance"
  handler       = local.handler
  runtime       = var.lambda_runtime
  architecture  = local.lambda_architecture
  memory_size   = var.lambda_memory_size
  timeout       = var.lambda_timeout
  package_path  = local.lambda_package_path

  reserved_concurrent_executions = var.lambda_reserved_concurrency
  log_retention_in_days          = var.log_retention_in_days

  environment_variables = {
    TASKS_TABLE             = aws_dynamodb_table.tasks.name
    TASKS_PAGE_TOKEN_SECRET = random_bytes.page_token_secret.base64
    TASKS_CORS_ORIGINS      = join(",", local.cors_origins)
    TASKS_IDEMPOTENCY_TABLE = aws_dynamodb_table.idempotency.name
    TASKS_LISTS_TABLE       = aws_dynamodb_table.lists.name
    # Attachments: the function signs URLs for this bucket's objects and
    # checks, copies and deletes them (attachments.tf, README.md "Attachments").
    TASKS_ATTACHMENTS_BUCKET     = aws_s3_bucket.attachments.bucket
    TASKS_ATTACHMENT_MAX_BYTES   = tostring(var.attachment_max_bytes)
    TASKS_ATTACHMENTS_PER_TASK   = tostring(var.attachments_per_task)
    TASKS_ATTACHMENT_TYPES       = join(",", var.attachment_content_types)
    TASKS_ATTACHMENT_URL_SECONDS = tostring(var.attachment_url_seconds)
    # The function's vocabulary is the local server's: behind the Cognito authorizer the caller is the
    # verified token's sub (jwt); without it, one shared owner (none).
    TASKS_AUTH = local.cognito_enabled ? "jwt" : "none"
  }

  dynamodb_table_arn     = aws_dynamodb_table.tasks.arn
  dynamodb_index_arns    = local.table_index_arns
  idempotency_table_arn  = aws_dynamodb_table.idempotency.arn
  lists_table_arn        = aws_dynamodb_table.lists.arn
  attachments_bucket_arn = aws_s3_bucket.attachments.arn

  # Tags come from the provider's default_tags; the module's `tags` input is
  # for callers that do not use them.
}
