"""Servers and load for bench/pages_load.py: the production server processes (uvicorn: one per
port, as the systemd units run them; gunicorn: sync workers on one port), their CPU time read from
/proc, and wrk spread over their ports."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(kind: str, workers: int, ports: list[int], env) -> list[subprocess.Popen]:
    """The server with the bench settings (production + the hello-world URL): its processes, each
    leading a process group (its workers, if any, are in it).

    uvicorn: one process per worker, each on its own port, as deploy/systemd/consultazione@.service
    runs them behind nginx (wrk's threads stand for nginx's round robin: bench_server). One port
    shared by `uvicorn --workers N` is not balanced: the worker that wakes first accepts most of
    wrk's keep-alive connections and keeps them for the whole run, so a page measured one core or
    two by chance. gunicorn: its sync workers share one port (one request per connection)."""
    env = {**env, "DJANGO_SETTINGS_MODULE": "bench.hello_settings"}
    # Persistent connections are per thread: fine for sync workers and for uvicorn (pages run in the
    # worker's one sync thread: consultazione/core/asgi.py).
    env = {**env, "DB_CONN_MAX_AGE": env.get("DB_CONN_MAX_AGE") or "60"}
    if kind == "uvicorn":
        processes = []
        for port in ports:
            command = [str(BIN / "uvicorn"), "consultazione.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
            command += ["--loop", "uvloop", "--http", "httptools", "--no-access-log"]
            command += ["--ws", "websockets-sansio", "--ws-per-message-deflate", "false", "--log-level", "warning"]
            command += ["--timeout-graceful-shutdown", "5"]
            if workers == 1 and shutil.which("taskset"):
                command = ["taskset", "-c", "0", *command]
            processes.append(subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True))
        return processes
    command = [str(BIN / "gunicorn"), "consultazione.wsgi:application", "--bind", f"127.0.0.1:{ports[0]}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--log-level", "warning", "--backlog", "2048"]
    if workers == 1 and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    return [subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)]


def stop_server(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"})
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} not ready after {timeout} s")


def served_as(url: str, headers: dict | None = None) -> str:
    """How the page cache served one GET (its X-Page-Cache header: hit, miss, personal, or -)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.headers.get("X-Page-Cache", "-")


def status_of(url: str, timeout: float = 120, headers: dict | None = None) -> int:
    """HTTP status of one GET (0 on a time-out). The long time-out lets a sync server drain the
    requests that wrk left queued in its backlog before the next page is measured."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except TimeoutError:
        return 0


def server_cpu_seconds(processes: list[subprocess.Popen]) -> float:
    """User + system CPU time of every process of the server (each group: master and workers)."""
    return sum(group_cpu_seconds(process.pid) for process in processes)


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time of every process in a process group."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, args, pinned: bool, script: Path, threads: int = 1) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s", "-s", str(script), url]
    if pinned and shutil.which("taskset"):
        command = ["taskset", "-c", "1", *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=args.duration + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def balance_script(ports: list[int]) -> str:
    """wrk's threads spread over the workers' ports, as nginx's round robin spreads requests
    (each thread keeps `--connections ÷ threads` connections to its port)."""
    return f"""
local ports = {{{", ".join(map(str, ports))}}}
local started = 0
setup = function(thread)
  started = started + 1
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[(started - 1) % #ports + 1]))[1]
end
"""
