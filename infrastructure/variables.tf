################################################################################
# General
################################################################################

variable "aws_region" {
  description = "AWS region to deploy into, e.g. us-east-1."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.aws_region))
    error_message = "The aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "project_name" {
  description = "Name prefix for every resource. Lowercase letters, digits and hyphens; starts with a letter."
  type        = string
  default     = "task-api"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.project_name)) && !strcontains(var.project_name, "--")
    error_message = "The project_name must be 3-24 characters of lowercase letters, digits and single hyphens, start with a letter and not end with a hyphen."
  }
}

variable "environment" {
  description = "Deployment environment. Used in resource names and tags; must match the Terraform workspace when one other than default is selected."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be one of: dev, staging, prod."
  }
}

variable "tags" {
  description = "Additional tags applied to every resource through the provider's default_tags."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.tags) : !startswith(lower(k), "aws:")])
    error_message = "Tag keys must not start with the reserved prefix \"aws:\"."
  }

  validation {
    condition     = length(var.tags) <= 40
    error_message = "At most 40 extra tags are allowed (AWS allows 50 per resource and this configuration sets a few itself)."
  }
}

################################################################################
# Lambda
################################################################################

variable "lambda_package_path" {
  description = "Path to the deployment zip. Null (the default): the package scripts/package.sh builds for lambda_runtime, ../task-lambda-runtime/target/task-lambda-runtime.zip for provided.al2023 and ../task-adapter-lambda/target/task-lambda.zip for java21 and java25. A relative path is resolved against this directory (infrastructure/)."
  type        = string
  default     = null

  # A conditional rather than ||, which does not short-circuit in every
  # supported Terraform: endswith() fails on null.
  validation {
    condition     = var.lambda_package_path == null ? true : endswith(var.lambda_package_path, ".zip")
    error_message = "The lambda_package_path must point to a .zip file (or be null for the package matching lambda_runtime)."
  }
}

variable "lambda_runtime" {
  description = "How the function runs. \"provided.al2023\" (the default): Lambda's OS-only runtime running the custom runtime package task-lambda-runtime.zip, which brings its own jlinked JDK 25 and an ahead-of-time (AOT) cache made at build time; it starts fastest (docs/benchmarks.md section 11) but runs on x86_64 only, has no SnapStart, and gets JDK patches only when the package is rebuilt and redeployed. \"java21\" or \"java25\": a Lambda managed Java runtime running task-lambda.zip with SnapStart on published versions; AWS patches the JVM and arm64 is available, but a cold start is slower. The pinned AWS provider line accepts all three (provided.al2023 from 5.26.0, java25 from 6.20.0)."
  type        = string
  default     = "provided.al2023"

  # Only runtimes the AWS provider pinned in versions.tf accepts for
  # aws_lambda_function.runtime, so a wrong value fails here rather than with
  # the provider's "expected runtime to be one of" at plan time; and only the
  # ones this project builds a package for (scripts/package.sh).
  validation {
    condition     = contains(["provided.al2023", "java21", "java25"], var.lambda_runtime)
    error_message = "The lambda_runtime must be provided.al2023 (the custom runtime package), java21 or java25 (a managed runtime)."
  }
}

variable "lambda_architecture" {
  description = "Instruction set architecture of the function. Null (the default): the one lambda_runtime needs, x86_64 for provided.al2023 (its JDK and AOT cache are built and trained on x86_64) and arm64 (Graviton, about 20% cheaper per GB-second) for java21 and java25. arm64 with provided.al2023 is refused at plan time."
  type        = string
  default     = null

  # A conditional because contains() fails on null (see lambda_package_path).
  # That arm64 does not go with provided.al2023 is checked by a precondition
  # on the function (modules/lambda): a validation may not read another
  # variable before Terraform 1.9.
  validation {
    condition     = var.lambda_architecture == null ? true : contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "The lambda_architecture must be arm64 or x86_64 (or null for the one lambda_runtime needs)."
  }
}

