#!/usr/bin/env bash
# Build the Lambda deployment package for one kind of runtime with Maven.
#
# Usage: scripts/package.sh [--runtime custom|managed]
#
#   --runtime custom   (the default) task-lambda-runtime/target/task-lambda-runtime.zip
#                      for lambda_runtime = "provided.al2023" on x86_64: a
#                      bootstrap, a jlinked JDK 25 and an AOT cache. Needs a
#                      JDK 25 on this machine (JDK25_HOME, or one under
#                      /usr/lib/jvm). Fails above Lambda's limits for a zip
#                      uploaded directly: 50 MB zipped, 250 MB unzipped.
#   --runtime managed  task-adapter-lambda/target/task-lambda.zip for
#                      lambda_runtime = "java21" or "java25" (classes at the
#                      root, dependencies in lib/, the AWS SDK shrunk by
#                      ProGuard). Fails if the zip exceeds 6 MB, which keeps
#                      SnapStart snapshots and cold starts small.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

readonly MAX_ZIP_BYTES=$((6 * 1024 * 1024))
# Lambda's quotas for the custom runtime's zip (AWS Lambda Developer Guide,
# "Lambda quotas"): 50 MB for a zip uploaded directly, as Terraform's
# `filename` does, and 250 MB unzipped (Lambda's own error says 262144000 bytes).
readonly MAX_DIRECT_UPLOAD_BYTES=$((50 * 1024 * 1024))
readonly MAX_UNZIPPED_BYTES=$((250 * 1024 * 1024))

usage() { sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

runtime=custom
while (($# > 0)); do
  case "$1" in
    --runtime)
      (($# > 1)) || die "--runtime needs a value: custom or managed. Run with --help for usage."
      runtime="$2"
      shift
      ;;
    --runtime=*) runtime="${1#--runtime=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "Unexpected argument '$1'. Usage: scripts/package.sh [--runtime custom|managed]" ;;
  esac
  shift
done
case "$runtime" in
  custom | managed) ;;
  *) die "Unknown runtime '$runtime': use --runtime custom (provided.al2023, the default) or --runtime managed (java21 or java25)." ;;
esac

require_java
if [[ -x "$REPO_ROOT/mvnw" ]]; then
  mvn_cmd=("$REPO_ROOT/mvnw")
elif [[ -f "$REPO_ROOT/mvnw" ]]; then
  mvn_cmd=(sh "$REPO_ROOT/mvnw")
else
  require_cmd mvn "Install Apache Maven 3.9+ (no ./mvnw wrapper in the repository)."
  mvn_cmd=(mvn)
fi

# unzipped_size ZIP: the total size of ZIP's entries in bytes, read with unzip
# or else python3; prints nothing when neither is installed, and returns 2
# when the one used cannot read ZIP.
unzipped_size() {
  local listing status=0
  if command -v unzip >/dev/null 2>&1; then
    listing="$(unzip -l "$1" 2>/dev/null)" || status=$?
    ((status <= 1)) || return 2 # 1: warnings only
    awk 'END { if ($1 ~ /^[0-9]+$/) print $1; else exit 1 }' <<<"$listing" || return 2
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' \
      "$1" 2>/dev/null || return 2
  fi
}

if [[ "$runtime" == custom ]]; then
  # task-lambda-runtime jlinks the JDK 25 it finds and trains its AOT cache
  # with it; without one it prints a line starting SKIPPED and builds no zip.
  module=task-lambda-runtime
  zip="$LAMBDA_CUSTOM_ZIP"
else
  module=task-adapter-lambda
  zip="$LAMBDA_ZIP"
fi

build_args=(-B -q -pl "$module" -am -DskipTests package)
info "Building the Lambda package ($runtime runtime): ${mvn_cmd[*]} ${build_args[*]}"
rm -f "$zip" # never report a stale zip from an earlier build
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
jdk25_fix="Fix: install a JDK 25 (e.g. Eclipse Temurin 25) and set JDK25_HOME to its directory (or install it under /usr/lib/jvm), or build the managed runtime's zip instead with --runtime managed (scripts/deploy.sh --runtime managed)."
# The build's output is shown as it comes and kept, to tell why no zip came out.
build_status=0
(cd "$REPO_ROOT" && "${mvn_cmd[@]}" "${build_args[@]}") 2>&1 | tee "$build_log" || build_status=$?
if ((build_status != 0)); then
  if [[ "$runtime" == custom ]]; then
    die "The build of $module failed (exit $build_status; its output is above). It needs a JDK 25 on this machine; if the output is about that: $jdk25_fix"
  fi
  die "The build of $module failed (exit $build_status; its output is above)."
fi

if [[ ! -f "$zip" && "$runtime" == custom ]]; then
  why="the build produced no $zip"
  if grep -Eq '^[[:space:]]*(\[[A-Za-z]+\][[:space:]]*)*SKIPPED' "$build_log"; then
    why="no JDK 25 was found, so the build skipped it (SKIPPED above) and produced no $zip"
  fi
  die "The custom runtime package needs a JDK 25 on this machine: $why. $jdk25_fix"
fi
[[ -f "$zip" ]] || die "The build succeeded but $zip was not produced."

if [[ "$runtime" == custom ]]; then
  size="$(wc -c <"$zip" | tr -d '[:space:]')"
  info "Package: $zip"
  info "Size:    $(human_size "$size") ($size bytes)"
  if ((size > MAX_DIRECT_UPLOAD_BYTES)); then
    die "The package is $(human_size "$size"), over Lambda's $(human_size "$MAX_DIRECT_UPLOAD_BYTES") limit for a zip uploaded directly ($MAX_DIRECT_UPLOAD_BYTES bytes), so the deployment would fail. Fix: make the jlinked JDK or lib/ smaller (task-lambda-runtime), or upload the zip through S3 (aws_lambda_function's s3_bucket and s3_key)."
  fi
  unzipped="$(unzipped_size "$zip")" || die "$zip cannot be read as a zip (by unzip -l, or python3's zipfile without unzip). Fix: rebuild it with scripts/package.sh."
  if [[ -z "$unzipped" ]]; then
    warn "Could not read the unzipped size of $zip (neither unzip nor python3 is installed); Lambda refuses a package over $(human_size "$MAX_UNZIPPED_BYTES") unzipped."
  else
    info "Unzipped: $(human_size "$unzipped") ($unzipped bytes)"
    if ((unzipped > MAX_UNZIPPED_BYTES)); then
      die "The package is $(human_size "$unzipped") unzipped, over Lambda's $(human_size "$MAX_UNZIPPED_BYTES") limit ($MAX_UNZIPPED_BYTES bytes), so the deployment would fail. Fix: make the jlinked JDK, lib/ or the AOT cache smaller (task-lambda-runtime)."
    fi
  fi
  exit 0
fi

size="$(wc -c <"$LAMBDA_ZIP" | tr -d '[:space:]')"
info "Package: $LAMBDA_ZIP"
info "Size:    $(human_size "$size") ($size bytes)"

if ((size > MAX_ZIP_BYTES)); then
  die "The package is $(human_size "$size"), over the $(human_size "$MAX_ZIP_BYTES") budget. Check task-adapter-lambda's runtime dependencies (mvn -pl task-adapter-lambda dependency:tree)."
fi
