################################################################################
# Tasks table
#
# Items are partitioned by owner and keyed by task id. A task of someone's own
# has owner user:<sub> (or shared without authentication); a task in a shared
# list has owner task:<id>, so it is found by its id alone and moves between
# lists with one conditional write, and carries scope = list:<list id>,
# list_id and, when assigned, assignee (a user id; personal tasks may have one
# too).
#
# Each list filter has its own GSI keyed by a composite attribute the
# application writes alongside the task (the owner, or a list task's scope,
# combined with the status, the priority, or both), so that a filtered listing
# is a single Query within one owner's or one list's tasks. Tasks with a due
# date also carry due_key (YYYY-MM-DD#id), the range key of the sparse indexes
# that list by due date. scope and assignee are written only where they apply,
# so the indexes over them are sparse too:
#
#   status-index           hash owner_status,           range id
#   priority-index         hash owner_priority,         range id
#   status-priority-index  hash owner_status_priority,  range id
#   due-index              hash owner,                  range due_key
#   status-due-index       hash owner_status,           range due_key
#   list-index             hash scope,                  range id
#   list-due-index         hash scope,                  range due_key
#   assignee-index         hash assignee,               range id
#
# Adding an index to an existing table backfills it from the table's items;
# DynamoDB builds one new index per table update, so the apply that adds
# several waits for each in turn (minutes to hours on a large table). Reads
# and writes of the table continue meanwhile.
################################################################################

resource "aws_dynamodb_table" "tasks" {
  name         = "${local.name}-tasks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "owner"
  range_key    = "id"
  # One variable protects every resource that holds data: this table, the
  # lists table, the idempotency table and the Cognito user pool (README.md,
  # Teardown).
  deletion_protection_enabled = var.table_deletion_protection_enabled

  attribute {
    name = "owner"
    type = "S"
  }

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "owner_status"
    type = "S"
  }

  attribute {
    name = "owner_priority"
    type = "S"
  }

  attribute {
    name = "owner_status_priority"
    type = "S"
  }

  attribute {
    name = "due_key"
    type = "S"
  }

  attribute {
    name = "scope"
    type = "S"
  }

  attribute {
    name = "assignee"
    type = "S"
  }

  global_secondary_index {
    name            = "status-index"
    hash_key        = "owner_status"
    range_key       = "id"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "priority-index"
    hash_key        = "owner_priority"
    range_key       = "id"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "status-priority-index"
    hash_key        = "owner_status_priority"
    range_key       = "id"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "due-index"
    hash_key        = "owner"
    range_key       = "due_key"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "status-due-index"
    hash_key        = "owner_status"
    range_key       = "due_key"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "list-index"
    hash_key        = "scope"
    range_key       = "id"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "list-due-index"
    hash_key        = "scope"
    range_key       = "due_key"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "assignee-index"
    hash_key        = "assignee"
    range_key       = "id"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  # Only a pending attachment's item carries `expires_at` (a day after its
  # upload was granted; completing it removes the attribute): DynamoDB deletes
  # the records of abandoned uploads, as the bucket's lifecycle rule deletes
  # their files. The application hides them from the first moment past it.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  # Encrypted with the AWS managed key for DynamoDB (aws/dynamodb). A customer
  # managed key would also need kms:Decrypt/GenerateDataKey for the function.
  server_side_encryption {
    enabled = true
  }

  lifecycle {
    # scripts/deploy.sh selects one workspace per environment; refuse to apply
    # e.g. prod.tfvars on top of the dev workspace's state.
    precondition {
      condition     = contains(["default", var.environment], terraform.workspace)
      error_message = "Workspace \"${terraform.workspace}\" does not match environment \"${var.environment}\". Run `terraform workspace select ${var.environment}` or use the matching -var-file."
    }
  }
}

################################################################################
# Idempotency keys
#
# One item per owner and Idempotency-Key: the request's fingerprint and, once
# it completed, its response, so that retries are answered without running the
# request again. A table of its own, so task listings never read these items.
# Records expire after 24 hours (`expires_at`, epoch seconds): the application
# ignores expired records and DynamoDB's TTL deletes them.
################################################################################

resource "aws_dynamodb_table" "idempotency" {
  name                        = "${local.name}-tasks-idempotency"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "owner"
  range_key                   = "key"
  deletion_protection_enabled = var.table_deletion_protection_enabled

  attribute {
    name = "owner"
    type = "S"
  }

  attribute {
    name = "key"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  server_side_encryption {
    enabled = true
  }
}

################################################################################
# Shared lists
#
# One table with generic keys and no indexes: each kind of item has its own key
# shape, and every read is a key lookup or a query of one partition
# (ListTableSchema in task-persistence-dynamodb):
#
#   item                     pk                          sk
#   a list                   list#<list id>              list
#   a member                 list#<list id>              member#<user id>
#   a user's list (a hint)   user#<user id>              list#<list id>
#   an invitation            invitation#<code digest>    invitation
#
# plus one partition of queued work: the purges of deleted lists and the
# unassignments of removed members that did not finish within the request.
#
# Invitations expire after 7 days (`expires_at`, epoch seconds): the
# application refuses expired ones and DynamoDB's TTL deletes them later. The
# queued work is done by the maintenance schedule (maintenance.tf). Named
# <tasks table>-lists, the name the local server derives from TASKS_TABLE.
################################################################################

resource "aws_dynamodb_table" "lists" {
  name                        = "${local.name}-tasks-lists"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.table_deletion_protection_enabled

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  # Lists and their members are user data like tasks: recoverable to any
  # second of the last 35 days.
  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

locals {
  # Explicit index ARNs for the function's IAM policy (rather than index/*).
  table_index_arns = [
    for index in aws_dynamodb_table.tasks.global_secondary_index :
    "${aws_dynamodb_table.tasks.arn}/index/${index.name}"
  ]

  # DynamoDB operations the function performs; used by the throttle alarm and
  # the dashboard. Keep in line with the IAM policy in modules/lambda.
  table_operations = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem"]

  # The same for the lists table (the ListsTable statement of the IAM policy).
  lists_table_operations = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem"]

  # The same for the idempotency table (the IdempotencyTable statement of the
  # IAM policy): its throttle alarm and dashboard line watch these.
  idempotency_table_operations = ["GetItem", "PutItem", "UpdateItem", "DeleteItem"]
}
