#!/usr/bin/env bash
# Build the Lambda package and deploy the stack for one environment.
#
# Usage: scripts/deploy.sh [ENV] [--runtime custom|managed] [--auto-approve] [--skip-package]
#
#   ENV             environment name (default: dev); variables come from
#                   infrastructure/environments/ENV.tfvars and state from the
#                   Terraform workspace named ENV
#   --runtime KIND  custom: the custom runtime package (its own JDK 25 and AOT
#                   cache) on provided.al2023, x86_64; managed: task-lambda.zip
#                   on a managed Java runtime with SnapStart, the tfvars'
#                   lambda_runtime if it names one, else java21. Default: what
#                   the tfvars' lambda_runtime says, else custom. Passed to
#                   package.sh and to Terraform (-var lambda_runtime=...)
#   --auto-approve  apply the plan without asking (implied when CI=true or
#                   TF_IN_AUTOMATION is set)
#   --skip-package  deploy the zip already built for that runtime (in
#                   task-lambda-runtime/target/ or task-adapter-lambda/target/)
#
# Checks every prerequisite before building or changing anything: Terraform
# (recent enough), Java (unless --skip-package), the AWS CLI, valid credentials,
# the region, and API Gateway's account-level CloudWatch role in that region
# (unless the tfvars let Terraform manage it). Each failure is one line with
# its fix. After the apply, which also uploads the task board's files when
# board hosting is on, it invalidates the board's CloudFront caches. Prints the
# API endpoint, the board's URL and the smoke test command at the end; under
# GitHub Actions api_endpoint, board_url and auth_mode are also written to
# $GITHUB_OUTPUT.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

usage() { sed -n '2,28s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

env_name=""
auto_approve=false
skip_package=false
runtime_option=""
while (($# > 0)); do
  case "$1" in
    --auto-approve | --yes | -y) auto_approve=true ;;
    --skip-package) skip_package=true ;;
    --runtime)
      (($# > 1)) || die "--runtime needs a value: custom or managed. Run with --help for usage."
      runtime_option="$2"
      shift
      ;;
    --runtime=*) runtime_option="${1#--runtime=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "Unknown option '$1'. Run with --help for usage." ;;
    *)
      [[ -z "$env_name" ]] || die "Only one environment may be given (got '$env_name' and '$1')."
      env_name="$1"
      ;;
  esac
  shift
done
env_name="${env_name:-dev}"
case "$runtime_option" in
  "" | custom | managed) ;;
  *) die "Unknown runtime '$runtime_option': use --runtime custom (provided.al2023) or --runtime managed (java21 or java25)." ;;
esac

if is_truthy "${CI:-}" || [[ -n "${TF_IN_AUTOMATION:-}" ]]; then
  auto_approve=true
fi

check_environment_name "$env_name"
environment_region
region="$REGION"

# The runtime: --runtime, else the kind the tfvars' lambda_runtime names (the
# variable's default when they name none). Terraform gets the exact value on
# the command line, which wins over the tfvars, so that it always deploys the
# package just built.
environment_lambda_runtime
tfvars_runtime="$LAMBDA_RUNTIME"
package_kind="${runtime_option:-$(runtime_kind "$tfvars_runtime")}"
if [[ "$package_kind" == custom ]]; then
  lambda_runtime="provided.al2023"
elif [[ "$(runtime_kind "$tfvars_runtime")" == managed ]]; then
  lambda_runtime="$tfvars_runtime"
else
  lambda_runtime="$DEFAULT_MANAGED_RUNTIME"
fi
package_zip="$(lambda_zip "$package_kind")"

info "Deploying environment '$env_name' to $region (variables: infrastructure/$TFVARS_REL, lambda_runtime: $lambda_runtime, the $package_kind runtime's package)"

# --- prerequisites -----------------------------------------------------------
# Every check runs before anything is built, initialised or changed, and each
# failed one prints a line saying how to fix it. A first deployment in a fresh
# account or region thus stops here instead of failing half-way through apply.
failed=0
check_terraform || failed=1
if [[ "$skip_package" == true ]]; then
  [[ -f "$package_zip" ]] || {
    error "--skip-package given but $package_zip does not exist. Fix: build it with scripts/package.sh --runtime $package_kind, or deploy without --skip-package."
    failed=1
  }
else
  check_java || failed=1
fi
# The custom runtime package is x86_64 code; Terraform's precondition would
# refuse arm64 at plan time, after init. Only the tfvars can ask for arm64.
if [[ "$lambda_runtime" == provided.al2023 && "$(tfvar "$TFVARS_FILE" lambda_architecture)" == arm64 ]]; then
  error "lambda_architecture = \"arm64\" in infrastructure/$TFVARS_REL, but the custom runtime package (lambda_runtime = provided.al2023) runs on x86_64 only. Fix: remove that line (or set \"x86_64\"), or deploy a managed runtime with --runtime managed."
  failed=1
fi
region_ok=true
check_region "$region" "$REGION_SOURCE" || { failed=1 && region_ok=false; }
if check_aws_cli; then
  if [[ "$region_ok" == true ]]; then
    if check_aws_credentials "$region"; then
      check_api_gateway_account_role "$region" || failed=1
    else
      failed=1
    fi
  fi
else
  failed=1
fi

