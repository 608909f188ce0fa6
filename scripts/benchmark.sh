#!/usr/bin/env bash
# Run the benchmark suite described in docs/benchmarks.md, start to finish:
#   build the Lambda zip, the server jar and the benchmarks module (Maven profile "benchmarks"), then
#   1 cold start vs the floor, 2 warm path (JMH, attachments' presigned URLs included; then the role check of shared
#   lists in interleaved rounds),
#   3 server throughput (wrk), 4 listing cost (own tasks, a shared list's, assignee=me), 5 package and memory;
#   on request only: 8 coldstart-python (the handler against the seed's Python function, boto3, and the local
#   server's start), 9 coldstart-cds (experiment: AppCDS on JDK 17, the AOT cache on JDK 25, archives that don't fit),
#   10 cost (each request's DynamoDB capacity and warm time, and a million requests' price), 11 coldstart-runtime
#   (the custom runtime's package, jlinked JDK 25 + AOT cache, against the seed's Python function and the zip);
#   results in benchmarks/target/results/*.json, tables in docs/benchmarks/results.md, charts in docs/benchmarks/*.svg.
#
# Usage: scripts/benchmark.sh                  # the full run, about 30 minutes on 2 cores
#        QUICK=1 scripts/benchmark.sh          # a 3-4 minute check of the machinery; numbers not for quoting
#        SECTIONS="coldstart report" scripts/benchmark.sh   # only some of: coldstart warm warm-rounds throughput listing package report
#        SECTIONS="coldstart-python coldstart-cds report" ...   # Python baseline (PYTHON [python3] with boto3) and CDS
#        SECTIONS="cost report" ...            # 10 what a million requests cost (DynamoDB capacity, warm ms, prices)
#        SECTIONS="coldstart-runtime report" ...   # 11 the custom runtime (needs the package a JDK 25 built)
#        NO_BUILD=1 ...                        # reuse what the last build left in target/
#        COLD_AB_ZIP=other.zip SECTIONS=coldstart-ab ...   # cold starts of this build's zip against another, paired
# Environment knobs (defaults in brackets, QUICK values after the slash): COLD_RUNS [12/3], WRK_ROUNDS [3/1],
# WRK_SECONDS [10/3], WRK_JIT_WARMUP_SECONDS [40/5], LISTING_MAX_TASKS [100000/10000], WARM_ROUNDS [10/2],
# WARM_ROUND_WARMUPS [3/1], WARM_ROUND_MEASUREMENTS [3/1], COST_WARMUP_ROUNDS [300/30], COST_ROUNDS [300/30],
# COST_ACCOUNTING_ROUNDS [5/2], MVN_FLAGS (e.g. -o for an offline build), PYTHON [python3],
# JDK25_HOME [a JDK 25 found under /usr/lib/jvm].
# Needs Java 17+, Node.js 20+ with npm (dynalite), and wrk (installed with apt-get when missing and running as root).
set -euo pipefail

case "${1:-}" in
  -h | --help) sed -n '2,26s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
  "") ;;
  *) echo "Unexpected argument '$1' (see --help)" >&2; exit 2 ;;
esac

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FULL_RUN=""
if [[ -z "${SECTIONS:-}" ]]; then FULL_RUN=1; fi
SECTIONS="${SECTIONS:-coldstart warm warm-rounds throughput listing package report}"
TARGET="$ROOT/benchmarks/target"
RESULTS="$TARGET/results"
ARTIFACTS="$TARGET/artifacts"
export BENCH_ROOT="$ROOT" BENCH_RESULTS="$RESULTS" BENCH_CHARTS="$ROOT/docs/benchmarks"

has_section() { [[ " $SECTIONS " == *" $1 "* ]]; }

if has_section throughput && ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk (Debian package) ..."
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is needed for the throughput benchmark: install it (e.g. apt-get install wrk)" >&2
    exit 1
  fi
fi
command -v node >/dev/null || { echo "Node.js 20+ is needed (dynalite)" >&2; exit 1; }

if [[ -z "${NO_BUILD:-}" ]]; then
  echo "Building the Lambda zip, the server jar and the benchmarks ..."
  # shellcheck disable=SC2086
  ./mvnw -q -B ${MVN_FLAGS:-} -DskipTests -Pbenchmarks -pl task-adapter-javalin,task-lambda-runtime,benchmarks -am package