variable "lambda_memory_size" {
  description = "Memory in MB allocated to the function; CPU is allocated in proportion."
  type        = number
  default     = 256

  validation {
    condition     = var.lambda_memory_size >= 128 && var.lambda_memory_size <= 10240 && floor(var.lambda_memory_size) == var.lambda_memory_size
    error_message = "The lambda_memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "lambda_timeout" {
  description = "Function timeout in seconds. Must stay below API Gateway's 29-second integration timeout so that slow requests fail in Lambda, where they are logged, rather than at the gateway."
  type        = number
  default     = 15

  validation {
    condition     = var.lambda_timeout >= 1 && var.lambda_timeout < 29 && floor(var.lambda_timeout) == var.lambda_timeout
    error_message = "The lambda_timeout must be a whole number of seconds from 1 to 28."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrent executions for the function: -1 leaves it unreserved (shares the account pool), 0 disables the function, a positive number caps and guarantees concurrency."
  type        = number
  default     = -1

  validation {
    condition     = var.lambda_reserved_concurrency >= -1 && floor(var.lambda_reserved_concurrency) == var.lambda_reserved_concurrency
    error_message = "The lambda_reserved_concurrency must be -1 (unreserved), 0 or a positive whole number."
  }
}

variable "log_retention_in_days" {
  description = "Retention in days for the Lambda and API Gateway log groups (0 keeps logs forever)."
  type        = number
  default     = 14

  validation {
    condition = contains([
      0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
      1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be 0 or one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed to call the API (the function's TASKS_CORS_ORIGINS, comma-separated) and to upload and download attachments (the attachments bucket's CORS rule), besides the hosted task board's own origin, which is always added when board_hosting_enabled. Empty (the default): only the board's origin, or any origin when the board is not hosted. [\"*\"]: any origin, board or not. API Gateway's own error responses (401, 403, 429, 5xx) answer any origin with '*' whatever this says: they carry no user data and the API uses no cookies."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for o in var.cors_allowed_origins : o == "*" || can(regex("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", o))
    ])
    error_message = "Each origin must be \"*\" or a scheme://host[:port] value without a path or trailing slash, e.g. https://app.example.com."
  }

  validation {
    condition     = !contains(var.cors_allowed_origins, "*") || length(var.cors_allowed_origins) == 1
    error_message = "The wildcard \"*\" cannot be combined with explicit origins."
  }
}

################################################################################
# Authentication
################################################################################

variable "auth_mode" {
  description = "How the API identifies callers. \"cognito\" (default): a Cognito user pool and app client, and API Gateway's Cognito authorizer on every method except OPTIONS; every task belongs to the user who created it and nobody else can see it. \"none\": no authentication at all; every caller reads and changes one shared set of tasks, so anyone who finds the URL can read, change and delete everything. Use \"none\" only for demos with disposable data."
  type        = string
  default     = "cognito"

  validation {
    condition     = contains(["cognito", "none"], var.auth_mode)
    error_message = "The auth_mode must be cognito or none."
  }
}

variable "cognito_callback_urls" {
  description = "URLs Cognito's hosted sign-in page may send users back to with an authorization code (OAuth 2.0 code flow; use PKCE), besides the hosted task board's URL, which is always one when board_hosting_enabled. Without the board, an empty list means no hosted sign-in (users sign in through the Cognito API, SRP), and any URL here needs cognito_domain_prefix."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for u in var.cognito_callback_urls : can(regex("^(https://|http://localhost(:[0-9]+)?(/|$))", u))])
    error_message = "Each callback URL must use https, or be http://localhost for development."
  }
}

variable "cognito_logout_urls" {
  description = "URLs the hosted sign-in page may send users to after signing out, besides the hosted task board's URL, which is always one when board_hosting_enabled."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for u in var.cognito_logout_urls : can(regex("^(https://|http://localhost(:[0-9]+)?(/|$))", u))])
    error_message = "Each logout URL must use https, or be http://localhost for development."
  }
}

variable "cognito_domain_prefix" {
  description = "Prefix of the hosted sign-in domain, <prefix>.auth.<region>.amazoncognito.com (globally unique). Null: <project>-<env>-<account id> when board_hosting_enabled (the board signs users in there), else no hosted sign-in page."
  type        = string
  default     = null

  validation {
    condition     = var.cognito_domain_prefix == null || can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.cognito_domain_prefix))
    error_message = "The cognito_domain_prefix must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."
  }

  validation {
    condition     = var.cognito_domain_prefix == null || !can(regex("aws|amazon|cognito", var.cognito_domain_prefix))
    error_message = "The cognito_domain_prefix must not contain \"aws\", \"amazon\" or \"cognito\", which Cognito reserves."
  }
}

