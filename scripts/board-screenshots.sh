#!/usr/bin/env bash
# Takes the README's screenshots of the task board: starts the local server
# (task-server.jar, in-memory store, no sign-in) on a free loopback port with a
# data folder of its own, seeds a handful of realistic tasks through the API
# with curl (every status and priority, due dates with one overdue, tags, a
# description, an assignee), and photographs the board's tasks with headless
# Chromium:
#
#   docs/images/board-list.png     the list layout, 1280x900
#   docs/images/board-columns.png  the board layout, a column per status, 1280x900
#   docs/images/board-phone.png    the board layout on a phone, 390x844
#
# Chromium is driven through chromedriver (WebDriver, plain HTTP, with curl)
# rather than with `chromium --headless --screenshot`: that flag photographs the
# top of the page only (a scrolled page comes out blank), and the tasks sit
# below the forms. Each photograph is taken once the board says its tasks are
# loaded, scrolled to them, with the focus on nothing.
#
# The server and the browser are stopped, and the data folder deleted, on exit,
# whatever happens.
#
# Usage: scripts/board-screenshots.sh
#
# Environment:
#   TASK_SERVER_JAR  the server to run (default
#                    task-adapter-javalin/target/task-server.jar; built with
#                    ./mvnw -q -DskipTests package when missing)
#   CHROMIUM         the browser (default /usr/bin/chromium, Debian's)
#   CHROMEDRIVER     its driver (default: chromedriver on PATH)
#   OUT_DIR          where the PNG files go (default docs/images)
#
# Needs java 17+, curl, base64 and Chromium with its driver (Debian: apt-get
# install chromium chromium-driver).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"

# usage: the comment block above, up to the first line that is not a comment.
usage() { awk 'NR == 1 { next } !/^#/ { exit } { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; }

case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  "") ;;
  *) die "No arguments are taken. Usage: scripts/board-screenshots.sh (see --help)" ;;
esac

jar="${TASK_SERVER_JAR:-$REPO_ROOT/task-adapter-javalin/target/task-server.jar}"
out_dir="${OUT_DIR:-$REPO_ROOT/docs/images}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
chromedriver="${CHROMEDRIVER:-$(command -v chromedriver || true)}"

require_cmd java "Install a JDK $MIN_JAVA_MAJOR or newer."
require_cmd curl "Install curl (Debian: apt-get install curl)."
require_cmd base64 "Install coreutils."
[[ -x "$chromium" ]] || die "Chromium was not found at $chromium. Fix: apt-get install chromium, or set CHROMIUM."
[[ -n "$chromedriver" && -x "$chromedriver" ]] ||
  die "chromedriver was not found on PATH. Fix: apt-get install chromium-driver, or set CHROMEDRIVER."

if [[ ! -f "$jar" ]]; then
  info "Building the server (./mvnw -q -DskipTests package): $jar is missing"
  (cd "$REPO_ROOT" && ./mvnw -q -DskipTests package)
  [[ -f "$jar" ]] || die "The build did not produce $jar."
fi

# --- cleanup: the browser, its driver and the server ----------------------------
work_dir="$(mktemp -d)"
server_pid=""
driver_pid=""
driver=""
session=""
stop_all() {
  local status=$?
  if [[ -n "$session" ]]; then
    curl -sS -m 10 -X DELETE "$driver/session/$session" >/dev/null 2>&1 || true
  fi
  local pid
  for pid in "$driver_pid" "$server_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work_dir"
  exit "$status"
}
trap stop_all EXIT

# wait_for_line FILE PATTERN PID WHAT: the first match of the sed PATTERN (which
# prints \1) in FILE, once the program PID writes it there; fails after 30 s.
wait_for_line() {
  local found=""
  for _ in $(seq 1 150); do
    found="$(sed -n "$2" "$1" | head -n 1)"
    if [[ -n "$found" ]]; then
      printf '%s\n' "$found"
      return 0
    fi
    kill -0 "$3" 2>/dev/null || die "$4 stopped: $(one_line "$(cat "$1")")"
    sleep 0.2
  done
  die "$4 did not start within 30 seconds: $(one_line "$(cat "$1")")"
}

# --- the server --------------------------------------------------------------
info "Starting the server from $jar on a free loopback port"
# Run from the temporary folder, so that nothing (attachments' folder included) is written into the repository.
: >"$work_dir/server.log"
(cd "$work_dir" && exec env PORT=0 HOST=127.0.0.1 TASKS_STORE=memory TASKS_AUTH=none \
  TASKS_FILES_DIR="$work_dir/files" java -jar "$jar" >"$work_dir/server.log" 2>&1) &
server_pid=$!
base="$(wait_for_line "$work_dir/server.log" 's/^Task API listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' \
  "$server_pid" "The server")"
info "Server: $base"

# --- the tasks ---------------------------------------------------------------
# day OFFSET: the date OFFSET days from today (negative: in the past), YYYY-MM-DD.
day() {
  if date -d "now" +%F >/dev/null 2>&1; then
    date -d "$1 days" +%F # GNU date
  else
    local offset="$1"
    [[ "$offset" == -* ]] || offset="+$offset"
    date -v"${offset}d" +%F # BSD date (macOS): -v+3d, -v-2d
  fi
}

# seed JSON: creates one task, failing loudly when the API refuses it.
seed() {
  local status
  status="$(curl -sS -o "$work_dir/answer.json" -w '%{http_code}' -X POST "$base/tasks" \
    -H 'Content-Type: application/json' --data-binary "$1")"
  [[ "$status" == 201 ]] || die "The API refused a task (HTTP $status): $(one_line "$(cat "$work_dir/answer.json")")"
}

