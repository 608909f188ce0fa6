#!/usr/bin/env bash
# Prints an ID token of a smoke-test user of the deployed Cognito user pool, for
# scripts/smoke.sh against an API with auth_mode = "cognito":
#
#   SMOKE_AUTH_TOKEN="$(scripts/smoke-token.sh dev)" scripts/smoke.sh "$API_URL"
#
# Usage: scripts/smoke-token.sh [ENV]
#
#   ENV  environment name: reads the Terraform outputs of the workspace named
#        ENV (as deploy.sh selects it). Default: TF_WORKSPACE, else the
#        workspace currently selected in infrastructure/.
#
# Every AWS call goes to the region of the deployed user pool (its id starts
# with the region); deploy.sh deploys to aws_region of the environment's tfvars,
# so this is the same region whatever AWS_REGION says. Creates the user when it
# is missing (no invitation email), gives it a fresh random password on every
# run and signs in with the admin flow, so no password is ever stored. Needs the
# AWS CLI with IAM permission for cognito-idp:AdminGetUser, AdminCreateUser,
# AdminSetUserPassword and AdminInitiateAuth on the pool, and python3. Prints
# nothing when the deployment has no user pool (auth_mode = "none").
#
# Environment:
#   SMOKE_USER   the user's email (default smoke-test@example.com); the smoke
#                test's tasks belong to this user alone
#
# Only the token goes to stdout; messages go to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

case "${1:-}" in
  -h | --help)
    sed -n '2,25s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
    ;;
  -*) die "Unknown option '$1'. Usage: scripts/smoke-token.sh [ENV]" ;;
esac
(($# <= 1)) || die "Too many arguments. Usage: scripts/smoke-token.sh [ENV]"

command -v terraform >/dev/null 2>&1 || die "'terraform' is required but was not found on PATH (it reads the user pool from the stack's outputs)."
check_aws_cli || exit 1
command -v python3 >/dev/null 2>&1 || die "'python3' is required but was not found on PATH."

if [[ -n "${1:-}" ]]; then
  check_environment_name "$1"
  export TF_WORKSPACE="$1" # read that workspace's state without changing the selection
fi
workspace="${TF_WORKSPACE:-$(tf workspace show 2>/dev/null || true)}"

output() {
  tf output -json "$1" | python3 -c 'import json,sys; v=json.load(sys.stdin); print("" if v is None else v)'
}

pool="$(output cognito_user_pool_id)" || die "Could not read the outputs of workspace '${workspace:-?}'; deploy it first (scripts/deploy.sh ${workspace:-ENV})."
client="$(output cognito_user_pool_client_id)"
if [[ -z "$pool" ]]; then
  exit 0
fi

# The region: where the pool is (pool ids are REGION_xxxx), which is the region
# of the environment deploy.sh deployed to.
region=""
if [[ "$pool" =~ ^([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+)_ ]]; then
  region="${BASH_REMATCH[1]}"
fi
env_region=""
if [[ -n "$workspace" && -f "$INFRA_DIR/environments/$workspace.tfvars" ]]; then
  check_environment_name "$workspace"
  environment_region
  env_region="$REGION"
fi
if [[ -z "$region" ]]; then
  region="${env_region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-}}}"
  [[ -n "$region" ]] || die "Cannot tell the user pool's region from its id '$pool'; set AWS_REGION."
elif [[ -n "$env_region" && "$env_region" != "$region" ]]; then
  warn "The user pool is in $region but infrastructure/$TFVARS_REL says aws_region = $env_region; using $region, where the pool is."
fi
aws_region=(--region "$region")

user="${SMOKE_USER:-smoke-test@example.com}"

if ! aws cognito-idp admin-get-user "${aws_region[@]}" --user-pool-id "$pool" --username "$user" >/dev/null 2>&1; then
  aws cognito-idp admin-create-user "${aws_region[@]}" --user-pool-id "$pool" --username "$user" --message-action SUPPRESS \
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
aws cognito-idp admin-set-user-password "${aws_region[@]}" --cli-input-json "file://$tmp/password.json" >/dev/null
aws cognito-idp admin-initiate-auth "${aws_region[@]}" --cli-input-json "file://$tmp/auth.json" \
  --query AuthenticationResult.IdToken --output text