variable "cognito_id_token_validity_minutes" {
  description = "How long an ID token (what clients send to the API) stays valid, in minutes (5 to 1440)."
  type        = number
  default     = 60

  validation {
    condition     = var.cognito_id_token_validity_minutes >= 5 && var.cognito_id_token_validity_minutes <= 1440 && floor(var.cognito_id_token_validity_minutes) == var.cognito_id_token_validity_minutes
    error_message = "The cognito_id_token_validity_minutes must be a whole number from 5 to 1440."
  }
}

variable "cognito_access_token_validity_minutes" {
  description = "How long an access token stays valid, in minutes (5 to 1440)."
  type        = number
  default     = 60

  validation {
    condition     = var.cognito_access_token_validity_minutes >= 5 && var.cognito_access_token_validity_minutes <= 1440 && floor(var.cognito_access_token_validity_minutes) == var.cognito_access_token_validity_minutes
    error_message = "The cognito_access_token_validity_minutes must be a whole number from 5 to 1440."
  }
}

variable "cognito_refresh_token_validity_days" {
  description = "How long a refresh token stays valid, in days (1 to 3650): how long a user stays signed in without entering the password again."
  type        = number
  default     = 30

  validation {
    condition     = var.cognito_refresh_token_validity_days >= 1 && var.cognito_refresh_token_validity_days <= 3650 && floor(var.cognito_refresh_token_validity_days) == var.cognito_refresh_token_validity_days
    error_message = "The cognito_refresh_token_validity_days must be a whole number from 1 to 3650."
  }
}

variable "cognito_self_signup_enabled" {
  description = "Let anyone sign up to the user pool. Off: an administrator creates every user (aws cognito-idp admin-create-user)."
  type        = bool
  default     = false
}

################################################################################
# Task board
################################################################################

variable "board_hosting_enabled" {
  description = "Host the task board (the static files of task-adapter-javalin's public/ folder) on AWS: a private S3 bucket behind a CloudFront distribution with security headers, and a config.json that points the board at this API. With auth_mode = \"cognito\" the hosted sign-in domain is created (cognito_domain_prefix, or <project>-<env>-<account id>) and the board's URL becomes the app client's callback and logout URL. The board's origin is added to the API's and the attachments bucket's CORS origins (cors_allowed_origins). On by default; false creates none of it."
  type        = bool
  default     = true
}

variable "board_price_class" {
  description = "CloudFront price class of the board's distribution, i.e. which edge locations serve it: PriceClass_100 (the United States, Canada, Mexico, Europe, Israel and Türkiye; the lowest prices), PriceClass_200 (adds Africa, the Middle East, Japan, India and much of Asia) or PriceClass_All (every edge location, South America and Oceania included). Used only with board_hosting_enabled."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.board_price_class)
    error_message = "The board_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

################################################################################
# Data protection
################################################################################

variable "table_deletion_protection_enabled" {
  description = "Deletion protection for everything that holds data: the tasks table (aws_dynamodb_table.tasks), the lists table (aws_dynamodb_table.lists), the idempotency table (aws_dynamodb_table.idempotency), the Cognito user pool (aws_cognito_user_pool.this[0]) and the attachments bucket (aws_s3_bucket.attachments, whose force_destroy is its opposite: a protected bucket is never emptied by a destroy). Must be set to false and applied before any of them can be destroyed (README.md, Teardown)."
  type        = bool
  default     = true
}

################################################################################
# API Gateway
################################################################################

variable "stage_name" {
  description = "API Gateway stage name; it becomes the last path segment of api_endpoint."
  type        = string
  default     = "dev"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.stage_name))
    error_message = "The stage_name may contain only letters, digits, hyphens and underscores (1-128 characters)."
  }
}

variable "throttle_rate_limit" {
  description = "Steady-state request rate limit (requests per second) applied to every method of the stage."
  type        = number
  default     = 50

  validation {
    condition     = var.throttle_rate_limit > 0 && var.throttle_rate_limit <= 10000
    error_message = "The throttle_rate_limit must be greater than 0 and at most 10000 (the default account limit)."
  }
}

