"""The Nu Html Checker (vnu.jar, the W3C/WHATWG validator), run once over many files.

The jar comes from npm (`vnu-jar`, a pinned devDependency in frontend/package.json, installed by
`npm ci` in scripts/setup.sh); Java is Debian's (`default-jre-headless`, installed by .ci/run).
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

JAR = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Message:
    file: Path
    line: int | None
    column: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "") if self.line else "document"
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"\n      {extract[:200]}" if extract else "")


def java_and_jar() -> tuple[str, Path]:
    """The java executable and the jar; a missing tool skips the test on a laptop and fails it in CI."""
    java = shutil.which("java")
    missing = [what for what, ok in (("java (apt: default-jre-headless)", java), (f"{JAR} (npm ci)", JAR.is_file())) if not ok]
    if missing:
        reason = "the Nu Html Checker needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: required in CI")
        pytest.skip(reason)
    return java, JAR


def check(files: list[Path], *, timeout: int = 600) -> list[Message]:
    """Validate every file in one JVM; the errors (warnings and info are left out)."""
    java, jar = java_and_jar()
    command = [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--errors-only", "--exit-zero-always", "--stdout"]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise AssertionError(f"vnu.jar did not run (exit {result.returncode}): {result.stderr[-2000:]}")
    messages = []
    for item in json.loads(result.stdout)["messages"]:
        if item.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(item["url"]).path)) if item.get("url") else Path("?")
        messages.append(
            Message(path, item.get("lastLine"), item.get("firstColumn"), item.get("message", ""), item.get("extract", ""))
        )
    return messages
