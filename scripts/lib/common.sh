# shellcheck shell=bash
# Helpers shared by package.sh, deploy.sh, teardown.sh, smoke-token.sh and board-screenshots.sh. Source it; do not
# run it.
#
# Sets REPO_ROOT, INFRA_DIR, LAMBDA_ZIP (the managed runtime's package) and
# LAMBDA_CUSTOM_ZIP (the custom runtime's) from this file's own location, so
# the scripts work from any current directory.

# shellcheck disable=SC2034 # used by the scripts that source this file
COMMON_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$COMMON_DIR/../.." && pwd)"
INFRA_DIR="$REPO_ROOT/infrastructure"
# The two Lambda packages, one per kind of runtime (scripts/package.sh --runtime):
# managed: lambda_runtime = "java21" or "java25", with SnapStart;
LAMBDA_ZIP="$REPO_ROOT/task-adapter-lambda/target/task-lambda.zip"
# custom (the default): lambda_runtime = "provided.al2023", its own JDK 25.
LAMBDA_CUSTOM_ZIP="$REPO_ROOT/task-lambda-runtime/target/task-lambda-runtime.zip"
# lambda_runtime's default in infrastructure/variables.tf, and the managed
# runtime deploy.sh --runtime managed picks when the tfvars name none.
DEFAULT_LAMBDA_RUNTIME="provided.al2023"
DEFAULT_MANAGED_RUNTIME="java21"
MIN_TERRAFORM_VERSION="1.6.0"
MIN_JAVA_MAJOR=17

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  _BOLD=$'\033[1m' _RED=$'\033[31m' _YELLOW=$'\033[33m' _RESET=$'\033[0m'
else
  _BOLD='' _RED='' _YELLOW='' _RESET=''
fi

info() { printf '%s==>%s %s\n' "$_BOLD" "$_RESET" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_YELLOW" "$_RESET" "$*" >&2; }
# error MESSAGE: one line on stderr; the caller decides whether to stop.
error() { printf '%serror:%s %s\n' "$_RED" "$_RESET" "$*" >&2; }
die() {
  error "$@"
  exit 1
}

# one_line TEXT: TEXT with line breaks replaced by spaces, at most 300 characters.
one_line() {
  local text="${1//$'\r'/}"
  text="${text//$'\n'/ }"
  printf '%s' "${text:0:300}"
}

# require_cmd NAME HINT: fail with HINT unless NAME is on PATH.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but was not found on PATH. $2"
}

# version_ge A B: true when version A >= version B (dotted numbers).
version_ge() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]
}

# The check_* functions print one line saying what is wrong and how to fix it,
# and return 1; they never exit, so that a script can run every check before it
# changes anything. The require_* functions stop at the first failure.

check_terraform() {
  local install="install Terraform $MIN_TERRAFORM_VERSION or newer: https://developer.hashicorp.com/terraform/install"
  if ! command -v terraform >/dev/null 2>&1; then
    error "Terraform ('terraform') was not found on PATH. Fix: $install"
    return 1
  fi
  local version
  version="$(terraform version 2>/dev/null | sed -n 's/^Terraform v\([0-9][0-9.]*\).*/\1/p' | head -n 1)"
  if [[ -z "$version" ]]; then
    error "Could not read the Terraform version from 'terraform version'. Fix: $install"
    return 1
  fi
  if ! version_ge "$version" "$MIN_TERRAFORM_VERSION"; then
    error "Terraform $version is too old. Fix: $install"
    return 1
  fi
}

check_java() {
  local install="install a JDK $MIN_JAVA_MAJOR or newer (e.g. Eclipse Temurin $MIN_JAVA_MAJOR) and put its bin/ on PATH"
  if ! command -v java >/dev/null 2>&1; then
    error "Java ('java') was not found on PATH; it builds the Lambda package. Fix: $install, or pass --skip-package to deploy a zip built earlier."
    return 1
  fi
  local version major
  version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  [[ "$major" == 1 ]] && major="$(cut -d. -f2 <<<"$version")" # 1.8.0_x style
  if [[ ! "$major" =~ ^[0-9]+$ ]]; then
    error "Could not read the Java version from 'java -version'. Fix: $install."
    return 1
  fi
  if ((major < MIN_JAVA_MAJOR)); then
    error "Java $version is too old to build the package. Fix: $install."
    return 1
  fi
}

check_aws_cli() {
  command -v aws >/dev/null 2>&1 && return 0
  error "The AWS CLI ('aws') was not found on PATH. Fix: install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
  return 1
}

# check_region REGION WHERE: REGION must look like an AWS region code, as the
# aws_region variable's validation demands. WHERE says where it was set.
check_region() {
  [[ "$1" =~ ^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$ ]] && return 0
  error "'$1' ($2) is not an AWS region code. Fix: set aws_region = \"us-east-1\" (or another region code) in infrastructure/$TFVARS_REL."
  return 1
}

