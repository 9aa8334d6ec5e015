#!/usr/bin/env bash
# Set up and run the platform on the embedded default (SQLite + in-memory channel layer),
# with demo data, at http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-consultazione.settings.dev}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed --demo
echo "Consultazione is running at http://${HOST:-127.0.0.1}:${PORT:-8000}/  (admin: admin@example.org / consultazione-demo)"
exec .venv/bin/uvicorn consultazione.asgi:application --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" --ws-per-message-deflate false
