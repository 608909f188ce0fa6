#!/usr/bin/env bash
# Build the Lambda package and deploy the stack for one environment.
#
# Usage: scripts/deploy.sh [ENV] [--auto-approve] [--skip-package]
#
#   ENV             environment name (default: dev); variables come from
#                   infrastructure/environments/ENV.tfvars and state from the
#                   Terraform workspace named ENV
#   --auto-approve  apply the plan without asking (implied when CI=true or
#                   TF_IN_AUTOMATION is set)
#   --skip-package  deploy the zip already in task-adapter-lambda/target/
#
# Prints the API endpoint at the end; under GitHub Actions it is also written
# to $GITHUB_OUTPUT as api_endpoint.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

usage() { sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

env_name=""
auto_approve=false
skip_package=false
while (($# > 0)); do
  case "$1" in
    --auto-approve | --yes | -y) auto_approve=true ;;
    --skip-package) skip_package=true ;;
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

if is_truthy "${CI:-}" || [[ -n "${TF_IN_AUTOMATION:-}" ]]; then
  auto_approve=true
fi

check_environment_name "$env_name"
region="$(tfvar "$TFVARS_FILE" aws_region)"
region="${region:-us-east-1}" # the aws_region variable default

info "Deploying environment '$env_name' to $region (variables: infrastructure/$TFVARS_REL)"

# --- prerequisites -----------------------------------------------------------
require_terraform
[[ "$skip_package" == true ]] || require_java
require_aws_credentials "$region"

if [[ "$auto_approve" == true ]] && ! grep -Eqs '^[[:space:]]*backend[[:space:]]+"' "$INFRA_DIR"/*.tf; then
  if is_truthy "${ALLOW_LOCAL_STATE:-}"; then
    warn "Unattended deployment with local state (ALLOW_LOCAL_STATE is set)."
  elif is_truthy "${CI:-}"; then
    die "Refusing to deploy from CI with local Terraform state: it would be lost after the run. Enable the S3 backend in infrastructure/backend.tf (or set ALLOW_LOCAL_STATE=1)."
  fi
fi

# --- build -------------------------------------------------------------------
if [[ "$skip_package" == true ]]; then
  [[ -f "$LAMBDA_ZIP" ]] || die "--skip-package given but $LAMBDA_ZIP does not exist; run scripts/package.sh."
  info "Using the existing package $LAMBDA_ZIP"
else
  "$SCRIPT_DIR/package.sh"
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

info "terraform plan -var-file=$TFVARS_REL"
set +e
tf plan -input=false -detailed-exitcode -var-file="$TFVARS_REL" -out="$plan_file"
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

# --- result ------------------------------------------------------------------
api_endpoint="$(tf output -raw api_endpoint)"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  printf 'api_endpoint=%s\n' "$api_endpoint" >>"$GITHUB_OUTPUT"
fi

printf '\n'
info "Deployed '$env_name'."
printf '  api_endpoint   = %s\n' "$api_endpoint"
printf '  function_name  = %s\n' "$(tf output -raw function_name)"
printf '  table_name     = %s\n' "$(tf output -raw table_name)"
printf '  dashboard_name = %s\n' "$(tf output -raw dashboard_name)"
printf '\nNext: verify the deployment end to end with\n  %s %s\n' "scripts/smoke.sh" "$api_endpoint"
