#!/usr/bin/env bash
# spid-sp-test (the AgID SPID/CIE SP validator) in its own tool venv, .venv-spid: it pins an old
# `packaging` that would downgrade the project's .venv. Usage: scripts/spid-sp-test.sh [args…]
# (no args: only install). The tests run .venv-spid/bin/spid_sp_test (tests/accounts/spid/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-spid/bin/spid_sp_test ]; then
    python3 -m venv .venv-spid
    .venv-spid/bin/pip install --disable-pip-version-check -q spid-sp-test==1.2.18
fi
if [ "$#" -gt 0 ]; then
    exec .venv-spid/bin/spid_sp_test "$@"
fi