variable "throttle_burst_limit" {
  description = "Burst capacity (token-bucket size, in requests) applied to every method of the stage."
  type        = number
  default     = 100

  validation {
    condition     = var.throttle_burst_limit >= 1 && var.throttle_burst_limit <= 5000 && floor(var.throttle_burst_limit) == var.throttle_burst_limit
    error_message = "The throttle_burst_limit must be a whole number between 1 and 5000 (the default account limit)."
  }
}

variable "api_logging_level" {
  description = "API Gateway execution logging level (OFF, ERROR or INFO). Request and response bodies are never logged."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.api_logging_level)
    error_message = "The api_logging_level must be OFF, ERROR or INFO."
  }
}

variable "api_detailed_metrics_enabled" {
  description = "Publish per-method CloudWatch metrics for the stage (billed as custom metrics). Stage-level metrics, which the alarms and dashboard use, are always published."
  type        = bool
  default     = true
}

variable "manage_api_gateway_account_role" {
  description = "Create the IAM role API Gateway uses to write CloudWatch logs and register it in the region's API Gateway account settings (aws_api_gateway_account). The stage's access and execution logging need that setting; it is a singleton shared by every REST API in the account and region, and destroying it (AWS provider 6.x) resets it for all of them. Off by default: enable it in exactly one long-lived configuration per account and region, and only where no other stack or person manages it. With it off, the account must already have a role registered (aws apigateway get-account --query cloudwatchRoleArn)."
  type        = bool
  default     = false
}

################################################################################
# Edge protection: AWS WAF and API keys
################################################################################

variable "waf_enabled" {
  description = "Put an AWS WAF web ACL (scope REGIONAL) in front of the stage: the AWS managed common rule set (AWSManagedRulesCommonRuleSet) and a per-IP rate limit (waf_rate_limit_per_ip). Billed per web ACL, per rule and per request (README.md, Cost). On in environments/prod.tfvars, off by default."
  type        = bool
  default     = false
}

variable "waf_rate_limit_per_ip" {
  description = "Most requests one client IP address may send in any 5-minute window before AWS WAF blocks it (403) until its rate falls below the limit. Applies only with waf_enabled. Clients behind one NAT share an address."
  type        = number
  default     = 1000

  validation {
    condition     = var.waf_rate_limit_per_ip >= 10 && var.waf_rate_limit_per_ip <= 2000000000 && floor(var.waf_rate_limit_per_ip) == var.waf_rate_limit_per_ip
    error_message = "The waf_rate_limit_per_ip must be a whole number from 10 to 2000000000 (the range AWS WAF accepts for a rate-based rule)."
  }
}

variable "api_keys_enabled" {
  description = "Require an API key (x-api-key header) on every method but OPTIONS, and create one key per api_key_clients entry in a usage plan with its own throttle and quota. For machine clients: browsers cannot send the header until the function's CORS preflight allows it. Off by default."
  type        = bool
  default     = false
}

variable "api_key_clients" {
  description = "Names of the machine clients that get an API key of their own (used only with api_keys_enabled). Each key counts against the usage plan's throttle and quota separately."
  type        = list(string)
  default     = ["default"]

  validation {
    condition     = length(var.api_key_clients) > 0 && length(distinct(var.api_key_clients)) == length(var.api_key_clients)
    error_message = "The api_key_clients list must name at least one client, each once."
  }

  validation {
    condition     = alltrue([for c in var.api_key_clients : can(regex("^[A-Za-z0-9_-]{1,64}$", c))])
    error_message = "Each api_key_clients entry must be 1-64 letters, digits, hyphens or underscores."
  }
}

variable "api_key_throttle_rate_limit" {
  description = "Steady-state requests per second each API key may send (usage plan throttle). The stage-wide throttle_rate_limit still applies on top."
  type        = number
  default     = 10

  validation {
    condition     = var.api_key_throttle_rate_limit > 0 && var.api_key_throttle_rate_limit <= 10000
    error_message = "The api_key_throttle_rate_limit must be greater than 0 and at most 10000 (the default account limit)."
  }
}

