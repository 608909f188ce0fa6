#!/usr/bin/env bash
# Prints an ID token of a smoke-test user of the deployed Cognito user pool, for
# scripts/smoke.sh against an API with auth_mode = "cognito":
#
#   SMOKE_AUTH_TOKEN="$(scripts/smoke-token.sh)" scripts/smoke.sh "$API_URL"
#
# Reads the pool and app client from the Terraform outputs of the selected
# workspace, creates the user when it is missing (no invitation email), gives it
# a fresh random password on every run and signs in with the admin flow, so no
# password is ever stored. Needs the AWS CLI with IAM permission for
# cognito-idp:AdminGetUser, AdminCreateUser, AdminSetUserPassword and
# AdminInitiateAuth on the pool. Prints nothing when the deployment has no user
# pool (auth_mode = "none").
#
# Environment:
#   SMOKE_USER   the user's email (default smoke-test@example.com); the smoke
#                test's tasks belong to this user alone
set -euo pipefail
cd "$(dirname "$0")/.."

output() {
  terraform -chdir=infrastructure output -json "$1" | python3 -c 'import json,sys; v=json.load(sys.stdin); print("" if v is None else v)'
}

pool="$(output cognito_user_pool_id)"
client="$(output cognito_user_pool_client_id)"
if [[ -z "$pool" ]]; then
  exit 0
fi
user="${SMOKE_USER:-smoke-test@example.com}"

if ! aws cognito-idp admin-get-user --user-pool-id "$pool" --username "$user" >/dev/null 2>&1; then
  aws cognito-idp admin-create-user --user-pool-id "$pool" --username "$user" --message-action SUPPRESS \
    --user-attributes Name=email,Value="$user" Name=email_verified,Value=true >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Upper, lower and digits, as the pool's password policy asks; passed in files so
# that it never shows up in the process list.
password="Aa1$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 29)"
(
  umask 077
  python3 - "$pool" "$client" "$user" "$password" "$tmp" <<'PY'
import json, sys
pool, client, user, password, tmp = sys.argv[1:]
json.dump({"UserPoolId": pool, "Username": user, "Password": password, "Permanent": True},
          open(tmp + "/password.json", "w"))
json.dump({"UserPoolId": pool, "ClientId": client, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
           "AuthParameters": {"USERNAME": user, "PASSWORD": password}}, open(tmp + "/auth.json", "w"))
PY
)
aws cognito-idp admin-set-user-password --cli-input-json "file://$tmp/password.json" >/dev/null
aws cognito-idp admin-initiate-auth --cli-input-json "file://$tmp/auth.json" \
  --query AuthenticationResult.IdToken --output text
