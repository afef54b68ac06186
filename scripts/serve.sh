#!/usr/bin/env bash
# `make serve`: the production configuration on this machine (PostgreSQL, gunicorn, WhiteNoise), on plain HTTP.
# Every setting can be given in the environment; deploy/production.env.example lists a real deployment's.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"

export DEBUG="${DEBUG:-0}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/meeting_tracker}"
export PORT="${PORT:-8000}"
# Loopback has no TLS: a Secure cookie would never come back, so no one could log in.
export SECURE_COOKIES="${SECURE_COOKIES:-0}"
if [ -z "${SECRET_KEY:-}" ]; then
  # One key per checkout, kept out of git (var/ is ignored), so sessions survive a restart.
  key_file=var/serve-secret-key
  if [ ! -s "$key_file" ]; then
    mkdir -p var
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file")
  fi
  SECRET_KEY="$(cat "$key_file")"
  export SECRET_KEY
fi

"$PY" scripts/ensure_database.py
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0

# The background worker (ZIPs, large exports) with the daily schedule inside it (-B: reminders, audit purge,
# expiry of files). CELERY_CONCURRENCY processes (default 1: on this 2-core machine the web workers need the
# cores; a ZIP or an export mostly waits on PostgreSQL and the disk). SERVE_WORKER=0 leaves it to another machine.
pids=()
if [ "${SERVE_WORKER:-1}" = "1" ]; then
  mkdir -p var
  "$PY" -m celery -A config worker -B --concurrency "${CELERY_CONCURRENCY:-1}" \
    --schedule var/celerybeat-schedule --loglevel "${LOG_LEVEL:-INFO}" --without-gossip --without-mingle &
  pids+=("$!")
  echo "background worker (celery -B, pid $!) on ${CELERY_BROKER_URL:-redis://127.0.0.1:6379/2}" >&2
fi

echo "serving http://${HOST:-127.0.0.1}:${PORT}/ (workers ${WEB_CONCURRENCY:-3} x threads ${GUNICORN_THREADS:-4})" >&2
"$PY" -m gunicorn --config config/gunicorn.py config.wsgi &
pids+=("$!")

# A TERM or Ctrl-C stops both warmly (gunicorn finishes its requests, the worker its task or hands it back).
# Either one ending ends the service, so that a supervisor (systemd) restarts it whole.
shutdown() { kill -TERM "${pids[@]}" 2>/dev/null || true; }
trap shutdown TERM INT
status=0
wait -n "${pids[@]}" || status=$?
shutdown
wait "${pids[@]}" 2>/dev/null || true
exit "$status"
