################################################################################
# Java Lambda function behind a `live` alias.
#
# Every code or configuration change publishes a new version (SnapStart, on a
# managed runtime, only applies to published versions) and moves the alias to
# it; callers invoke the alias, never $LATEST.
################################################################################

################################################################################
# Log group (created before the function so Lambda never creates it itself
# without a retention period)
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_in_days
  tags              = var.tags
}

################################################################################
# Execution role: least privilege
################################################################################

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.function_name}-lambda"
  description        = "Execution role of the ${var.function_name} Lambda function."
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  # Streams and events of the function's own log group only. The group itself
  # is created by Terraform, so logs:CreateLogGroup is not granted.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  # Exactly the operations the application performs (TaskTableSchema), on the
  # table and its indexes only. No Scan, no transactional calls, no wildcard.
  statement {
    sid = "TasksTable"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
    ]
    resources = concat([var.dynamodb_table_arn], var.dynamodb_index_arns)
  }

  # Shared lists, members, invitations and queued work (ListTableSchema): key
  # lookups, conditional writes, queries of one partition and batches. The
  # table has no indexes.
  statement {
    sid = "ListsTable"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
    ]
    resources = [var.lists_table_arn]
  }

  # Idempotency keys: claimed with a conditional put, completed with a
  # conditional update, released with a conditional delete, read by key.
  statement {
    sid = "IdempotencyTable"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ]
    resources = [var.idempotency_table_arn]
  }

  # Attachments: the objects of the bucket only. PutObject, GetObject and
  # DeleteObject are what the function does and what the URLs it presigns
  # may do (S3 checks a presigned request against the signer's permissions):
  # clients PUT uploads and GET downloads, the function checks an upload with
  # HeadObject (authorised by s3:GetObject; IAM has no HeadObject action),
  # keeps it with CopyObject (s3:GetObject on the source, s3:PutObject on the
  # destination) and deletes objects. No tagging, ACL or version actions.
  statement {
    sid = "AttachmentObjects"
    actions = [
      "s3:PutObject",
      "s3:GetObject",
      "s3:DeleteObject",
    ]
    resources = ["${var.attachments_bucket_arn}/*"]
  }

  # Only so that HeadObject of a key that does not exist answers 404, as S3
  # does for a caller allowed s3:ListBucket; without it S3 answers 403, which
  # the function could not tell from a real denial when a client completes an
  # upload it never made. The function lists nothing: every key it uses is
  # in DynamoDB. On the bucket itself, the only resource ListBucket applies to.
  statement {
    sid       = "AttachmentsBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.attachments_bucket_arn]
  }

  # X-Ray segment upload does not support resource-level permissions.
  statement {
    sid       = "XRayTracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # The function's environment is encrypted with its own key (below).
  statement {
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.environment.arn]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-permissions"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

################################################################################
# Customer managed key for the function's environment variables
#
# Lambda encrypts environment variables at rest in any case; with the default
# AWS managed key, anyone allowed lambda:GetFunctionConfiguration reads them in
# plain text, the page-token secret included. With this key they also need
# kms:Decrypt on it. The key policy lets the account administer the key (IAM
# policies grant its use, as for any key) and the function's role decrypt
# with it, which the role's own policy grants too. Lambda decrypts the
# variables when it prepares an execution environment, not per request, and
# the function reads them from its environment: no call at start-up.
# Automatic rotation is on (yearly); deleting the key waits 30 days.
################################################################################

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "environment_key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "FunctionRoleDecrypts"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.this.arn]
    }
  }
}

resource "aws_kms_key" "environment" {
  description             = "Encrypts the environment variables of the ${var.function_name} Lambda function."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.environment_key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "environment" {
  name          = "alias/${var.function_name}-environment"
  target_key_id = aws_kms_key.environment.key_id
}

################################################################################
# Function, published version and alias
################################################################################

locals {
  # java21 and java25 are Lambda managed runtimes (SnapStart, AWS-patched JVM);
  # provided.al2023 runs the package's own bootstrap and JDK.
  managed_runtime = var.runtime != "provided.al2023"
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = var.description
  role          = aws_iam_role.this.arn

  filename         = var.package_path
  source_code_hash = filebase64sha256(var.package_path)
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions

  # SnapStart snapshots the initialised JVM when a version is published.
  # Published versions and the alias are kept with provided.al2023 too, so
  # callers and the rollback procedure are the same whatever the runtime.
  publish = true

  # Lambda offers SnapStart for managed runtimes only, not for an OS-only
  # runtime such as provided.al2023, so the block is left out there.
  dynamic "snap_start" {
    for_each = local.managed_runtime ? [1] : []

    content {
      apply_on = "PublishedVersions"
    }
  }

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = var.environment_variables
  }

  # Customer managed key for the variables above (see aws_kms_key.environment).
  kms_key_arn = aws_kms_key.environment.arn

  tags = var.tags

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.this,
  ]

  lifecycle {
    # Lambda itself runs provided.al2023 on arm64, but the custom runtime
    # package's JDK and AOT cache are x86_64 code, built and trained on an
    # x86_64 machine: on arm64 the function could not start. Fails the plan,
    # before anything is uploaded.
    precondition {
      condition     = local.managed_runtime || var.architecture == "x86_64"
      error_message = "The custom runtime package (runtime provided.al2023) runs on x86_64 only: its jlinked JDK and AOT cache are built for x86_64. Set lambda_architecture to \"x86_64\" or leave it unset (null picks x86_64), or choose a managed runtime (lambda_runtime = \"java21\" or \"java25\") to run on arm64."
    }
  }
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  description      = "Latest published version of ${var.function_name}; the target of all callers."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}
