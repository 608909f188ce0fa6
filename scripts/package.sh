#!/usr/bin/env bash
# Build the Lambda deployment package with Maven:
#   task-adapter-lambda/target/task-lambda.zip
# (classes at the root, dependencies in lib/). Fails if the zip exceeds 8 MB,
# which keeps SnapStart snapshots and cold starts small.
#
# Usage: scripts/package.sh
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

readonly MAX_ZIP_BYTES=$((8 * 1024 * 1024))

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
    ;;
  *) die "Unexpected argument '$1'. Usage: scripts/package.sh" ;;
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

build_args=(-B -q -pl task-adapter-lambda -am -DskipTests package)
info "Building the Lambda package: ${mvn_cmd[*]} ${build_args[*]}"
rm -f "$LAMBDA_ZIP" # never report a stale zip from an earlier build
(cd "$REPO_ROOT" && "${mvn_cmd[@]}" "${build_args[@]}")

[[ -f "$LAMBDA_ZIP" ]] || die "The build succeeded but $LAMBDA_ZIP was not produced."

size="$(wc -c <"$LAMBDA_ZIP" | tr -d '[:space:]')"
info "Package: $LAMBDA_ZIP"
info "Size:    $(human_size "$size") ($size bytes)"

if ((size > MAX_ZIP_BYTES)); then
  die "The package is $(human_size "$size"), over the $(human_size "$MAX_ZIP_BYTES") budget. Check task-adapter-lambda's runtime dependencies (mvn -pl task-adapter-lambda dependency:tree)."
fi
