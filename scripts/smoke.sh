#!/usr/bin/env bash
# End-to-end smoke test of a deployed Task API: create, list, get, update,
# comment on the task, list its comments, read its activity (the comment, the
# update and the creation, newest first), delete the comment, attach a text file
# to the task (upload it to the URL the API grants, with exactly the headers it
# grants, complete the attachment, read it and download the same bytes through
# its download URL, delete it), delete the task, get-after-delete (404), validation error (400), an unknown path (404
# with a JSON body and CORS headers) and the CORS preflight; then shared lists:
# GET /me, create, read and rename a list, list its members, create an
# invitation and redeem it as the same user (200, already a member), create a
# task in the list and list it with ?list_id=, delete the list and check that
# the list and its task are gone (404). Given a token, it first proves that
# authentication is enforced: no token, and an invalid token, are each a 401
# with WWW-Authenticate and CORS headers (on API Gateway that is the gateway's
# own answer, not the function's).
# A deployment always serves attachments (Terraform gives the function its
# bucket; the local server keeps the files on disk), so a 404 from them fails.
# Each step prints PASS or FAIL; the script stops at the first failure and
# deletes the tasks and lists it created, so it leaves no data behind.
#
# Usage: scripts/smoke.sh API_URL
#
#   API_URL  the stage URL, i.e. `terraform output -raw api_endpoint`,
#            e.g. https://abc123.execute-api.us-east-1.amazonaws.com/dev
#            (may also be given as the API_URL environment variable)
#
# Environment:
#   SMOKE_AUTH_TOKEN     a user's token, sent as "Authorization: Bearer <token>";
#                        needed when the API authenticates (auth_mode =
#                        "cognito": SMOKE_AUTH_TOKEN="$(scripts/smoke-token.sh
#                        ENV)"; a local server with TASKS_AUTH=jwt). Without it
#                        the two authentication checks are skipped (reported as
#                        SKIP): right for an API that serves everyone, i.e.
#                        auth_mode = "none" or the local server's default
#                        TASKS_AUTH=none, where a request without a token is 200.
#   SMOKE_API_KEY        an API key, sent as x-api-key; needed when the
#                        deployment has api_keys_enabled = true
#   SMOKE_ORIGIN         Origin sent with the CORS checks (default
#                        https://example.com); must be an allowed origin when
#                        the API does not allow "*" (API Gateway's own errors
#                        allow every origin)
#   SMOKE_TIMEOUT        seconds allowed per request (default 30)
#   SMOKE_READY_TIMEOUT  seconds to wait for a fresh deployment to answer
#                        before the checks start (default 60)
#
# Needs curl and cmp, and jq or python3 to read JSON.
set -euo pipefail

