#!/usr/bin/env bash
# `make demo`: the whole site on SQLite with generated demo data, the task worker and a local
# mail catcher, at http://127.0.0.1:8000. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
export MENTORMATCH_TASK_BACKEND="${MENTORMATCH_TASK_BACKEND:-database}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/var/demo.sqlite3}"
export EMAIL_HOST="${EMAIL_HOST:-127.0.0.1}" EMAIL_PORT="${EMAIL_PORT:-1025}"
mkdir -p var/demo-mail
PY=.venv/bin/python

$PY manage.py migrate --noinput
$PY manage.py seed_demo

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$PY -m mentormatch.notifications.mailcatcher --host "$EMAIL_HOST" --port "$EMAIL_PORT" \
  --dir var/demo-mail & pids+=($!)
$PY manage.py db_worker --interval 1 & pids+=($!)
echo "MentorMatch is at http://127.0.0.1:8000  (e-mails land in var/demo-mail/)"
$PY manage.py runserver 127.0.0.1:8000
