"""The processes bench/live_load.py runs: a private Redis, a private PostgreSQL, uvicorn workers.

Private servers on their own ports (Redis 6390, PostgreSQL 5441 by default: never the 6379/5432
of a developer's or CI's own servers), in /tmp, stopped at the end. Nothing here is Django.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_DATA = Path("/tmp/live-bench-pgdata")


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(port: int, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if listening(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on port {port}")


class PrivateRedis:
    """`redis-server` on a port of its own, no persistence; stopped with `shutdown nosave`."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"

    def __enter__(self):
        if listening(self.port):
            raise RuntimeError(f"port {self.port} is taken: pass --redis URL to use that Redis, or --redis-port")
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--daemonize", "yes"]
        subprocess.run([*command, "--save", "", "--appendonly", "no"], check=True, stdout=subprocess.DEVNULL)
        wait_listening(self.port, "redis-server")
        return self

    def __exit__(self, *exc):
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], stdout=subprocess.DEVNULL, check=False)


class PrivatePostgres:
    """A PostgreSQL cluster of the benchmark's own in /tmp (initdb as `postgres`, trust on loopback).

    Kept between runs (a migrated database makes the next start quick); `fresh` starts it over."""

    def __init__(self, port: int, fresh: bool = False):
        self.port, self.fresh = port, fresh
        self.url = f"postgres://postgres@127.0.0.1:{port}/live_bench"
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        self.bin = versions[-1] if versions else Path(shutil.which("pg_ctl") or "pg_ctl").parent

    def _as_postgres(self, *command: str) -> None:
        line = " ".join(str(part) for part in command)
        runner = ["su", "postgres", "-c", line] if os.geteuid() == 0 else ["sh", "-c", line]
        subprocess.run(runner, check=True, stdout=subprocess.DEVNULL)

    def __enter__(self):
        if listening(self.port):
            raise RuntimeError(f"port {self.port} is taken: pass --database-url, or --pg-port")
        if self.fresh or not (PG_DATA / "PG_VERSION").exists():
            shutil.rmtree(PG_DATA, ignore_errors=True)
            PG_DATA.mkdir(mode=0o700)
            if os.geteuid() == 0:
                shutil.chown(PG_DATA, "postgres", "postgres")
            self._as_postgres(self.bin / "initdb", "-D", PG_DATA, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -c max_connections=300 -k /tmp"
        log = PG_DATA / "server.log"
        self._as_postgres(self.bin / "pg_ctl", "-D", PG_DATA, "-l", log, "-o", f"'{options}'", "-w", "start")
        psql = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qAt"]
        exists = subprocess.run([*psql, "-c", "SELECT 1 FROM pg_database WHERE datname = 'live_bench'"], capture_output=True)
        if not exists.stdout.strip():
            subprocess.run([*psql, "-c", "CREATE DATABASE live_bench"], check=True)
        return self

    def __exit__(self, *exc):
        self._as_postgres(self.bin / "pg_ctl", "-D", PG_DATA, "-m", "fast", "-w", "stop")


def start_uvicorn(port: int, env: dict, log: Path, nice: int = 0) -> subprocess.Popen:
    """One ASGI worker with the flags of deploy/systemd/consultazione@.service."""
    command = [
        str(ROOT / ".venv/bin/uvicorn"), "consultazione.asgi:application", "--host", "127.0.0.1", "--port", str(port),
        "--loop", "uvloop", "--http", "httptools", "--ws", "websockets-sansio", "--ws-per-message-deflate", "false",
        "--ws-max-size", "65536", "--no-proxy-headers", "--no-access-log", "--timeout-keep-alive", "10",
        "--timeout-graceful-shutdown", "20", "--lifespan", "off", "--backlog", "8192",
    ]  # fmt: skip
    return start_process(command, port, env, log, nice, what="uvicorn")


def start_process(command: list[str], port: int, env: dict, log: Path, nice: int, what: str) -> subprocess.Popen:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: os.nice(nice),
    )
    try:
        wait_listening(port, what)
    except RuntimeError:
        process.kill()
        raise RuntimeError(f"{what} did not start on port {port} (see {log})") from None
    return process


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SEVERE = re.compile(r"\b(ERROR|CRITICAL)\b|^Traceback ")


def log_problems(log: Path) -> dict:
    """ERROR (and CRITICAL) records and WARNINGs in a worker's output: JSON records by their level,
    anything else (uvicorn before logging is configured, a bare traceback) by its text."""
    errors, warnings, first = 0, 0, None
    for line in log.read_text(errors="replace").splitlines():
        try:
            level = json.loads(line).get("level", "")
        except (ValueError, AttributeError):
            level = "ERROR" if SEVERE.search(line) else ("WARNING" if "WARNING" in line else "")
        if level in ("ERROR", "CRITICAL"):
            errors += 1
            first = first or line[:300]
        elif level == "WARNING":
            warnings += 1
    return {"errors": errors, "warnings": warnings, "first_error": first}
