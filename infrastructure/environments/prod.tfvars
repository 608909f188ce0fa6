# Production environment.
# Deploy with: scripts/deploy.sh prod
# Keep prod state in the S3 backend (backend.tf), never in a local file.

aws_region   = "us-east-1"
project_name = "task-api"
environment  = "prod"
stage_name   = "prod"

# Lambda
# Runtime and architecture are left to their defaults: provided.al2023 (the
# custom runtime package with its own JDK 25 and AOT cache) on x86_64, the
# only architecture that package is built for. For a managed runtime with
# SnapStart, on arm64 by default, set lambda_runtime = "java21" (or "java25")
# here or run scripts/deploy.sh with --runtime managed.
lambda_memory_size = 512
lambda_timeout     = 10
# Caps concurrency so a traffic spike cannot starve other functions in the
# account; raise together with the API throttling limits below.
lambda_reserved_concurrency = 100

# Only the hosted task board may call the API from a browser: its origin
# (https://<distribution>.cloudfront.net) is added by itself. List any other
# web front end's origin here (scheme://host[:port], no trailing slash).
cors_allowed_origins = []

# The task board on CloudFront, served from North America and Europe's edge
# locations (the cheapest price class).
board_hosting_enabled = true
board_price_class     = "PriceClass_100"

# The tables, the Cognito user pool and the attachments bucket's files survive
# `terraform destroy` until this is set to false and applied (README.md,
# Teardown).
table_deletion_protection_enabled = true

# Authentication: every task belongs to a user of the Cognito user pool.
# "none" would let anyone who finds the URL read and change every task.
auth_mode = "cognito"
# The board signs users in on the hosted sign-in page, by default
# <project>-<env>-<account id>.auth.<region>.amazoncognito.com, and is its
# callback and logout URL by itself. Another web front end needs its own:
# cognito_domain_prefix = "task-api-prod-example"
# cognito_callback_urls = ["https://tasks.example.com/"]
# cognito_logout_urls   = ["https://tasks.example.com/"]
cognito_id_token_validity_minutes   = 60
cognito_refresh_token_validity_days = 7

# API Gateway
throttle_rate_limit  = 50
throttle_burst_limit = 100
api_logging_level    = "ERROR"

# Leave false unless this configuration owns the account's API Gateway
# CloudWatch role (see README.md).
manage_api_gateway_account_role = false

# AWS WAF in front of the stage: a per-IP rate limit and the AWS managed
# common rule set, so one client cannot use up the stage throttle for all.
waf_enabled           = true
waf_rate_limit_per_ip = 1000
# API keys and a usage plan for machine clients: off until one needs a quota
# of its own (browsers cannot send the key yet).
api_keys_enabled = false

# Logs and alarms
log_retention_in_days        = 90
api_latency_p99_threshold_ms = 1000
# Set before the first prod deployment and confirm the subscription email.
# alarm_email                = "oncall@example.com"

tags = {
  CostCenter = "task-api"
}
