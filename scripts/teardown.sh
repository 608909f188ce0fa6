#!/usr/bin/env bash
# Destroy every resource of one environment (terraform destroy).
#
# Usage: scripts/teardown.sh [ENV] [--yes]
#
#   ENV    environment name (default: dev); uses
#          infrastructure/environments/ENV.tfvars and the workspace named ENV
#   --yes  do not ask for confirmation (for CI); otherwise the environment
#          name must be typed to confirm
#
# The DynamoDB table, all tasks in it and its point-in-time recovery backups
# are deleted. A table with deletion protection (the prod default) is refused:
# turn the protection off first, as the script explains.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

usage() { sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

env_name=""
assume_yes=false
while (($# > 0)); do
  case "$1" in
    --yes | -y) assume_yes=true ;;
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

check_environment_name "$env_name"
region="$(tfvar "$TFVARS_FILE" aws_region)"
region="${region:-us-east-1}" # the aws_region variable default

info "Tearing down environment '$env_name' in $region (variables: infrastructure/$TFVARS_REL)"

# --- prerequisites -----------------------------------------------------------
require_terraform
require_aws_credentials "$region"

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

export TF_INPUT=0 TF_IN_AUTOMATION="${TF_IN_AUTOMATION:-1}"
info "terraform init"
tf init -input=false >/dev/null
select_workspace "$env_name"

if ! resources="$(tf state list 2>"$work_dir/state-error")"; then
  # A workspace that never completed an apply has no state file at all.
  grep -qi 'state file' "$work_dir/state-error" || die "terraform state list failed: $(cat "$work_dir/state-error")"
  resources=""
fi
if [[ -z "$resources" ]]; then
  info "The state of '$env_name' is empty: nothing to destroy."
  exit 0
fi

# Refuse up front rather than failing half-way through the destroy.
if tf state show -no-color aws_dynamodb_table.tasks 2>/dev/null |
  grep -Eq '^[[:space:]]*deletion_protection_enabled[[:space:]]*=[[:space:]]*true'; then
  table="$(tf state show -no-color aws_dynamodb_table.tasks | sed -n -E 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' | head -n 1)"
  cat >&2 <<EOF

The table '$table' has deletion protection enabled, so it cannot be destroyed.
If the data really is to be deleted:

  1. Optionally take a backup:
       aws dynamodb create-backup --region $region --table-name $table --backup-name $table-final
  2. Set table_deletion_protection_enabled = false in infrastructure/$TFVARS_REL
     and apply it (or apply just that change):
       terraform -chdir=infrastructure apply -var-file=$TFVARS_REL \\
         -var table_deletion_protection_enabled=false -target=aws_dynamodb_table.tasks
  3. Run this script again.

EOF
  die "Deletion protection is on for '$table'; nothing was destroyed."
fi

printf '\n%d resource(s) of environment "%s" will be destroyed, including the DynamoDB\n' \
  "$(wc -l <<<"$resources")" "$env_name"
printf 'table and every task in it. This cannot be undone.\n\n'

if [[ "$assume_yes" != true ]]; then
  [[ -t 0 ]] || die "No terminal to confirm on. Re-run with --yes to destroy without confirmation."
  printf 'Type the environment name (%s) to confirm: ' "$env_name"
  read -r answer
  [[ "$answer" == "$env_name" ]] || die "Confirmation did not match; nothing was destroyed."
fi

destroy_args=(-input=false -auto-approve -var-file="$TFVARS_REL")

# filebase64sha256() needs the package even when destroying. If it was never
# built here (e.g. a fresh checkout), point Terraform at an empty placeholder;
# nothing is uploaded during a destroy.
if [[ ! -f "$LAMBDA_ZIP" ]]; then
  placeholder="$work_dir/placeholder.zip"
  : >"$placeholder"
  destroy_args+=(-var "lambda_package_path=$placeholder")
fi

info "terraform destroy -var-file=$TFVARS_REL"
tf destroy "${destroy_args[@]}"

if [[ -z "${TF_WORKSPACE:-}" ]]; then
  if tf workspace select default >/dev/null && tf workspace delete "$env_name" >/dev/null 2>&1; then
    info "Deleted the now empty workspace '$env_name'."
  else
    warn "Could not delete workspace '$env_name'; remove it with 'terraform workspace delete $env_name'."
  fi
fi

info "Environment '$env_name' destroyed."
