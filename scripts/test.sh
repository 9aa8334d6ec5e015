#!/usr/bin/env bash
# Set up and run the whole test suite: lint, import contracts, migrations check, pytest.
# Uses DATABASE_URL / REDIS_URL when set (CI: PostgreSQL + Redis), else SQLite + in-memory layer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_SETTINGS_MODULE=consultazione.settings.test

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== frontend lint (eslint, prettier)"
(cd frontend && npm run --silent lint)
echo "== import contracts"
.venv/bin/lint-imports
echo "== migrations"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider --create-db -n "${PYTEST_WORKERS:-2}" "$@"