variable "api_key_throttle_burst_limit" {
  description = "Burst capacity (token-bucket size, in requests) of each API key (usage plan throttle)."
  type        = number
  default     = 20

  validation {
    condition     = var.api_key_throttle_burst_limit >= 1 && var.api_key_throttle_burst_limit <= 5000 && floor(var.api_key_throttle_burst_limit) == var.api_key_throttle_burst_limit
    error_message = "The api_key_throttle_burst_limit must be a whole number between 1 and 5000 (the default account limit)."
  }
}

variable "api_key_quota_limit" {
  description = "Most requests each API key may make per api_key_quota_period; API Gateway answers 429 beyond it."
  type        = number
  default     = 100000

  validation {
    condition     = var.api_key_quota_limit >= 1 && floor(var.api_key_quota_limit) == var.api_key_quota_limit
    error_message = "The api_key_quota_limit must be a positive whole number."
  }
}

variable "api_key_quota_period" {
  description = "Period of the API key quota: DAY, WEEK or MONTH."
  type        = string
  default     = "MONTH"

  validation {
    condition     = contains(["DAY", "WEEK", "MONTH"], var.api_key_quota_period)
    error_message = "The api_key_quota_period must be DAY, WEEK or MONTH."
  }
}

################################################################################
# Monitoring
################################################################################

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic (the subscription must be confirmed from the email AWS sends). Null for no subscription."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$", var.alarm_email))
    error_message = "The alarm_email must be a valid email address or null."
  }
}

variable "api_latency_p99_threshold_ms" {
  description = "Alarm when the API's p99 latency in milliseconds stays above this value for two consecutive 5-minute periods."
  type        = number
  default     = 1000

  validation {
    condition     = var.api_latency_p99_threshold_ms > 0 && var.api_latency_p99_threshold_ms <= 29000
    error_message = "The api_latency_p99_threshold_ms must be greater than 0 and at most 29000 (API Gateway's integration timeout)."
  }
}

variable "attachment_max_bytes" {
  description = "The largest file that may be attached to a task, in bytes; passed to the function as TASKS_ATTACHMENT_MAX_BYTES. Uploads go straight to S3, so the function's 6 MB payload limit does not apply."
  type        = number
  default     = 26214400

  validation {
    condition     = var.attachment_max_bytes >= 1 && var.attachment_max_bytes <= 5368709120 && floor(var.attachment_max_bytes) == var.attachment_max_bytes
    error_message = "The attachment_max_bytes must be a whole number from 1 to 5368709120 (5 GiB, S3's largest single upload)."
  }
}

variable "attachments_per_task" {
  description = "The most attachments a task may have, pending ones included; passed to the function as TASKS_ATTACHMENTS_PER_TASK."
  type        = number
  default     = 20

  validation {
    condition     = var.attachments_per_task >= 1 && var.attachments_per_task <= 100 && floor(var.attachments_per_task) == var.attachments_per_task
    error_message = "The attachments_per_task must be a whole number from 1 to 100."
  }
}

variable "attachment_content_types" {
  description = "The media types an attached file may have (type/subtype in lower case, no parameters); passed to the function as TASKS_ATTACHMENT_TYPES. Leave out types a browser would run, such as text/html and image/svg+xml."
  type        = list(string)
  default = [
    "application/msword",
    "application/pdf",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/zip",
    "image/gif",
    "image/heic",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/csv",
    "text/plain",
  ]

  validation {
    condition     = length(var.attachment_content_types) > 0 && alltrue([for t in var.attachment_content_types : can(regex("^[a-z0-9.+_-]+/[a-z0-9.+_-]+$", t))])
    error_message = "The attachment_content_types must be a non-empty list of type/subtype in lower case."
  }
}

variable "attachment_url_seconds" {
  description = "How long an upload or download URL of an attachment works, in seconds; passed to the function as TASKS_ATTACHMENT_URL_SECONDS."
  type        = number
  default     = 300

  validation {
    condition     = var.attachment_url_seconds >= 1 && var.attachment_url_seconds <= 604800 && floor(var.attachment_url_seconds) == var.attachment_url_seconds
    error_message = "The attachment_url_seconds must be a whole number from 1 to 604800 (7 days, the longest a presigned URL lives)."
  }
}
