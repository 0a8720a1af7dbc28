#!/usr/bin/env bash
# `make demo`: the whole site on SQLite with generated demo data, the task worker, the hourly
# request processing and a local mail catcher, at http://127.0.0.1:8000.  Ctrl-C stops
# everything.  Settings: DEMO_PORT (8000), EMAIL_PORT (1025), DEMO_SEED (2027),
# DEMO_PEOPLE (320); DEMO_RESET=1 starts from fresh demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
export MENTORMATCH_TASK_BACKEND="${MENTORMATCH_TASK_BACKEND:-database}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/var/demo.sqlite3}"
export MENTORMATCH_EMAIL_BACKEND="${MENTORMATCH_EMAIL_BACKEND:-django.core.mail.backends.smtp.EmailBackend}"
export EMAIL_HOST="${EMAIL_HOST:-127.0.0.1}" EMAIL_PORT="${EMAIL_PORT:-1025}"
DEMO_PORT="${DEMO_PORT:-8000}"
export MENTORMATCH_SITE_URL="${MENTORMATCH_SITE_URL:-http://127.0.0.1:$DEMO_PORT}"
# /healthz gives the task queue length (waited on below) only with this token.
export MENTORMATCH_HEALTH_TOKEN="${MENTORMATCH_HEALTH_TOKEN:-$(python3 -c "import secrets; print(secrets.token_urlsafe(24))")}"
MAIL_DIR=var/demo-mail
PY=.venv/bin/python

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$DEMO_PORT" "$EMAIL_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port on 127.0.0.1 is already in use (another demo still running?)." >&2
    echo "Stop it, or choose other ports: DEMO_PORT=8001 EMAIL_PORT=1026 make demo" >&2
    exit 1
  fi
done

mkdir -p var "$MAIL_DIR"
$PY manage.py migrate --noinput -v 0
seed_args=(--seed "${DEMO_SEED:-2027}" --people "${DEMO_PEOPLE:-320}")
if [[ "${DEMO_RESET:-0}" == 1 ]]; then seed_args+=(--reset); fi
$PY manage.py seed_demo "${seed_args[@]}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo "MentorMatch demo stopped."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

$PY -m mentormatch_dev.mailcatcher --host "$EMAIL_HOST" --port "$EMAIL_PORT" \
  --dir "$MAIL_DIR" & pids+=($!)
# The worker and the request processing log to files: the console shows the e-mails.
$PY manage.py task_worker --interval 1 --no-reload >>var/demo-worker.log 2>&1 & pids+=($!)
# Expire overdue mentoring requests and send reminders, as cron would hourly in production.
(
  trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  while :; do
    $PY manage.py process_requests || true
    sleep 600 & nap=$!
    wait "$nap"
  done
) >>var/demo-worker.log 2>&1 & pids+=($!)
$PY manage.py runserver --noreload "127.0.0.1:$DEMO_PORT" & pids+=($!)

# Say where to go once the site answers and the queued e-mails (invitations) have gone out.
DEMO_PORT="$DEMO_PORT" $PY - <<'PYTHON' || true
import json, os, time, urllib.request
url = f"http://127.0.0.1:{os.environ['DEMO_PORT']}/healthz"
# The queue length is a detail /healthz gives only with the health token.
request = urllib.request.Request(url, headers={"X-Health-Token": os.environ["MENTORMATCH_HEALTH_TOKEN"]})
for _ in range(45):
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            if json.load(response)["tasks"].get("waiting", 0) == 0:
                break
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(2)
PYTHON
echo
echo "MentorMatch is at http://127.0.0.1:$DEMO_PORT  (e-mails land in $MAIL_DIR/)"
echo "Sign in as coordinator, mentor or mentee with the password mentormatch-demo."
echo "Task worker log: var/demo-worker.log.  Ctrl-C stops everything."
# Any one of them stopping (e.g. a port taken) stops the demo.
wait -n "${pids[@]}"
