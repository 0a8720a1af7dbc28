#!/usr/bin/env bash
# `make serve`: MentorMatch's production web server (gunicorn, debug off, static files served
# by WhiteNoise).  Configuration comes from the environment (the README's "Production settings";
# deploy/mentormatch.env.example lists them).  The task worker and the scheduled jobs run
# beside it: deploy/systemd/ has the units, deploy/Procfile the same for other supervisors.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

if [[ "${DJANGO_DEBUG:-false}" == "true" ]]; then
  echo "DJANGO_DEBUG is true: 'make serve' is the production server; use 'make demo' to try MentorMatch." >&2
  exit 1
fi
if [[ -z "${DJANGO_SECRET_KEY:-}" ]]; then
  echo "Set DJANGO_SECRET_KEY (and the other production settings in the README) first." >&2
  exit 1
fi
$PY manage.py check --deploy
$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v 0
exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py config.wsgi