info "Seeding tasks"
# The newest is created last, so it shows first.
seed '{"task": "Book the venue for the team offsite", "status": "completed", "priority": "low",
  "due_date": "'"$(day -6)"'", "tags": ["offsite"]}'
seed '{"task": "Renew the TLS certificate", "status": "cancelled", "priority": "medium", "tags": ["ops"]}'
seed '{"task": "Send the invoices for March", "priority": "high", "due_date": "'"$(day -2)"'",
  "tags": ["finance"], "assignee": "shared"}'
seed '{"task": "Review pull request #42: pagination tokens", "status": "in_progress", "priority": "medium",
  "due_date": "'"$(day 1)"'", "tags": ["code-review", "api"]}'
seed '{"task": "Fix the login timeout on mobile", "status": "in_progress", "priority": "urgent",
  "due_date": "'"$(day 3)"'", "tags": ["bug", "mobile"], "assignee": "shared"}'
seed '{"task": "Write the release notes for 1.0", "priority": "high", "due_date": "'"$(day 7)"'",
  "tags": ["docs", "release"],
  "description": "Cover the new board layout, due dates and tags.\nLink the migration guide."}'
seed '{"task": "Plan the next sprint", "priority": "medium", "due_date": "'"$(day 10)"'", "tags": ["planning"]}'

# --- the browser -------------------------------------------------------------
info "Starting headless Chromium through $chromedriver"
: >"$work_dir/chromedriver.log" # there before the driver writes to it, for wait_for_line
"$chromedriver" --port=0 >"$work_dir/chromedriver.log" 2>&1 &
driver_pid=$!
driver_port="$(wait_for_line "$work_dir/chromedriver.log" 's/.*started successfully on port \([0-9]*\).*/\1/p' \
  "$driver_pid" "chromedriver")"
driver="http://127.0.0.1:$driver_port"

# webdriver METHOD PATH [JSON]: one WebDriver command; prints the answer, fails on an error.
webdriver() {
  local answer body="${3-}" request=(-sS -m 60 -X "$1" "$driver$2")
  [[ -n "$body" ]] || body='{}'
  [[ "$1" == GET ]] || request+=(-H 'Content-Type: application/json' --data-binary "$body")
  answer="$(curl "${request[@]}")" || die "chromedriver did not answer $1 $2."
  if [[ "$answer" == *'"error":'* ]]; then
    die "chromedriver refused $1 $2: $(one_line "$answer")"
  fi
  printf '%s' "$answer"
}

# in_page SCRIPT: runs SCRIPT (a JavaScript function body, without double quotes) in the page; prints the answer.
in_page() {
  webdriver POST "/session/$session/execute/sync" "{\"script\": \"$1\", \"args\": []}"
}

session="$(webdriver POST /session '{"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
    "binary": "'"$chromium"'",
    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900",
             "--lang=en-US", "--no-first-run", "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--user-data-dir='"$work_dir/profile"'"]}}}}' |
  sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p')"
[[ -n "$session" ]] || die "chromedriver started no browser session."

# In the page: whether the board shows its tasks; then, the tasks scrolled to the top, with the focus on nothing.
loaded_js="return document.body.dataset.ready === 'true' \
&& !document.getElementById('task-list').hasAttribute('aria-busy') \
&& document.getElementById('list-status').textContent.startsWith('Showing');"
scroll_js="document.activeElement.blur(); \
document.getElementById('tasks-heading').closest('section').scrollIntoView(); \
window.scrollBy(0, -8); return true;"

# shoot FILE WIDTH HEIGHT QUERY: the board opened with QUERY in a WIDTHxHEIGHT viewport (a phone's when narrow),
# scrolled to its tasks once they are loaded, photographed into FILE.
shoot() {
  local file="$out_dir/$1" mobile=false
  (($2 < 600)) && mobile=true
  webdriver POST "/session/$session/goog/cdp/execute" '{"cmd": "Emulation.setDeviceMetricsOverride", "params":
    {"width": '"$2"', "height": '"$3"', "deviceScaleFactor": 1, "mobile": '"$mobile"'}}' >/dev/null
  webdriver POST "/session/$session/goog/cdp/execute" '{"cmd": "Emulation.setTouchEmulationEnabled", "params":
    {"enabled": '"$mobile"'}}' >/dev/null
  webdriver POST "/session/$session/url" "{\"url\": \"$base/$4\"}" >/dev/null
  local loaded=""
  for _ in $(seq 1 100); do
    loaded="$(in_page "$loaded_js")"
    [[ "$loaded" == *'"value":true'* ]] && break
    sleep 0.1
  done
  [[ "$loaded" == *'"value":true'* ]] || die "The board did not show its tasks within 10 seconds ($4)."
  in_page "$scroll_js" >/dev/null
  webdriver GET "/session/$session/screenshot" | sed -n 's/.*"value":"\([^"]*\)".*/\1/p' | base64 -d >"$file"
  [[ -s "$file" ]] || die "No screenshot was written to $file."
  info "Wrote $file ($(human_size "$(wc -c <"$file")"))"
}

mkdir -p "$out_dir"
shoot board-list.png 1280 900 ''
shoot board-columns.png 1280 900 '?layout=board'
shoot board-phone.png 390 844 '?layout=board'
