################################################################################
# Identity: a Cognito user pool and app client (auth_mode = "cognito")
#
# Every user signs in to this pool; API Gateway's Cognito authorizer checks the
# ID token each request carries, and the function keys every task by the
# token's `sub`, so a user sees only their own tasks. With auth_mode = "none"
# nothing here is created and the API serves one shared set of tasks to anyone.
################################################################################

locals {
  cognito_enabled = var.auth_mode == "cognito"
  # The hosted sign-in page (OAuth 2.0 authorization code flow) is offered
  # only when the client names where it may send users back to.
  cognito_hosted_ui = local.cognito_enabled && length(var.cognito_callback_urls) > 0
}

resource "aws_cognito_user_pool" "this" {
  count = local.cognito_enabled ? 1 : 0

  name                     = local.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  # Protected with the tables: deleting the pool deletes every user.
  deletion_protection = var.table_deletion_protection_enabled ? "ACTIVE" : "INACTIVE"
  mfa_configuration   = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  admin_create_user_config {
    # Off by default: users are invited by an administrator, nobody can sign
    # up on their own.
    allow_admin_create_user_only = !var.cognito_self_signup_enabled
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  count = local.cognito_enabled ? 1 : 0

  name         = "${local.name}-client"
  user_pool_id = aws_cognito_user_pool.this[0].id

  # A public client (browser or command line): no secret it could leak.
  generate_secret = false
  # SRP for apps, refresh tokens, and the admin flow for operators holding
  # IAM credentials (scripts/smoke-token.sh); never plain passwords from the
  # public internet.
  explicit_auth_flows = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  ]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  id_token_validity      = var.cognito_id_token_validity_minutes
  access_token_validity  = var.cognito_access_token_validity_minutes
  refresh_token_validity = var.cognito_refresh_token_validity_days

  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }

  supported_identity_providers         = ["COGNITO"]
  allowed_oauth_flows_user_pool_client = local.cognito_hosted_ui
  allowed_oauth_flows                  = local.cognito_hosted_ui ? ["code"] : []
  allowed_oauth_scopes                 = local.cognito_hosted_ui ? ["openid", "email"] : []
  callback_urls                        = var.cognito_callback_urls
  logout_urls                          = var.cognito_logout_urls

  lifecycle {
    precondition {
      condition     = length(var.cognito_callback_urls) == 0 || var.cognito_domain_prefix != null
      error_message = "cognito_callback_urls need the hosted sign-in page: set cognito_domain_prefix too."
    }
  }
}

# The hosted sign-in page, https://<prefix>.auth.<region>.amazoncognito.com.
resource "aws_cognito_user_pool_domain" "this" {
  count = local.cognito_enabled && var.cognito_domain_prefix != null ? 1 : 0

  domain       = var.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.this[0].id
}