if [[ "$auto_approve" == true ]] && ! grep -Eqs '^[[:space:]]*backend[[:space:]]+"' "$INFRA_DIR"/*.tf; then
  if is_truthy "${ALLOW_LOCAL_STATE:-}"; then
    warn "Unattended deployment with local state (ALLOW_LOCAL_STATE is set)."
  elif is_truthy "${CI:-}"; then
    error "Refusing to deploy from CI with local Terraform state: it would be lost after the run. Fix: enable the S3 backend in infrastructure/backend.tf (or set ALLOW_LOCAL_STATE=1)."
    failed=1
  fi
fi

((failed == 0)) || die "Prerequisites not met (see above); nothing was built or changed."

# --- build -------------------------------------------------------------------
if [[ "$skip_package" == true ]]; then
  info "Using the existing package $package_zip"
else
  "$SCRIPT_DIR/package.sh" --runtime "$package_kind"
fi

# --- terraform ---------------------------------------------------------------
# The script drives the init/plan/apply workflow itself, so Terraform's own
# "run terraform apply next" hints are turned off.
export TF_INPUT=0 TF_IN_AUTOMATION="${TF_IN_AUTOMATION:-1}"

work_dir="$(mktemp -d)" # the plan embeds the page-token secret: keep it private and short-lived
trap 'rm -rf "$work_dir"' EXIT
plan_file="$work_dir/$env_name.tfplan"

info "terraform init"
tf init -input=false

select_workspace "$env_name" create

info "terraform plan -var-file=$TFVARS_REL -var lambda_runtime=$lambda_runtime"
set +e
tf plan -input=false -detailed-exitcode -var-file="$TFVARS_REL" -var "lambda_runtime=$lambda_runtime" -out="$plan_file"
plan_status=$?
set -e

case "$plan_status" in
  0) info "No changes: the infrastructure already matches the configuration." ;;
  2)
    if [[ "$auto_approve" != true ]]; then
      [[ -t 0 ]] || die "The plan has changes but there is no terminal to confirm them. Re-run with --auto-approve."
      printf '\nApply this plan to environment "%s"? Only "yes" is accepted: ' "$env_name"
      read -r answer
      [[ "$answer" == yes ]] || die "Apply cancelled."
    fi
    info "terraform apply"
    tf apply -input=false "$plan_file"
    ;;
  *) die "terraform plan failed." ;;
esac

# --- the task board ----------------------------------------------------------
# The apply uploaded the board's files (board.tf); its outputs are absent when
# board hosting is off (a null output is not in the state).
board_url="$(tf output -raw board_url 2>/dev/null || true)"
if [[ -n "$board_url" ]]; then
  distribution_id="$(tf output -raw board_distribution_id)"
  # CloudFront may hold the previous files until their TTL runs out: the files
  # say no-cache, which the cache policy turns into its minimum TTL, but error
  # answers are kept for 10 s, and a file cached without that header (the
  # policy's default TTL is a day) for longer. Invalidating every path makes
  # each edge fetch the files again on its next request. One path per
  # deployment: the first 1,000 paths a month are free.
  if invalidation="$(aws cloudfront create-invalidation --region "$region" --distribution-id "$distribution_id" \
    --paths '/*' --query Invalidation.Id --output text 2>&1)"; then
    info "CloudFront invalidation $(one_line "$invalidation") of the board's files (distribution $distribution_id) started; it completes within minutes."
  else
    warn "Could not invalidate the board's CloudFront caches ($(one_line "$invalidation")); browsers may see the previous files for a while. Retry: aws cloudfront create-invalidation --distribution-id $distribution_id --paths '/*'"
  fi
fi

# --- result ------------------------------------------------------------------
api_endpoint="$(tf output -raw api_endpoint)"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  printf 'api_endpoint=%s\n' "$api_endpoint" >>"$GITHUB_OUTPUT"
  printf 'board_url=%s\n' "$board_url" >>"$GITHUB_OUTPUT"
fi

printf '\n'
info "Deployed '$env_name'."
printf '  api_endpoint   = %s\n' "$api_endpoint"
if [[ -n "$board_url" ]]; then
  printf '  board_url      = %s\n' "$board_url"
fi
printf '  function_name  = %s\n' "$(tf output -raw function_name)"
printf '  table_name     = %s\n' "$(tf output -raw table_name)"
printf '  dashboard_name = %s\n' "$(tf output -raw dashboard_name)"
# With Cognito the API answers 401 to a request without a user's token, so the
# smoke test needs one first.
auth_mode="$(tf output -raw auth_mode 2>/dev/null || true)"
auth_mode="${auth_mode:-$(tfvar "$TFVARS_FILE" auth_mode)}"
auth_mode="${auth_mode:-cognito}" # the auth_mode variable default
printf '  auth_mode      = %s\n' "$auth_mode"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  printf 'auth_mode=%s\n' "$auth_mode" >>"$GITHUB_OUTPUT"
fi
printf '\nNext: verify the deployment end to end with\n'
if [[ "$auth_mode" == none ]]; then
  printf '  scripts/smoke.sh %s\n' "$api_endpoint"
else
  # shellcheck disable=SC2016 # a command for the user to run, printed as it is
  printf '  SMOKE_AUTH_TOKEN="$(scripts/smoke-token.sh %s)" scripts/smoke.sh %s\n' "$env_name" "$api_endpoint"
  printf '(smoke-token.sh signs in a smoke-test user of the Cognito user pool; the API answers 401 without a token)\n'
fi
if [[ "$(tfvar "$TFVARS_FILE" api_keys_enabled)" == true ]]; then
  # shellcheck disable=SC2016 # a command for the user to run, printed as it is
  printf 'with SMOKE_API_KEY="$(aws apigateway get-api-key --include-value --query value --output text --api-key <id>)"\n'
  printf 'set first, <id> one of: terraform -chdir=infrastructure output api_key_ids (the API answers 403 without a key)\n'
fi
