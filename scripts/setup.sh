#!/usr/bin/env bash
# Idempotent setup: Python virtualenv with pinned packages, frontend build, database schema.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if ! cmp -s requirements.txt .venv/.requirements.installed 2>/dev/null; then
  .venv/bin/pip install --disable-pip-version-check -q -r requirements.txt
  cp requirements.txt .venv/.requirements.installed
fi

if [ ! -f frontend/dist/.built ] || [ frontend/package-lock.json -nt frontend/dist/.built ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
  touch frontend/dist/.built
fi
