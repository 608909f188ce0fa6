#!/usr/bin/env bash
# Runs the local server on a persistent DynamoDB-compatible engine (dynalite, data under data/dynalite).
# Tasks survive restarts of both. Stop with Ctrl-C: the server and the engine both shut down cleanly.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in java node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required but not on PATH" >&2; exit 1; }
done

port="${DYNALITE_PORT:-8000}"
data_dir="$root/data/dynalite"
secret_file="$root/data/page-token.secret"

if [ ! -d node_modules/dynalite ]; then
  echo "==> Installing dynalite from package-lock.json (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "==> Building the server"
./mvnw -q -DskipTests package

mkdir -p "$data_dir"
if [ ! -s "$secret_file" ]; then
  # One secret per data folder, so page tokens stay valid across restarts; never committed (data/ is ignored).
  (umask 077 && head -c 32 /dev/urandom | base64 > "$secret_file")
fi

echo "==> Starting dynalite on 127.0.0.1:$port with data in data/dynalite"
node node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 0 --path "$data_dir" &
dynalite_pid=$!
trap 'kill "$dynalite_pid" 2>/dev/null; wait "$dynalite_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$dynalite_pid" 2>/dev/null || { echo "error: dynalite exited; is port $port in use?" >&2; exit 1; }
  sleep 0.1
done

echo "==> Starting the server (TASKS_STORE=dynamodb, TASKS_CREATE_TABLE=true)"
TASKS_STORE=dynamodb \
TASKS_CREATE_TABLE=true \
TASKS_PAGE_TOKEN_SECRET="$(cat "$secret_file")" \
AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port" \
AWS_REGION="${AWS_REGION:-us-east-1}" \
AWS_ACCESS_KEY_ID=local \
AWS_SECRET_ACCESS_KEY=local \
  java -jar task-adapter-javalin/target/task-server.jar
