"""spid-sp-test, the AgID validator, run as a subprocess from its own tool venv (.venv-spid,
made by scripts/spid-sp-test.sh: it pins an old `packaging`, so it cannot live in .venv)."""

import functools
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TOOL = ROOT / ".venv-spid" / "bin" / "spid_sp_test"


def require_tool() -> Path:
    """The tool's path; in CI a missing tool fails the test, elsewhere it skips with the reason."""
    if TOOL.exists():
        return TOOL
    reason = f"spid-sp-test is not installed ({TOOL}): run scripts/spid-sp-test.sh"
    if os.environ.get("CI", "").lower() not in {"", "0", "false"}:
        pytest.fail(reason)
    pytest.skip(reason)


@functools.cache
def idp_metadata() -> bytes | None:
    if not TOOL.exists():
        return None
    result = subprocess.run([str(TOOL), "--idp-metadata"], capture_output=True, timeout=120, check=True)
    return result.stdout


def run(*args: str, cwd: Path) -> dict:
    """Run the tool with a JSON report; returns {"failed": [...], "report": {...}, "output": str}."""
    tool = require_tool()
    report = cwd / "report.json"
    result = subprocess.run(
        [str(tool), *args, "-rf", "json", "-o", str(report), "--exit-zero"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )
    output = result.stdout + result.stderr
    data = json.loads(report.read_text()) if report.exists() else {}
    return {"failed": _failures(data), "report": data, "output": output}


def _failures(node) -> list[str]:
    """Every check whose result is not success, as "test: message"."""
    found = []
    if isinstance(node, dict):
        if node.get("result") in {"failure", "error", "warning"}:
            found.append(f"{node.get('test')} [{node.get('result')}]: {node.get('value') or node.get('description')}")
        for value in node.values():
            found.extend(_failures(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_failures(value))
    return found