# usage: the comment block above, up to the first line that is not a comment.
usage() { awk 'NR == 1 { next } !/^#/ { exit } { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; }

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  GREEN=$'\033[32m' RED=$'\033[31m' BOLD=$'\033[1m' RESET=$'\033[0m'
else
  GREEN='' RED='' BOLD='' RESET=''
fi

die() {
  printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2
  exit 2
}

# --- arguments and prerequisites ---------------------------------------------
case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
esac
(($# <= 1)) || die "Too many arguments. Usage: scripts/smoke.sh API_URL"
api_url="${1:-${API_URL:-}}"
[[ -n "$api_url" ]] || die "API_URL is required. Usage: scripts/smoke.sh API_URL (see 'terraform -chdir=infrastructure output -raw api_endpoint')."
api_url="${api_url%/}"
[[ "$api_url" =~ ^https?://[^[:space:]]+$ ]] || die "API_URL must be an http(s) URL, got '$api_url'."

origin="${SMOKE_ORIGIN:-https://example.com}"
timeout="${SMOKE_TIMEOUT:-30}"
ready_timeout="${SMOKE_READY_TIMEOUT:-60}"
[[ "$timeout" =~ ^[0-9]+$ && "$timeout" -gt 0 ]] || die "SMOKE_TIMEOUT must be a positive number of seconds."
[[ "$ready_timeout" =~ ^[0-9]+$ ]] || die "SMOKE_READY_TIMEOUT must be a number of seconds."

command -v curl >/dev/null 2>&1 || die "curl is required but was not found on PATH."
if command -v jq >/dev/null 2>&1 && jq -n 1 >/dev/null 2>&1; then
  json_tool=jq
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import json' >/dev/null 2>&1; then
  json_tool=python3
else
  die "jq or python3 is required to read JSON responses; neither was found on PATH."
fi

# --- cleanup -----------------------------------------------------------------
forget_id() {
  local keep=() id
  for id in ${created_ids[@]+"${created_ids[@]}"}; do
    [[ "$id" == "$1" ]] || keep+=("$id")
  done
  created_ids=(${keep[@]+"${keep[@]}"})
}

forget_list_id() {
  local keep=() id
  for id in ${created_list_ids[@]+"${created_list_ids[@]}"}; do
    [[ "$id" == "$1" ]] || keep+=("$id")
  done
  created_list_ids=(${keep[@]+"${keep[@]}"})
}

cleanup() {
  local status=$? id
  for id in ${created_ids[@]+"${created_ids[@]}"}; do
    request DELETE "/tasks/$id"
    if [[ "$http_status" =~ ^2 || "$http_status" == 404 ]]; then
      printf 'cleanup: deleted task %s\n' "$id"
    else
      printf '%swarning:%s could not delete task %s (HTTP %s); delete it by hand\n' "$RED" "$RESET" "$id" "$http_status" >&2
    fi
  done
  # Deleting a list also deletes its tasks, members and invitations.
  for id in ${created_list_ids[@]+"${created_list_ids[@]}"}; do
    request DELETE "/lists/$id"
    if [[ "$http_status" =~ ^2 || "$http_status" == 404 ]]; then
      printf 'cleanup: deleted list %s\n' "$id"
    else
      printf '%swarning:%s could not delete list %s (HTTP %s); delete it by hand\n' "$RED" "$RESET" "$id" "$http_status" >&2
    fi
  done
  rm -rf "$tmp_dir"
  exit "$status"
}

created_ids=()      # tasks to delete on exit if a later step fails
created_list_ids=() # lists to delete on exit if a later step fails
tmp_dir="$(mktemp -d)"
trap cleanup EXIT
auth_header_file=""
if [[ -n "${SMOKE_AUTH_TOKEN:-}" ]]; then
  # Passed to curl as a file so the token does not show up in the process list.
  auth_header_file="$tmp_dir/auth-header"
  (umask 077 && printf 'Authorization: Bearer %s\n' "$SMOKE_AUTH_TOKEN" >"$auth_header_file")
fi
api_key_header_file=""
if [[ -n "${SMOKE_API_KEY:-}" ]]; then
  api_key_header_file="$tmp_dir/api-key-header"
  (umask 077 && printf 'x-api-key: %s\n' "$SMOKE_API_KEY" >"$api_key_header_file")
fi

# --- HTTP --------------------------------------------------------------------
http_status=""
body=""

# request METHOD PATH [JSON_BODY] [HEADER...]: sets http_status and body; the
# response headers are left in $tmp_dir/headers. A body is sent as
# application/json unless a Content-Type HEADER says otherwise.
request() {
  local method="$1" path="$2" data="${3:-}"
  shift $(($# < 3 ? $# : 3))
  local args=(-sS -X "$method" -o "$tmp_dir/body" -D "$tmp_dir/headers" -w '%{http_code}'
    --max-time "$timeout" -H 'Accept: application/json')
  local header content_type='Content-Type: application/json'
  for header in "$@"; do
    case "$header" in
      [Cc]ontent-[Tt]ype:*) content_type="$header" ;;
      *) args+=(-H "$header") ;;
    esac
  done
  if [[ -n "$data" ]]; then
    args+=(-H "$content_type" --data-binary "$data")
  fi
  if [[ -n "$auth_header_file" ]]; then
    args+=(-H "@$auth_header_file")
  fi
  if [[ -n "$api_key_header_file" ]]; then
    args+=(-H "@$api_key_header_file")
  fi
  : >"$tmp_dir/body"
  : >"$tmp_dir/headers"
  if ! http_status="$(curl "${args[@]}" "$api_url$path" 2>"$tmp_dir/curl-error")"; then
    http_status=000
  fi
  body="$(cat "$tmp_dir/body")"
}

# transfer METHOD URL [CURL_ARG...]: a request to a URL the API granted (an S3
# presigned URL, or the local server's own /files/...), sent as it is and without
# the API's credentials or API key: the URL is its own authority, and S3 refuses
# a request authenticated twice. Sets http_status and body as request does; the
# response's bytes are left in $tmp_dir/transfer and its headers in $tmp_dir/headers.
transfer() {
  local method="$1" url="$2"
  shift 2
  : >"$tmp_dir/transfer"
  : >"$tmp_dir/headers"
  if ! http_status="$(curl -sS -X "$method" -o "$tmp_dir/transfer" -D "$tmp_dir/headers" -w '%{http_code}' \
    --max-time "$timeout" "$@" "$url" 2>"$tmp_dir/curl-error")"; then
    http_status=000
  fi
  body="$(head -c 2000 "$tmp_dir/transfer")"
}

# request_without_auth ARGS...: as request, without SMOKE_AUTH_TOKEN.
request_without_auth() {
  local saved="$auth_header_file"
  auth_header_file=""
  request "$@"
  auth_header_file="$saved"
}

# response_header NAME: value of a header of the last response (empty if absent).
response_header() {
  grep -i "^$1:" "$tmp_dir/headers" | tail -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^[[:space:]]*//' || true
}

# --- JSON --------------------------------------------------------------------
# json_type PATH / json_value PATH read the last response body. PATH is a dotted
# key path ("" for the document itself, "task.status" for a nested field,
# "items.0.id" for a field of an array's first element).
# json_type prints object, array, string, integer, number, boolean, null,
# missing or invalid; json_value prints strings raw and anything else as JSON.
# shellcheck disable=SC2016 # jq variables, not shell ones
readonly JQ_LOOKUP='
  def lookup($keys):
    reduce $keys[] as $k ({v: ., ok: true};
      if .ok and (.v | type) == "object" and (.v | has($k)) then {v: .v[$k], ok: true}
      elif .ok and (.v | type) == "array" and ($k | test("^[0-9]+$")) and ($k | tonumber) < (.v | length)
      then {v: .v[$k | tonumber], ok: true}
      else {v: null, ok: false} end);
  lookup($p | if . == "" then [] else split(".") end)'

readonly PY_LOOKUP='
import json, sys
mode, path = sys.argv[1], sys.argv[2]
try:
    v = json.loads(sys.stdin.read())
except ValueError:
    print("invalid")
    sys.exit(0)
for key in path.split(".") if path else []:
    if isinstance(v, dict) and key in v:
        v = v[key]
    elif isinstance(v, list) and key.isdigit() and int(key) < len(v):
        v = v[int(key)]
    else:
        print("missing" if mode == "type" else "")
        sys.exit(0)
if mode == "type":
    if v is None: print("null")
    elif isinstance(v, bool): print("boolean")
    elif isinstance(v, int): print("integer")
    elif isinstance(v, float): print("number")
    elif isinstance(v, str): print("string")
    elif isinstance(v, list): print("array")
    else: print("object")
elif mode == "entries":
    for key, item in v.items() if isinstance(v, dict) else []:
        print("%s: %s" % (key, item if isinstance(item, str) else json.dumps(item, separators=(",", ":"))))
else:
    print(v if isinstance(v, str) else json.dumps(v, separators=(",", ":")))
'

json_type() {
  local out
  if [[ "$json_tool" == jq ]]; then
    out="$(jq -r --arg p "$1" "$JQ_LOOKUP"'
      | if .ok | not then "missing"
        elif (.v | type) == "number" and (.v | floor) == .v then "integer"
        else .v | type end' <<<"$body" 2>/dev/null)" || out=invalid
  else
    out="$(python3 -c "$PY_LOOKUP" type "$1" <<<"$body")" || out=invalid
  fi
  printf '%s\n' "${out:-invalid}"
}

json_value() {
  if [[ "$json_tool" == jq ]]; then
    jq -r --arg p "$1" "$JQ_LOOKUP"' | .v | if type == "string" then . else tojson end' <<<"$body" 2>/dev/null || true
  else
    python3 -c "$PY_LOOKUP" value "$1" <<<"$body" || true
  fi
}

# json_entries PATH: the members of the object at PATH, one "name: value" line each
# (nothing when it is not an object).
json_entries() {
  if [[ "$json_tool" == jq ]]; then
    jq -r --arg p "$1" "$JQ_LOOKUP"' | .v | if type == "object" then to_entries[]
      | "\(.key): \(.value | if type == "string" then . else tojson end)" else empty end' <<<"$body" 2>/dev/null || true
  else
    python3 -c "$PY_LOOKUP" entries "$1" <<<"$body" || true
  fi
}

# --- steps and expectations --------------------------------------------------
total_steps=30
[[ -z "$auth_header_file" ]] || total_steps=32
step_no=0
passed=0
step_title=""
problems=()

begin_step() {
  step_no=$((step_no + 1))
  step_title="$1"
  problems=()
}

problem() { problems+=("$1"); }

expect_status() {
  [[ "$http_status" == "$1" ]] || problem "expected HTTP $1, got HTTP $http_status"
}

expect_success_status() {
  [[ "$http_status" =~ ^2[0-9][0-9]$ ]] || problem "expected a 2xx status, got HTTP $http_status"
}

expect_json() {
  [[ "$(json_type "")" == object ]] || problem "expected a JSON object body"
}

# expect_error_body: a JSON error as both the function (application/problem+json)
# and API Gateway's gateway responses (application/json) write it.
expect_error_body() {
  local content_type
  content_type="$(response_header Content-Type)"
  [[ "$content_type" =~ ^application/(problem\+)?json ]] || problem "expected a JSON Content-Type, got '${content_type:-none}'"
  expect_json
  expect_type message string
}

# expect_header NAME: the last response has header NAME.
expect_header() {
  [[ -n "$(response_header "$1")" ]] || problem "expected a $1 header"
}

# expect_cors: the last response lets a page of SMOKE_ORIGIN read it.
expect_cors() {
  local allow_origin
  allow_origin="$(response_header Access-Control-Allow-Origin)"
  if [[ -z "$allow_origin" ]]; then
    problem "expected an Access-Control-Allow-Origin header for Origin $origin"
  elif [[ "$allow_origin" != "*" && "$allow_origin" != "$origin" ]]; then
    problem "expected Access-Control-Allow-Origin to be * or $origin, got $allow_origin"
  fi
}

# expect_type PATH TYPE[|TYPE...]
expect_type() {
  local actual
  actual="$(json_type "$1")"
  [[ "|$2|" == *"|$actual|"* ]] || problem "expected '$1' to be $2, got $actual"
}

# expect_equal PATH VALUE
expect_equal() {
  local actual_type actual
  actual_type="$(json_type "$1")"
  if [[ "$actual_type" == missing || "$actual_type" == invalid ]]; then
    problem "expected '$1' == \"$2\", but it is $actual_type"
    return
  fi
  actual="$(json_value "$1")"
  [[ "$actual" == "$2" ]] || problem "expected '$1' == \"$2\", got \"$actual\""
}

end_step() {
  local detail="${1:-}"
  if ((${#problems[@]} == 0)); then
    passed=$((passed + 1))
    printf '%sPASS%s [%d/%d] %s%s\n' "$GREEN" "$RESET" "$step_no" "$total_steps" "$step_title" "${detail:+ ($detail)}"
    return
  fi
  printf '%sFAIL%s [%d/%d] %s\n' "$RED" "$RESET" "$step_no" "$total_steps" "$step_title"
  local p
  for p in "${problems[@]}"; do
    printf '       - %s\n' "$p"
  done
  if [[ "$http_status" == 000 && -s "$tmp_dir/curl-error" ]]; then
    printf '       curl: %s\n' "$(head -c 300 "$tmp_dir/curl-error")"
  fi
  printf '       response: HTTP %s %s\n' "$http_status" "$(head -c 500 <<<"$body")"
  if [[ "$http_status" == 401 && -z "$auth_header_file" ]]; then
    # shellcheck disable=SC2016 # a command for the user to run, printed as it is
    printf '       hint: the API requires authentication; set SMOKE_AUTH_TOKEN (with Cognito: SMOKE_AUTH_TOKEN="$(scripts/smoke-token.sh ENV)")\n'
  fi
  printf '%d passed, 1 failed\n' "$passed"
  exit 1
}

# --- run ---------------------------------------------------------------------
printf '%sSmoke testing %s%s (JSON via %s%s)\n' "$BOLD" "$api_url" "$RESET" "$json_tool" \
  "${auth_header_file:+, with bearer token}"

# A deployment can take a few seconds to start answering (permissions
# propagating, first SnapStart restore). Wait with a safe, read-only request.
deadline=$((SECONDS + ready_timeout))
while :; do
  request GET /tasks
  [[ "$http_status" =~ ^(000|500|502|503|504)$ ]] || break
  ((SECONDS < deadline)) || break
  printf 'waiting for the API to answer (HTTP %s)...\n' "$http_status"
  sleep 5
done

# Authentication, before anything is written: with a token the API must refuse
# requests without a valid one. Without a token there is nothing to compare.
if [[ -n "$auth_header_file" ]]; then
  begin_step "GET /tasks without a token is 401"
  request_without_auth GET /tasks '' "Origin: $origin"
  expect_status 401
  expect_header WWW-Authenticate
  expect_cors
  expect_error_body
  end_step "WWW-Authenticate: $(response_header WWW-Authenticate)"

  begin_step "GET /tasks with an invalid token is 401"
  # A malformed token, then a well-formed JWT whose signature no key made.
  for bad_token in not-a-token \
    eyJhbGciOiJSUzI1NiIsImtpZCI6InNtb2tlLXRlc3QifQ.eyJzdWIiOiJzbW9rZS10ZXN0IiwidG9rZW5fdXNlIjoiaWQifQ.bm90IGEgc2lnbmF0dXJl; do
    request_without_auth GET /tasks '' "Origin: $origin" "Authorization: Bearer $bad_token"
    expect_status 401
    expect_header WWW-Authenticate
    expect_cors
    ((${#problems[@]} == 0)) || break
  done
  end_step "malformed and forged tokens"
else
  printf 'SKIP the authentication checks: no SMOKE_AUTH_TOKEN (right only for an API without authentication)\n'
fi

# 1. Create
begin_step "POST /tasks creates a task"
request POST /tasks '{"task":"Smoke test","priority":"high"}'
expect_status 201
expect_json
task_id="$(json_value id)"
if [[ "$http_status" =~ ^2 && -n "$task_id" ]]; then
  created_ids+=("$task_id")
fi
expect_type id string
[[ "$task_id" =~ ^[A-Za-z0-9._~-]+$ ]] || problem "expected a URL-safe task id, got \"$task_id\""
expect_equal task.task "Smoke test"
expect_equal task.status new
expect_equal task.priority high
end_step "id $task_id"

# 2. List
begin_step "GET /tasks lists tasks"
request GET /tasks
expect_status 200
expect_json
expect_type items array
expect_type count integer
expect_type next 'string|null'
end_step "count $(json_value count)"

# 3. Get one
begin_step "GET /tasks/{id} returns the task"
request GET "/tasks/$task_id"
expect_status 200
expect_json
expect_equal id "$task_id"
end_step

# 4. Update
begin_step "PUT /tasks/{id} updates the task"
request PUT "/tasks/$task_id" '{"status":"in_progress","priority":"urgent"}'
expect_status 200
expect_json
expect_equal message "Task updated successfully"
expect_equal task.status in_progress
expect_equal task.priority urgent
end_step

# 5. Comment on it
begin_step "POST /tasks/{id}/comments posts a comment"
request POST "/tasks/$task_id/comments" '{"text":"  Smoke test comment  "}'
expect_status 201
expect_json
comment_id="$(json_value id)"
comment_author="$(json_value author)"
expect_type id string
[[ "$comment_id" =~ ^[A-Za-z0-9._~-]+$ ]] || problem "expected a URL-safe comment id, got \"$comment_id\""
expect_equal task_id "$task_id"
expect_equal text "Smoke test comment"
expect_type author string
expect_type created_at integer
location="$(response_header Location)"
[[ "$location" == */tasks/"$task_id"/comments/"$comment_id" ]] || problem "expected a Location naming the comment, got \"$location\""
end_step "id $comment_id"

# 6. Its comments
begin_step "GET /tasks/{id}/comments lists the comment"
request GET "/tasks/$task_id/comments"
expect_status 200
expect_json
expect_type items array
expect_equal count 1
expect_equal items.0.id "$comment_id"
expect_equal items.0.text "Smoke test comment"
expect_type next 'string|null'
end_step

# 7. Its activity
begin_step "GET /tasks/{id}/activity lists the comment, the update and the creation"
request GET "/tasks/$task_id/activity"
expect_status 200
expect_json
expect_type items array
expect_equal count 3
expect_equal items.0.action commented
expect_equal items.0.comment_id "$comment_id"
expect_equal items.0.actor "$comment_author"
expect_equal items.1.action updated
expect_equal items.1.changes.status.from new
expect_equal items.1.changes.status.to in_progress
expect_equal items.2.action created
expect_equal items.2.id 1
expect_equal items.2.changes.task.to "Smoke test"
expect_type next 'string|null'
end_step

# 8. Delete the comment
begin_step "DELETE /tasks/{id}/comments/{comment_id} deletes the comment"
request DELETE "/tasks/$task_id/comments/$comment_id"
expect_status 200
expect_json
expect_equal message "Comment deleted successfully"
expect_equal id "$comment_id"
end_step

# 9. Attach a file
begin_step "POST /tasks/{id}/attachments attaches a text file"
printf 'Smoke test attachment\n' >"$tmp_dir/upload"
upload_size="$(wc -c <"$tmp_dir/upload" | tr -d '[:space:]')"
request POST "/tasks/$task_id/attachments" \
  "{\"filename\":\"smoke-test.txt\",\"content_type\":\"text/plain\",\"size\":$upload_size}"
expect_status 201
if [[ "$http_status" == 404 && "$(json_value message)" != "Task not found" ]]; then
  problem "the API serves no attachments: every deployment should (the function's TASKS_ATTACHMENTS_BUCKET, the local server's files folder)"
fi
expect_json
attachment_id="$(json_value attachment.id)"
expect_type attachment.id string
[[ "$attachment_id" =~ ^[A-Za-z0-9._~-]+$ ]] || problem "expected a URL-safe attachment id, got \"$attachment_id\""
expect_equal attachment.task_id "$task_id"
expect_equal attachment.filename smoke-test.txt
expect_equal attachment.content_type text/plain
expect_equal attachment.size "$upload_size"
expect_equal attachment.status pending
expect_equal upload.method PUT
expect_type upload.headers object
expect_equal upload.headers.Content-Type text/plain
expect_equal upload.headers.Content-Length "$upload_size"
expect_type upload.expires_at integer
upload_url="$(json_value upload.url)"
[[ "$upload_url" =~ ^https?://[^[:space:]]+$ ]] || problem "expected an http(s) upload URL, got \"$upload_url\""
# The granted headers, each sent exactly as granted (curl's "Name;" sends one with an empty value).
upload_headers=()
header_line='^[A-Za-z0-9-]+: [^[:cntrl:]]*$'
while IFS= read -r line; do
  if [[ ! "$line" =~ $header_line ]]; then
    problem "expected upload.headers to be header names and values, got \"$line\""
  elif [[ "$line" == *": " ]]; then
    upload_headers+=(-H "${line%: };")
  else
    upload_headers+=(-H "$line")
  fi
done < <(json_entries upload.headers)
location="$(response_header Location)"
[[ "$location" == */tasks/"$task_id"/attachments/"$attachment_id" ]] || problem "expected a Location naming the attachment, got \"$location\""
end_step "id $attachment_id, $upload_size bytes"

# 10. Upload it
begin_step "PUT on the upload URL with exactly the granted headers stores the file"
transfer PUT "$upload_url" --upload-file "$tmp_dir/upload" ${upload_headers[@]+"${upload_headers[@]}"}
expect_success_status
end_step "HTTP $http_status, $((${#upload_headers[@]} / 2)) granted headers"

# 11. Complete it
begin_step "POST /tasks/{id}/attachments/{attachment_id}/complete makes it available"
request POST "/tasks/$task_id/attachments/$attachment_id/complete"
expect_status 200
expect_json
expect_equal id "$attachment_id"
expect_equal size "$upload_size"
expect_equal status available
end_step

# 12. Read it
begin_step "GET /tasks/{id}/attachments/{attachment_id} returns it with a download URL"
request GET "/tasks/$task_id/attachments/$attachment_id"
expect_status 200
expect_json
expect_equal attachment.id "$attachment_id"
expect_equal attachment.status available
expect_type download object
expect_type download.expires_at integer
download_url="$(json_value download.url)"
[[ "$download_url" =~ ^https?://[^[:space:]]+$ ]] || problem "expected an http(s) download URL, got \"$download_url\""
end_step "expires_at $(json_value download.expires_at)"

# 13. Download it
begin_step "GET on the download URL serves the uploaded bytes as an attachment"
transfer GET "$download_url"
expect_status 200
if ! cmp -s "$tmp_dir/upload" "$tmp_dir/transfer"; then
  problem "expected the $upload_size bytes uploaded, got $(wc -c <"$tmp_dir/transfer" | tr -d '[:space:]') other bytes"
fi
disposition="$(response_header Content-Disposition)"
[[ "$disposition" =~ ^attachment($|[[:space:]]*\;) ]] || problem "expected Content-Disposition: attachment, got '${disposition:-none}'"
download_type="$(response_header Content-Type)"
[[ "$download_type" == text/plain* ]] || problem "expected Content-Type text/plain, got '${download_type:-none}'"
end_step "Content-Disposition: $disposition"

# 14. Delete it
begin_step "DELETE /tasks/{id}/attachments/{attachment_id} deletes the attachment"
request DELETE "/tasks/$task_id/attachments/$attachment_id"
expect_status 200
expect_json
expect_equal message "Attachment deleted successfully"
expect_equal id "$attachment_id"
if ((${#problems[@]} == 0)); then
  request GET "/tasks/$task_id/attachments/$attachment_id"
  expect_status 404
  expect_json
  expect_equal message "Attachment not found"
fi
end_step

# 15. Delete
begin_step "DELETE /tasks/{id} deletes the task"
request DELETE "/tasks/$task_id"
[[ "$http_status" == 200 ]] && forget_id "$task_id"
expect_status 200
expect_json
expect_equal message "Task deleted successfully"
expect_equal id "$task_id"
end_step

# 16. Gone
begin_step "GET /tasks/{id} after delete is 404"
request GET "/tasks/$task_id"
expect_status 404
expect_json
expect_equal message "Task not found"
end_step

# 17. Validation
begin_step "POST /tasks with an empty task is rejected"
request POST /tasks '{"task":""}'
if [[ "$http_status" =~ ^2 ]]; then
  stray_id="$(json_value id)"
  [[ -z "$stray_id" ]] || created_ids+=("$stray_id")
fi
expect_status 400
expect_json
expect_type message string
end_step "$(json_value message)"

# 18. Unknown path
begin_step "GET on an unknown path is 404 with a JSON body and CORS headers"
request GET /smoke-test-no-such-path '' "Origin: $origin"
expect_status 404
expect_error_body
expect_cors
end_step "$(json_value message)"

# 19. CORS preflight
begin_step "OPTIONS /tasks answers the CORS preflight"
request OPTIONS /tasks '' "Origin: $origin" 'Access-Control-Request-Method: POST'
expect_success_status
allow_origin="$(response_header Access-Control-Allow-Origin)"
if [[ -z "$allow_origin" ]]; then
  problem "expected an Access-Control-Allow-Origin header for Origin $origin (set SMOKE_ORIGIN to an allowed origin)"
elif [[ "$allow_origin" != "*" && "$allow_origin" != "$origin" ]]; then
  problem "expected Access-Control-Allow-Origin to be * or $origin, got $allow_origin"
fi
end_step "HTTP $http_status, Access-Control-Allow-Origin: ${allow_origin:-none}"

# 20. Who am I
begin_step "GET /me returns the caller's user id"
request GET /me
expect_status 200
expect_json
expect_type user_id string
expect_type name 'string|null'
user_id="$(json_value user_id)"
end_step "user_id $user_id"

# 21. Create a list
begin_step "POST /lists creates a list"
request POST /lists '{"name":"Smoke test list"}'
expect_status 201
expect_json
list_id="$(json_value id)"
if [[ "$http_status" =~ ^2 && -n "$list_id" ]]; then
  created_list_ids+=("$list_id")
fi
expect_type id string
[[ "$list_id" =~ ^[A-Za-z0-9._~-]+$ ]] || problem "expected a URL-safe list id, got \"$list_id\""
expect_equal name "Smoke test list"
expect_equal role owner
expect_header Location
end_step "id $list_id"

# 22. Read it
begin_step "GET /lists/{id} returns the list"
request GET "/lists/$list_id"
expect_status 200
expect_json
expect_equal id "$list_id"
expect_equal role owner
expect_header ETag
end_step "ETag $(response_header ETag)"

# 23. Rename it
begin_step "PATCH /lists/{id} renames the list"
request PATCH "/lists/$list_id" '{"name":"Smoke test list (renamed)"}' 'Content-Type: application/merge-patch+json'
expect_status 200
expect_json
expect_equal id "$list_id"
expect_equal name "Smoke test list (renamed)"
end_step

# 24. Members
begin_step "GET /lists/{id}/members lists the caller as its owner"
request GET "/lists/$list_id/members"
expect_status 200
expect_json
expect_type items array
expect_equal count 1
expect_equal items.0.user_id "$user_id"
expect_equal items.0.role owner
expect_type next 'string|null'
end_step

# 25. Invitation
begin_step "POST /lists/{id}/invitations creates an invitation"
request POST "/lists/$list_id/invitations" '{"role":"viewer"}'
expect_status 201
expect_json
invitation_code="$(json_value code)"
[[ "$invitation_code" =~ ^[A-Za-z0-9_-]{43}$ ]] || problem "expected a 43-character base64url code, got \"$invitation_code\""
expect_equal role viewer
expect_type expires_at integer
end_step "expires_at $(json_value expires_at)"

# 26. Redeem it as a member
begin_step "POST /invitations/{code} by a member is 200 and keeps their role"
request POST "/invitations/$invitation_code"
expect_status 200
expect_json
expect_equal id "$list_id"
expect_equal role owner
end_step

# 27. A task in the list
begin_step "POST /tasks with list_id creates a task in the list"
request POST /tasks "{\"task\":\"Smoke test list task\",\"list_id\":\"$list_id\"}"
expect_status 201
expect_json
list_task_id="$(json_value id)"
if [[ "$http_status" =~ ^2 && -n "$list_task_id" ]]; then
  created_ids+=("$list_task_id")
fi
expect_type id string
expect_equal task.list_id "$list_id"
end_step "id $list_task_id"

# 28. The list's tasks
begin_step "GET /tasks?list_id= lists the list's tasks"
request GET "/tasks?list_id=$list_id"
expect_status 200
expect_json
expect_type items array
expect_equal count 1
expect_equal items.0.id "$list_task_id"
expect_equal items.0.list_id "$list_id"
end_step

# 29. Delete the list
begin_step "DELETE /lists/{id} deletes the list"
request DELETE "/lists/$list_id"
if [[ "$http_status" == 200 ]]; then
  forget_list_id "$list_id"
  forget_id "$list_task_id"
fi
expect_status 200
expect_json
expect_equal message "List deleted successfully"
expect_equal id "$list_id"
end_step

# 30. Gone, with its task
begin_step "GET /lists/{id} and GET /tasks/{id} of its task after delete are 404"
request GET "/lists/$list_id"
expect_status 404
expect_json
expect_equal message "List not found"
if ((${#problems[@]} == 0)); then
  request GET "/tasks/$list_task_id"
  expect_status 404
  expect_json
  expect_equal message "Task not found"
fi
end_step

printf '%d passed, 0 failed\n' "$passed"
printf '%sAll %d smoke checks passed against %s%s\n' "$GREEN" "$total_steps" "$api_url" "$RESET"