fi
# Copies, so that a build running elsewhere in the tree cannot swap the artifacts under a running benchmark.
mkdir -p "$ARTIFACTS" "$RESULTS"
if [[ -n "$FULL_RUN" ]]; then rm -f "$RESULTS"/*.json "$RESULTS/environment.txt"; fi
cp task-adapter-lambda/target/task-lambda.zip "$ARTIFACTS/task-lambda.zip"
cp task-adapter-lambda/target/task-adapter-lambda-1.0.0-SNAPSHOT.jar "$ARTIFACTS/task-adapter-lambda.jar"
cp task-adapter-javalin/target/task-server.jar "$ARTIFACTS/task-server.jar"
cp benchmarks/target/task-benchmarks-1.0.0-SNAPSHOT-launcher.jar "$ARTIFACTS/launcher.jar"
# The floor runs on the SDK's jars as published: the zip's SDK is shrunk to what the handler calls.
rm -rf "$ARTIFACTS/floor-lib"
cp -r benchmarks/target/floor-lib "$ARTIFACTS/floor-lib"
# The custom runtime's package exists only where a JDK 25 built it; coldstart-runtime says so when it is missing.
rm -f "$ARTIFACTS/task-lambda-runtime.zip"
if [[ -f task-lambda-runtime/target/task-lambda-runtime.zip ]]; then
  cp task-lambda-runtime/target/task-lambda-runtime.zip "$ARTIFACTS/task-lambda-runtime.zip"
fi

CP="$TARGET/classes:$TARGET/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The Python baseline's interpreter and boto3, or a loud note that it is missing (the section then skips it).
python_with_boto3() {
  "${PYTHON:-python3}" -c 'import sys, boto3; print("Python", sys.version.split()[0], "boto3", boto3.__version__)' \
    2>/dev/null || echo "NOT MEASURED: ${PYTHON:-python3} has no boto3 (pip install boto3, or apt-get install python3-boto3)"
}
if has_section coldstart-python && python_with_boto3 | grep -q 'NOT MEASURED'; then
  echo "*** coldstart-python: $(python_with_boto3); the Java programs still run, the report says 'not measured' ***" >&2
fi

# One header per invocation, appended: a later partial run (SECTIONS=...) keeps the record of the earlier ones.
{
  echo "--- run of: $SECTIONS"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (tree has uncommitted changes)')"
  echo "cpus: $(nproc) x $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "os: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
  if has_section coldstart-python || has_section coldstart-cds || has_section coldstart-runtime; then
    echo "python: $(python_with_boto3)"
    jdk25_release=$(grep -l '^JAVA_VERSION="25' /usr/lib/jvm/*/release 2>/dev/null | head -1 || true)
    echo "jdk 25: ${JDK25_HOME:-${jdk25_release%/release}}${jdk25_release:+ $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$jdk25_release")}"
  fi
  echo "node: $(node --version)   wrk: $(if command -v wrk >/dev/null 2>&1; then wrk -v 2>&1 | head -1 | cut -d' ' -f1-2; else echo 'not installed'; fi)"
  echo "QUICK=${QUICK:-0}"
} >> "$RESULTS/environment.txt"

# Load before each section: other builds on the machine disturb timings, so it is recorded with the results.
note_load() {
  local others
  others=$(pgrep -f "maven|surefire|failsafe" | wc -l || true)  # pgrep fails when nothing matches
  echo "load before $1: $(cut -d' ' -f1-3 /proc/loadavg) (other build processes: $others)" >> "$RESULTS/environment.txt"
}

for section in $SECTIONS; do
  [[ "$section" == report ]] || note_load "$section"
  case "$section" in
    warm)
      if [[ "${QUICK:-}" == 1 ]]; then jmh_args=(-f 1 -wi 2 -w 1s -i 3 -r 1s); else jmh_args=(); fi
      # Each fork that presigns appends its count of connections to the (never contacted) S3 endpoint.
      rm -f "$RESULTS/attachments-connections.jsonl"
      "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'io.taskapi.lambda.WarmPathBenchmark' "${jmh_args[@]}" \
        -rf json -rff "$RESULTS/jmh.json" | tee "$RESULTS/jmh.txt" | grep -E '^(# Benchmark:|Benchmark|WarmPath)' || true
      ;;
    coldstart | coldstart-ab | coldstart-python | coldstart-cds | coldstart-runtime | warm-rounds | throughput | listing | package | report)
      "$JAVA" -cp "$CP" io.taskapi.benchmarks.Suite "$section"
      ;;
    cost)
      # Lambda's own JVM settings for Java 17 and 21 at 256 MB (C1 only, the serial collector; the heap as section 1
      # assumes it), so that the warm in-process time is that of the code Lambda would run.
      "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx217m -cp "$CP" io.taskapi.benchmarks.Suite cost
      ;;
    *) echo "Unknown section '$section'" >&2; exit 2 ;;
  esac
done
echo "Done: $RESULTS, docs/benchmarks/results.md and docs/benchmarks/*.svg"