# check_aws_credentials REGION: the AWS CLI can call STS in REGION; sets
# AWS_ACCOUNT_ID and AWS_CALLER_ARN.
check_aws_credentials() {
  local identity
  if ! identity="$(aws sts get-caller-identity --region "$1" --query '[Account, Arn]' --output text 2>&1)"; then
    error "AWS credentials are missing or invalid ('aws sts get-caller-identity --region $1' failed: $(one_line "$identity")). Fix: run 'aws configure' or 'aws sso login', or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)."
    return 1
  fi
  read -r AWS_ACCOUNT_ID AWS_CALLER_ARN <<<"$identity"
  if [[ ! "${AWS_ACCOUNT_ID:-}" =~ ^[0-9]{12}$ ]]; then
    error "Unexpected answer from 'aws sts get-caller-identity': $(one_line "$identity"). Fix: check the AWS CLI's configuration ('aws configure list')."
    return 1
  fi
  export AWS_ACCOUNT_ID AWS_CALLER_ARN
  info "AWS identity: $AWS_CALLER_ARN (account $AWS_ACCOUNT_ID)"
}

# require_aws_credentials REGION: checks the AWS CLI and that credentials work.
require_aws_credentials() {
  check_aws_cli || exit 1
  check_aws_credentials "$1" || exit 1
}

require_terraform() { check_terraform || exit 1; }
require_java() { check_java || exit 1; }

# api_gateway_account_variable: name of the root module's variable that makes
# Terraform create and register the account's API Gateway CloudWatch role
# (empty when the configuration declares none).
api_gateway_account_variable() {
  local name
  for name in manage_api_gateway_account manage_api_gateway_account_role; do
    if grep -Eqs "^[[:space:]]*variable[[:space:]]+\"$name\"" "$INFRA_DIR"/*.tf; then
      printf '%s\n' "$name"
      return 0
    fi
  done
}

# check_api_gateway_account_role REGION: API Gateway writes the stage's access
# logs only when the region's account settings name a CloudWatch role. Without
# it the first apply fails at the stage, after most resources exist. Skipped
# when the environment's tfvars let Terraform create and register the role.
# Needs AWS_ACCOUNT_ID (check_aws_credentials).
check_api_gateway_account_role() {
  local region="$1" variable answer
  variable="$(api_gateway_account_variable)"
  if [[ -n "$variable" && "$(tfvar "$TFVARS_FILE" "$variable")" == true ]]; then
    info "API Gateway CloudWatch role: created and registered by Terraform ($variable = true)"
    return 0
  fi
  if ! answer="$(aws apigateway get-account --region "$region" --query cloudwatchRoleArn --output text 2>&1)"; then
    error "Could not read API Gateway's account settings in $region ('aws apigateway get-account' failed: $(one_line "$answer")). Fix: allow apigateway:GET on arn:aws:apigateway:$region::/account for $AWS_CALLER_ARN."
    return 1
  fi
  answer="$(one_line "$answer")"
  answer="${answer//[[:space:]]/}"
  if [[ -z "$answer" || "$answer" == None || "$answer" == null ]]; then
    local fix_cli="register a role that apigateway.amazonaws.com may assume and that has the AmazonAPIGatewayPushToCloudWatchLogs policy: aws apigateway update-account --region $region --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::$AWS_ACCOUNT_ID:role/ROLE_NAME"
    if [[ -n "$variable" ]]; then
      error "API Gateway in $region (account $AWS_ACCOUNT_ID) has no CloudWatch Logs role, so the apply would fail at the stage after creating most resources. Fix: set $variable = true in infrastructure/$TFVARS_REL (Terraform then creates and registers the role; do this in one environment per account and region), or $fix_cli"
    else
      error "API Gateway in $region (account $AWS_ACCOUNT_ID) has no CloudWatch Logs role, so the apply would fail at the stage after creating most resources. Fix: $fix_cli"
    fi
    return 1
  fi
  info "API Gateway CloudWatch role: $answer"
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

# environment_region: sets REGION to the region the environment deploys to as
# Terraform sees it (aws_region in its tfvars, else the variable's default) and
# REGION_SOURCE to where that came from. Needs check_environment_name.
environment_region() {
  REGION="$(tfvar "$TFVARS_FILE" aws_region)"
  if [[ -n "$REGION" ]]; then
    REGION_SOURCE="aws_region in infrastructure/$TFVARS_REL"
  else
    REGION="us-east-1"
    REGION_SOURCE="the aws_region default; infrastructure/$TFVARS_REL sets none"
  fi
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

# runtime_kind LAMBDA_RUNTIME: the kind of package a lambda_runtime value runs,
# managed for a Lambda managed Java runtime (java21, java25), custom for
# anything else (provided.al2023).
runtime_kind() {
  if [[ "$1" == java* ]]; then
    printf 'managed\n'
  else
    printf 'custom\n'
  fi
}

# lambda_zip KIND: the package scripts/package.sh --runtime KIND builds.
lambda_zip() {
  if [[ "$1" == managed ]]; then
    printf '%s\n' "$LAMBDA_ZIP"
  else
    printf '%s\n' "$LAMBDA_CUSTOM_ZIP"
  fi
}

# environment_lambda_runtime: sets LAMBDA_RUNTIME to the lambda_runtime the
# environment's tfvars set, or the variable's default. Needs
# check_environment_name.
environment_lambda_runtime() {
  LAMBDA_RUNTIME="$(tfvar "$TFVARS_FILE" lambda_runtime)"
  LAMBDA_RUNTIME="${LAMBDA_RUNTIME:-$DEFAULT_LAMBDA_RUNTIME}"
}

# human_size BYTES
human_size() {
  awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else printf "%.1f KB", b / 1024 }'
}

is_truthy() {
  [[ "${1:-}" =~ ^(1|true|TRUE|True|yes|YES)$ ]]
}
