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
# The DynamoDB tables, all tasks and shared lists in them, their point-in-time
# recovery backups, the Cognito user pool with all its users, the attachments
# bucket with every file in it and the hosted task board (its bucket, which
# holds only files Terraform uploads and is always emptied, and its CloudFront
# distribution, which takes several minutes to disable) are deleted. While
# deletion protection (table_deletion_protection_enabled, the prod default) is
# on for any of the tasks table, the lists table, the idempotency table, the
# user pool or the attachments bucket (force_destroy = false: its files are
# kept), nothing is destroyed: the script prints the one procedure that turns
# it off on each.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

usage() { sed -n '2,21s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

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
environment_region
region="$REGION"

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

# Refuse up front rather than failing half-way through the destroy. One
# variable, table_deletion_protection_enabled, protects all of these resources:
# the tables and the pool with their own deletion protection, the attachments
# bucket with force_destroy = false (a destroy fails while it holds a file).
# state_attribute NAME: the value of the resource's own attribute NAME (not one
# of a nested block) in `terraform state show -no-color` output on stdin.
state_attribute() {
  awk -v key="$1" '
    /^[[:space:]]*[]}][[:space:]]*$/ { depth--; next }
    depth == 1 && $1 == key && $2 == "=" { value = $3; gsub(/^"|"$/, "", value); print value; exit }
    /[[{][[:space:]]*$/ { depth++ }'
}

protected_addresses=()
protected_names=()
# The tables worth a backup before their data goes: tasks and shared lists (the
# idempotency table only holds records that expire within 24 hours); the
# bucket's completed attachments (pending/ holds only uploads never completed).
backup_tables=()
backup_buckets=()
for address in aws_dynamodb_table.tasks aws_dynamodb_table.lists aws_dynamodb_table.idempotency \
  'aws_cognito_user_pool.this[0]' aws_s3_bucket.attachments; do
  grep -Fxq -- "$address" <<<"$resources" || continue
  details="$(tf state show -no-color "$address" 2>/dev/null || true)"
  case "$address" in
    aws_s3_bucket.*) name="$(state_attribute bucket <<<"$details")" ;;
    *) name="$(state_attribute name <<<"$details")" ;;
  esac
  case "$address" in
    aws_dynamodb_table.tasks | aws_dynamodb_table.lists) [[ -z "$name" ]] || backup_tables+=("$name") ;;
    aws_s3_bucket.attachments) [[ -z "$name" ]] || backup_buckets+=("$name") ;;
  esac
  # deletion_protection_enabled = true on a table, deletion_protection = "ACTIVE" on the pool,
  # force_destroy = false on the bucket
  if [[ "$(state_attribute deletion_protection_enabled <<<"$details")" == true ||
    "$(state_attribute deletion_protection <<<"$details")" == ACTIVE ||
    "$(state_attribute force_destroy <<<"$details")" == false ]]; then
    protected_addresses+=("$address")
    protected_names+=("${name:-?}")
  fi
done

if ((${#protected_addresses[@]} > 0)); then
  targets=""
  listing=""
  for i in "${!protected_addresses[@]}"; do
    targets+=" -target='${protected_addresses[$i]}'"
    listing+="$(printf '\n    %-32s %s' "${protected_addresses[$i]}" "${protected_names[$i]}")"
  done
  # Each loop guarded: "${empty[@]}" is an unbound variable to bash before 4.4 under set -u.
  backup=""
  if ((${#backup_tables[@]} > 0)); then
    for table in "${backup_tables[@]}"; do
      backup+="$(printf '\n       aws dynamodb create-backup --region %s --table-name %s --backup-name %s-final' "$region" "$table" "$table")"
    done
  fi
  if ((${#backup_buckets[@]} > 0)); then
    for bucket in "${backup_buckets[@]}"; do
      backup+="$(printf '\n       aws s3 sync --region %s s3://%s/available/ ./%s-final/available/' "$region" "$bucket" "$bucket")"
    done
  fi
  [[ -n "$backup" ]] || backup=" (none of them is in the state)"
  select_step=""
  if [[ -z "${TF_WORKSPACE:-}" ]]; then
    select_step="$(printf '\n       terraform -chdir=infrastructure workspace select %s' "$env_name")"
  fi
  cat >&2 <<EOF

Deletion protection is on, so 'terraform destroy' would fail part way, after
deleting the unprotected resources. Protected, all by table_deletion_protection_enabled:$listing

If the data really is to be deleted:

  1. Optionally back up the tasks and lists tables and copy the attachments:$backup
  2. Turn the protection off on exactly these resources, and nothing else:$select_step
       terraform -chdir=infrastructure apply -var-file=$TFVARS_REL \\
         -var table_deletion_protection_enabled=false$targets
  3. Run this script again: scripts/teardown.sh $env_name

EOF
  die "Deletion protection is on for ${#protected_addresses[@]} resource(s) of '$env_name'; nothing was destroyed."
fi

printf '\n%d resource(s) of environment "%s" will be destroyed, including the DynamoDB\n' \
  "$(wc -l <<<"$resources")" "$env_name"
printf 'tables with every task and shared list in them, the user pool with every user,\n'
printf 'the attachments bucket with every file in it, and the task board with its\n'
printf 'CloudFront distribution (disabling it first takes several minutes). This cannot\n'
printf 'be undone.\n\n'

if [[ "$assume_yes" != true ]]; then
  [[ -t 0 ]] || die "No terminal to confirm on. Re-run with --yes to destroy without confirmation."
  printf 'Type the environment name (%s) to confirm: ' "$env_name"
  read -r answer
  [[ "$answer" == "$env_name" ]] || die "Confirmation did not match; nothing was destroyed."
fi

destroy_args=(-input=false -auto-approve -var-file="$TFVARS_REL")

# filebase64sha256() needs the package even when destroying: the one for the
# tfvars' lambda_runtime (or its default). If it was never built here (e.g. a
# fresh checkout), point Terraform at an empty placeholder; nothing is
# uploaded during a destroy.
environment_lambda_runtime
if [[ ! -f "$(lambda_zip "$(runtime_kind "$LAMBDA_RUNTIME")")" ]]; then
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
