#!/usr/bin/env bash
# Audit the pinned requirements for known vulnerabilities with pip-audit.
# requirements.txt pins every package (transitive ones too), so nothing is resolved or installed:
# each pin is looked up in the advisory service (default: PyPI's JSON API, which serves the
# advisories of the Python Packaging Advisory Database; AUDIT_SERVICE=osv for OSV).
# --strict: a package that cannot be looked up fails the audit instead of being skipped silently.
# Extra arguments go to pip-audit (e.g. --format json, --ignore-vuln GHSA-…).
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
exec "$PIP_AUDIT" --requirement requirements.txt --no-deps --disable-pip --strict \
  --vulnerability-service "${AUDIT_SERVICE:-pypi}" --progress-spinner off --desc on "$@"
