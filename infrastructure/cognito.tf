################################################################################
# Identity: a Cognito user pool and app client (auth_mode = "cognito")
#
# Every user signs in to this pool; API Gateway's Cognito authorizer checks the
# ID token each request carries, and the function keys every task by the
# token's `sub`, so a user sees only their own tasks. With auth_mode = "none"
# nothing here is created and the API serves one shared set of tasks to anyone.
#
# Which token the task board sends: the ID token. The REST API's authorizer
# (aws_api_gateway_authorizer.cognito, COGNITO_USER_POOLS) accepts ID tokens
# on methods that declare no OAuth scopes, as these do (an access token would
# need authorization_scopes on every method); the ID token's `aud` is this
# app client, which is what the local server checks (TASKS_JWT_AUDIENCE) and
# what keeps tokens of the pool's other clients out. The board asks for the
# scopes openid (an ID token at all) and email (the user's address in it),
# nothing more.
################################################################################

locals {
  cognito_enabled = var.auth_mode == "cognito"

  # The hosted sign-in domain, https://<prefix>.auth.<region>.amazoncognito.com:
  # with cognito_domain_prefix, or, when the board is hosted, by default, so
  # that the board can sign users in. Its default prefix is
  # <project>-<env>-<account id>: globally unique (one per environment and
  # account), stable across applies, lowercase, at most 45 characters (Cognito
  # allows 63), and free of the words Cognito reserves unless project_name
  # has one (the precondition on the domain says so).
  cognito_hosted_domain         = local.cognito_enabled && (var.cognito_domain_prefix != null || var.board_hosting_enabled)
  cognito_default_domain_prefix = "${local.name}-${data.aws_caller_identity.current.account_id}"
  cognito_domain_prefix         = !local.cognito_hosted_domain ? null : var.cognito_domain_prefix != null ? var.cognito_domain_prefix : local.cognito_default_domain_prefix
  cognito_sign_in_url           = local.cognito_hosted_domain ? "https://${local.cognito_domain_prefix}.auth.${var.aws_region}.amazoncognito.com" : null

  # Where the hosted page may send users back to: the board (board.tf), then
  # whatever else is listed (each once: Cognito refuses duplicates).
  cognito_board_urls    = var.board_hosting_enabled ? [local.board_url] : []
  cognito_callback_urls = distinct(concat(local.cognito_board_urls, var.cognito_callback_urls))
  cognito_logout_urls   = distinct(concat(local.cognito_board_urls, var.cognito_logout_urls))

  # The hosted sign-in page (OAuth 2.0 authorization code flow) is offered
  # only when the client names where it may send users back to.
  cognito_hosted_ui    = local.cognito_enabled && length(local.cognito_callback_urls) > 0
  cognito_oauth_scopes = ["openid", "email"]
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

  # The hosted page signs users in with the authorization code flow only
  # (with PKCE, which a public client must use; never the implicit flow, which
  # would put tokens in the URL), for this pool's own users.
  supported_identity_providers         = ["COGNITO"]
  allowed_oauth_flows_user_pool_client = local.cognito_hosted_ui
  allowed_oauth_flows                  = local.cognito_hosted_ui ? ["code"] : []
  allowed_oauth_scopes                 = local.cognito_hosted_ui ? local.cognito_oauth_scopes : []
  callback_urls                        = local.cognito_callback_urls
  logout_urls                          = local.cognito_logout_urls

  lifecycle {
    precondition {
      condition     = !local.cognito_hosted_ui || local.cognito_hosted_domain
      error_message = "cognito_callback_urls need the hosted sign-in page: set cognito_domain_prefix too."
    }
  }
}

# The hosted sign-in page, https://<prefix>.auth.<region>.amazoncognito.com.
resource "aws_cognito_user_pool_domain" "this" {
  count = local.cognito_hosted_domain ? 1 : 0

  domain       = local.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.this[0].id
  # The classic hosted UI, which needs nothing more. Managed login (2) would
  # also need a branding style for the app client
  # (aws_cognito_managed_login_branding) before it shows a page.
  managed_login_version = 1

  lifecycle {
    precondition {
      condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", local.cognito_domain_prefix)) && !can(regex("aws|amazon|cognito", local.cognito_domain_prefix))
      error_message = "The hosted sign-in domain prefix must be 1-63 lowercase letters, digits and hyphens without \"aws\", \"amazon\" or \"cognito\": set cognito_domain_prefix."
    }
  }
}
