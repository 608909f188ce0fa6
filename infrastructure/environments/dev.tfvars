# Development environment.
# Deploy with: scripts/deploy.sh dev

aws_region   = "us-east-1"
project_name = "task-api"
environment  = "dev"
stage_name   = "dev"

# Lambda
# Runtime and architecture are left to their defaults: provided.al2023 (the
# custom runtime package with its own JDK 25 and AOT cache) on x86_64, the
# only architecture that package is built for. For a managed runtime with
# SnapStart, on arm64 by default, set lambda_runtime = "java21" (or "java25")
# here or run scripts/deploy.sh with --runtime managed.
lambda_memory_size          = 256
lambda_timeout              = 15
lambda_reserved_concurrency = -1

# Any origin may call the dev API from a browser, the hosted task board's
# and a board on localhost among them. [] would allow the hosted board's only.
cors_allowed_origins = ["*"]

# The task board on CloudFront (the default), signing users in on the
# hosted sign-in page <project>-<env>-<account id>.auth.<region>.amazoncognito.com.
board_hosting_enabled = true

# Dev data is disposable: allow `scripts/teardown.sh dev` to delete the
# tables, the Cognito user pool and the attachments bucket with its files.
table_deletion_protection_enabled = false

# Authentication: every task belongs to a user of the Cognito user pool.
# "none" would let anyone who finds the URL read and change every task.
auth_mode = "cognito"
# The hosted board's URL is a callback and logout URL by itself; a board on
# the local server (TASKS_JWT_SIGN_IN_URL) needs its own address here too.
# A prefix of your choice replaces the default one (globally unique):
# cognito_domain_prefix = "task-api-dev-example"
# cognito_callback_urls = ["http://localhost:8080/"]
# cognito_logout_urls   = ["http://localhost:8080/"]
cognito_id_token_validity_minutes   = 60
cognito_refresh_token_validity_days = 30

# API Gateway
throttle_rate_limit  = 20
throttle_burst_limit = 40
api_logging_level    = "ERROR"

# Set to true once per AWS account and region if API Gateway has no CloudWatch
# role registered yet (stage creation then fails with "CloudWatch Logs role
# ARN must be set in account settings to enable logging"). Prefer the
# longest-lived environment: destroying one with it on resets the role for
# every REST API in the region. See README.md.
manage_api_gateway_account_role = false

# Edge protection. Dev relies on the stage throttle alone; set to true to try
# the production web ACL here (billed per web ACL, rule and request).
waf_enabled = false
# API keys for machine clients (browsers cannot send them yet).
api_keys_enabled = false

# Logs and alarms
log_retention_in_days        = 7
api_latency_p99_threshold_ms = 2000
# alarm_email                = "you@example.com"

tags = {
  CostCenter = "task-api-dev"
}
