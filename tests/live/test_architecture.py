"""ARCHITECTURE §3.4: live/broadcast.py is the only door to the channel layer."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYER_IMPORT = re.compile(
    r"^\s*(from\s+channels\.layers\s+import|import\s+channels\.layers|from\s+channels\s+import\s+.*\blayers\b)", re.M
)
ALLOWED = {"consultazione/live/broadcast.py"}
INFRASTRUCTURE: set[str] = set()  # /healthz goes through live.broadcast.check_roundtrip() too


def test_only_broadcast_imports_the_channel_layer():
    offenders = []
    for folder in ("consultazione", "api", "cms", "bench", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if LAYER_IMPORT.search(path.read_text(encoding="utf-8")) and relative not in ALLOWED | INFRASTRUCTURE:
                offenders.append(relative)
    assert offenders == []
    assert LAYER_IMPORT.search((ROOT / "consultazione/live/broadcast.py").read_text(encoding="utf-8"))


def test_the_consumer_has_no_channel_of_its_own():
    """No per-socket channel or group: the hub of the process delivers every frame."""
    source = (ROOT / "consultazione/live/consumers.py").read_text(encoding="utf-8")
    assert "channel_layer_alias = None" in source
    assert "group_add" not in source and "group_send" not in source
