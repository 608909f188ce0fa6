variable "function_name" {
  description = "Name of the Lambda function; also names its log group (/aws/lambda/<name>) and IAM role (<name>-lambda)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,57}$", var.function_name))
    error_message = "The function_name must be 1-57 letters, digits, hyphens or underscores (57 leaves room for the IAM role suffix)."
  }
}

variable "description" {
  description = "Description of the Lambda function."
  type        = string
  default     = ""

  validation {
    condition     = length(var.description) <= 256
    error_message = "The description must be at most 256 characters."
  }
}

variable "handler" {
  description = "Java handler in the form package.Class::method. A managed runtime calls it; with provided.al2023 the package's bootstrap starts the function and ignores it, but Lambda requires a handler for every zip function."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*::[A-Za-z_$][A-Za-z0-9_$]*$", var.handler))
    error_message = "The handler must look like package.Class::method, e.g. com.example.Handler::handleRequest."
  }
}

variable "runtime" {
  description = "Lambda runtime, accepted by the AWS provider line in versions.tf: java21 or java25, managed Java runtimes that run a zip of classes and lib/ with SnapStart on published versions; or provided.al2023, the OS-only runtime for a custom runtime package (an executable bootstrap at its root, here with its own JDK), without SnapStart, which Lambda offers for managed runtimes only, and on x86_64 only because this project's package is built and trained there."
  type        = string
  default     = "java21"

  validation {
    condition     = contains(["provided.al2023", "java21", "java25"], var.runtime)
    error_message = "The runtime must be provided.al2023, java21 or java25."
  }
}

variable "architecture" {
  description = "Instruction set architecture: arm64 or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "The architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB (128-10240)."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "The memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout" {
  description = "Timeout in seconds. Kept below API Gateway's 29-second integration timeout."
  type        = number
  default     = 15

  validation {
    condition     = var.timeout >= 1 && var.timeout < 29 && floor(var.timeout) == var.timeout
    error_message = "The timeout must be a whole number of seconds from 1 to 28."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency: -1 for unreserved, 0 to disable the function, or a positive limit."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "The reserved_concurrent_executions must be -1, 0 or a positive whole number."
  }
}

variable "package_path" {
  description = "Path to the deployment .zip: for a managed runtime, classes at the root and dependencies in lib/; for provided.al2023, an executable bootstrap at the root and what it runs."
  type        = string

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "The package_path must point to a .zip file."
  }
}

variable "environment_variables" {
  description = "Environment variables passed to the function, encrypted at rest with the module's own KMS key (aws_kms_key.environment). Marked sensitive because it may carry secrets."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "dynamodb_table_arn" {
  description = "ARN of the DynamoDB table the function reads and writes."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", var.dynamodb_table_arn))
    error_message = "The dynamodb_table_arn must be a DynamoDB table ARN."
  }
}

variable "dynamodb_index_arns" {
  description = "ARNs of the table's secondary indexes the function queries (<table_arn>/index/<name>)."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for arn in var.dynamodb_index_arns : can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+/index/[A-Za-z0-9_.-]+$", arn))
    ])
    error_message = "Each dynamodb_index_arns entry must be a DynamoDB index ARN (<table_arn>/index/<name>)."
  }
}

variable "idempotency_table_arn" {
  description = "ARN of the DynamoDB table of idempotency keys the function reads and writes."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", var.idempotency_table_arn))
    error_message = "The idempotency_table_arn must be a DynamoDB table ARN."
  }
}

variable "lists_table_arn" {
  description = "ARN of the DynamoDB table of shared lists, members and invitations the function reads and writes."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", var.lists_table_arn))
    error_message = "The lists_table_arn must be a DynamoDB table ARN."
  }
}

variable "attachments_bucket_arn" {
  description = "ARN of the S3 bucket of task attachments (arn:<partition>:s3:::<name>). The function may put, get and delete its objects (<arn>/*) and list the bucket, nothing else."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.attachments_bucket_arn))
    error_message = "The attachments_bucket_arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>), without an object path."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group in days (0 keeps logs forever)."
  type        = number
  default     = 14

  validation {
    condition = contains([
      0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
      1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be 0 or a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "alias_name" {
  description = "Name of the alias that tracks the latest published version; callers invoke this alias."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z_-][A-Za-z0-9_-]{0,127}$", var.alias_name)) && !can(regex("^[0-9]+$", var.alias_name))
    error_message = "The alias_name must be 1-128 letters, digits, hyphens or underscores and not purely numeric."
  }
}

variable "tags" {
  description = "Tags applied to every resource of the module (in addition to any provider default_tags)."
  type        = map(string)
  default     = {}
}
