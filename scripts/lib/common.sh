# shellcheck shell=bash
# Helpers shared by package.sh, deploy.sh and teardown.sh. Source it; do not run it.
#
# Sets REPO_ROOT, INFRA_DIR and LAMBDA_ZIP from this file's own location, so
# the scripts work from any current directory.

# shellcheck disable=SC2034 # used by the scripts that source this file
COMMON_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$COMMON_DIR/../.." && pwd)"
INFRA_DIR="$REPO_ROOT/infrastructure"
LAMBDA_ZIP="$REPO_ROOT/task-adapter-lambda/target/task-lambda.zip"
MIN_TERRAFORM_VERSION="1.6.0"
MIN_JAVA_MAJOR=17

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  _BOLD=$'\033[1m' _RED=$'\033[31m' _YELLOW=$'\033[33m' _RESET=$'\033[0m'
else
  _BOLD='' _RED='' _YELLOW='' _RESET=''
fi

info() { printf '%s==>%s %s\n' "$_BOLD" "$_RESET" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_YELLOW" "$_RESET" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$_RED" "$_RESET" "$*" >&2
  exit 1
}

# require_cmd NAME HINT: fail with HINT unless NAME is on PATH.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but was not found on PATH. $2"
}

# version_ge A B: true when version A >= version B (dotted numbers).
version_ge() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]
}

require_terraform() {
  require_cmd terraform "Install Terraform >= $MIN_TERRAFORM_VERSION: https://developer.hashicorp.com/terraform/install"
  local version
  version="$(terraform version 2>/dev/null | sed -n 's/^Terraform v\([0-9][0-9.]*\).*/\1/p' | head -n 1)"
  [[ -n "$version" ]] || die "Could not determine the Terraform version from 'terraform version'."
  version_ge "$version" "$MIN_TERRAFORM_VERSION" ||
    die "Terraform $version is too old; $MIN_TERRAFORM_VERSION or newer is required."
}

require_java() {
  require_cmd java "Install a JDK $MIN_JAVA_MAJOR or newer (e.g. Eclipse Temurin $MIN_JAVA_MAJOR)."
  local version major
  version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  [[ "$major" == 1 ]] && major="$(cut -d. -f2 <<<"$version")" # 1.8.0_x style
  [[ "$major" =~ ^[0-9]+$ ]] || die "Could not determine the Java version from 'java -version'."
  ((major >= MIN_JAVA_MAJOR)) || die "Java $version found; Java $MIN_JAVA_MAJOR or newer is required to build."
}

# require_aws_credentials REGION: checks the AWS CLI and that credentials work.
require_aws_credentials() {
  require_cmd aws "Install the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
  local identity
  if ! identity="$(aws sts get-caller-identity --region "$1" --query '[Account, Arn]' --output text 2>&1)"; then
    die "AWS credentials are missing or invalid ('aws sts get-caller-identity' failed: ${identity//$'\n'/ }). Configure them with 'aws configure', 'aws sso login' or AWS_PROFILE."
  fi
  read -r AWS_ACCOUNT_ID AWS_CALLER_ARN <<<"$identity"
  export AWS_ACCOUNT_ID AWS_CALLER_ARN
  info "AWS identity: $AWS_CALLER_ARN (account $AWS_ACCOUNT_ID)"
}

# check_environment_name ENV: the name must be safe and have a tfvars file.
check_environment_name() {
  [[ "$1" =~ ^[a-z][a-z0-9-]*$ ]] || die "Invalid environment name '$1' (lowercase letters, digits and hyphens)."
  TFVARS_REL="environments/$1.tfvars"
  TFVARS_FILE="$INFRA_DIR/$TFVARS_REL"
  [[ -f "$TFVARS_FILE" ]] || die "No variables file for environment '$1': $TFVARS_FILE does not exist."
}

# tfvar FILE NAME: value of a simple top-level `NAME = "value"` / `NAME = value`
# assignment in a .tfvars file (empty when absent).
tfvar() {
  sed -n -E "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\"?([^\"#]*[^\"#[:space:]])\"?.*$/\1/p" "$1" | tail -n 1
}

# tf ARGS...: terraform run against the infrastructure directory.
tf() {
  terraform -chdir="$INFRA_DIR" "$@"
}

# select_workspace ENV [create]: one Terraform workspace per environment keeps
# each environment's state apart. TF_WORKSPACE, when set, takes precedence.
select_workspace() {
  if [[ -n "${TF_WORKSPACE:-}" ]]; then
    info "Using workspace '$TF_WORKSPACE' from TF_WORKSPACE"
    return
  fi
  if [[ "${2:-}" == create ]]; then
    info "Selecting workspace '$1' (created if missing)"
    tf workspace select -or-create=true "$1" >/dev/null
  else
    tf workspace select "$1" >/dev/null 2>&1 ||
      die "No Terraform workspace '$1' in $INFRA_DIR: nothing has been deployed for this environment (or state lives elsewhere; set TF_WORKSPACE to use another workspace)."
    info "Selected workspace '$1'"
  fi
}

# human_size BYTES
human_size() {
  awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else printf "%.1f KB", b / 1024 }'
}

is_truthy() {
  [[ "${1:-}" =~ ^(1|true|TRUE|True|yes|YES)$ ]]
}
