"""Load benchmark of the public pages with production settings and a big database.

    .venv/bin/python bench/pages_load.py [--contributions 50000] [--workers 1,2] [--server uvicorn,gunicorn]
                                         [--duration 10] [--connections 16] [--workdir /tmp/consultazione-bench]
                                         [--modes miss] [--repeat 3]

1. Builds (once, kept in --workdir) a database: migrate, seed, N published contributions spread
   over axes, zones, comuni and kinds like a real consultation (Torino and axis 1 the largest),
   heavy-tailed supports and comments (their rows, ~137,000 and ~43,000 at 50,000 contributions),
   5,000 people; collectstatic for the manifest storage. A database built before the support rows
   is refused: use a new --workdir (or database).
   DATABASE_URL (PostgreSQL) is used when set, else a SQLite file in --workdir; REDIS_URL if set.
2. For each server (uvicorn ASGI: the default layout; gunicorn WSGI: the split layout) and each
   worker count, starts the workers on 127.0.0.1, warms up, then runs `wrk` (Debian package) on
   the home page, an axis page, the contribution list (plain, filtered, searched) and a detail page.
3. Prints requests/s, latency p50/p95/p99 and the server's CPU time per request (from /proc: what
   a page costs whatever else the machine runs) per page; writes results.json in --workdir.

With one worker, the server is pinned to CPU 0 and wrk to CPU 1 (taskset); with more workers
they share all CPUs with wrk. On a shared box, `--nice -10` (as root) gives the bench priority
over other work; the load average before the run is printed with the results. Only loopback
addresses are used; every run is bounded in time.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET = "bench-only-" + "k" * 60
WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
done = function(summary, latency, requests)
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, '
    .. '"write_errors": %d, "timeouts": %d, "bad_status": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""
from pages_data import SEARCHES, generate, search_latency  # noqa: E402 - bench/ is the script's own folder
from pages_servers import (  # noqa: E402
    balance_script,
    free_port,
    run_wrk,
    served_as,
    server_cpu_seconds,
    start_server,
    status_of,
    stop_server,
    wait_ready,
)


def bench_env(args) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consultazione.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://partecipa.cittametropolitana.torino.it",  # production refuses to start without it
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{args.workdir}/bench.sqlite3",
        "STATIC_ROOT": str(args.workdir / "static"),
        "MEDIA_ROOT": str(args.workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }
    return env


def manage(env, *command: str) -> None:
    subprocess.run([PYTHON, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)


def prepare(args, env) -> None:
    os.environ.update(env)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed", "-v0")
    if not (args.workdir / "static" / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v0")
    import django

    sys.path.insert(0, str(BASE_DIR))
    django.setup()
    from consultazione.contributions.models import Contribution
    from consultazione.voting.models import Support

    existing = Contribution.objects.public().count()
    if existing and not Support.objects.exists():
        sys.exit("The database was built by an older bench (no support rows behind the counts): use a new --workdir.")
    if existing >= args.contributions:
        print(f"Database ready: {existing} public contributions (reused).")
        return
    if existing:
        sys.exit(f"The database has {existing} public contributions, fewer than asked: use a new --workdir.")
    started = time.perf_counter()
    generate(args.contributions)
    from django.db import connection

    with connection.cursor() as cursor:  # what a live database has (autovacuum would do it minutes later)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"Generated {args.contributions} contributions in {time.perf_counter() - started:.0f} s.")


def targets() -> dict[str, str]:
    """The pages to hit, with ids looked up in the generated database."""
    from consultazione.contributions.models import Contribution
    from consultazione.plan.models import Axis
    from consultazione.territory.models import ZonaOmogenea

    axis = Axis.objects.get(plan__slug="psm-2024-2026", code=2)
    zona = ZonaOmogenea.objects.get(number=3)
    detail = Contribution.objects.public().order_by("-support_count", "pk").first()
    return {
        "home": "/",
        "axis page": "/piano/asse-2/",
        "list": "/contributi/",
        "list filtered": f"/contributi/?axis={axis.pk}&zona={zona.pk}&kind=idea&sort=supported",
        "list page 50": "/contributi/?page=50",
        "detail": f"/contributi/{detail.reference}/",
        "meetings": "/incontri/",
        "monitoring": "/monitoraggio/",
        "dashboard": "/dati/",
        "list search": "/contributi/?q=tramvia",  # last: slow requests may still be queued after it
    }


HELLO = "/__hello__"


def signed_in_cookie() -> str:
    """A session of a verified citizen, as the Cookie header a signed-in browser sends."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from consultazione.accounts.models import User

    user = User.objects.filter(email__startswith="bench").order_by("pk").first()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


MODES = {
    # name: (page cache on, signed in, a new URL every request)
    "cache off": (False, False, False),  # no page cache, no fragments: every query, every template
    "miss": (True, False, True),  # every request renders the page; shared fragments warm (after a change elsewhere)
    "warm": (True, False, False),  # anonymous visitors of a press-release peak
    "signed-in": (True, True, False),  # a session: the visitors' page with the person's own parts (core/personal.py)
}
# The "miss" mode adds `_=<n>` to every request: each is a new page for the cache (an unknown
# parameter is ignored by the views and by the fragment keys).
MISS_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "_=" .. counter)
end
"""


def bench_server(kind: str, workers: int, mode: str, pages: dict[str, str], args, env, cookie: str) -> list[dict]:
    """One server for one mode: the hello world first (the floor of this run), then each page."""
    cache_on, signed_in, new_url = MODES[mode]
    ports = [free_port() for _ in range(workers if kind == "uvicorn" else 1)]
    port = ports[0]
    settings = {"PAGE_CACHE_ENABLED": "1" if cache_on else "0"}
    if new_url:  # the one-off pages expire at once instead of filling the cache
        settings["PAGE_CACHE_TIMEOUT"] = "2"
    server = start_server(kind, workers, ports, {**env, **settings})
    headers = {"Cookie": cookie} if signed_in else {}
    script = args.workdir / f"report-{mode.replace(' ', '-')}.lua"
    lua = WRK_SCRIPT + "".join(f'wrk.headers["{name}"] = "{value}"\n' for name, value in headers.items())
    script.write_text(lua + (MISS_SCRIPT if new_url else "") + (balance_script(ports) if len(ports) > 1 else ""))
    results = []
    try:
        for each in ports:
            wait_ready(each)
        for name, path in {"hello world": HELLO, **pages}.items():
            url = f"http://127.0.0.1:{port}{path}"
            status = status_of(url, headers=headers)
            if status != 200:
                print(f"  {kind} ×{workers} {mode} {name}: HTTP {status}, skipped")
                continue
            for each in ports:  # every worker: each has its own memory (pages, fragments)
                if signed_in:  # a visitor loaded the page since the last change (most of a consultation's readers)
                    status_of(f"http://127.0.0.1:{each}{path}")
                for _ in range(args.warmup):
                    status_of(f"http://127.0.0.1:{each}{path}", headers=headers)
            cpu_before = server_cpu_seconds(server)
            result = {"server": kind, "workers": workers, "mode": mode, "page": name, "path": path}
            result["served"] = served_as(url, headers)  # signed in: "personal" (shared page, own parts)
            result.update(run_wrk(url, args, workers == 1, script, threads=len(ports)))
            # Server CPU per request: independent of what else the machine runs (not the database's share).
            result["cpu_ms"] = (server_cpu_seconds(server) - cpu_before) * 1000 / max(result["requests"], 1)
            floor = results[0]["rps"] if results else result["rps"]
            result["share"] = result["rps"] / floor
            results.append(result)
            print(format_row(result), flush=True)
        if mode == "warm":
            try:
                results.append(freshness(port, pages["detail"]))
            except Exception as error:
                print(f"  freshness probe failed: {error!r}", flush=True)
    finally:
        stop_server(server)
    return results


def _support_count(port: int, path: str) -> tuple[str, str]:
    import re

    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
        served = response.headers.get("X-Page-Cache", "")
    match = re.search(r"(\d[\d.]*)\s+sostegn", body)
    return (match.group(1) if match else ""), served


def freshness(port: int, path: str, rounds: int = 5) -> dict:
    """A support given through the service while the detail page is cached: time from the commit
    to the first response that shows the new count (polled every 10 ms)."""
    from allauth.account.models import EmailAddress

    from consultazione.accounts.models import User
    from consultazione.contributions.models import Contribution
    from consultazione.process.services import phase_force_active
    from consultazione.voting.services import support_add

    reference = path.rstrip("/").rsplit("/", 1)[1]
    contribution = Contribution.objects.get(reference=reference)
    phase_force_active(process=contribution.process, kind="ascolto")  # supports open (a site-wide change)
    for _ in range(2):  # rendered again after the phase change, then cached
        _support_count(port, path)
    supporters = User.objects.filter(email__startswith="bench").exclude(supports__contribution=contribution).order_by("-pk")
    delays = []
    for user in supporters[:rounds]:
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        for _ in range(20):  # every worker has it cached (each keeps its own copy on the embedded default)
            seen = [_support_count(port, path) for _ in range(4)]
            if all(served == "hit" for _count, served in seen):
                break
        before, served = seen[-1]
        assert served == "hit", f"the detail page was not cached before the change ({served!r})"
        support_add(user=User.objects.get(pk=user.pk), contribution=Contribution.objects.get(pk=contribution.pk))
        committed = time.perf_counter()
        while _support_count(port, path)[0] == before:
            if time.perf_counter() - committed > 10:
                raise RuntimeError("the change did not show within 10 s")
            time.sleep(0.01)
        delays.append(time.perf_counter() - committed)
    row = {"page": "freshness", "max_s": max(delays), "median_s": sorted(delays)[len(delays) // 2], "rounds": len(delays)}
    print(
        f"  change visible after its commit: median {row['median_s'] * 1000:.0f} ms, max {row['max_s'] * 1000:.0f} ms "
        f"({len(delays)} supports on the cached detail page)",
        flush=True,
    )
    return row


def format_row(r: dict) -> str:
    errors = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["bad_status"]
    return (
        f"| {r['server']} | {r['workers']} | {r['mode']} | {r['page']} | {r['rps']:.0f} | {r['share']:.2f} | "
        f"{r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['cpu_ms']:.1f} | {errors} | "
        f"{r.get('served', '-')} |"
    )


def print_medians(results: list[dict], runs: int) -> None:
    """Per server, workers, mode and page: the median over the runs (each run a fresh server, so a
    figure that moves with the box's weather is read from its middle, not from one draw)."""
    import statistics

    groups: dict[tuple, list[dict]] = {}
    for row in results:
        if "rps" in row:
            groups.setdefault((row["server"], row["workers"], row["mode"], row["page"]), []).append(row)
    print(f"\nMedians of {runs} runs (min–max of the server CPU ms/req in brackets):\n")
    print("| server | workers | mode | page | share of hello | p99 ms | server CPU ms/req |")
    print("|---|---|---|---|---|---|---|")
    for (server, workers, mode, page), rows in groups.items():
        cpu = [row["cpu_ms"] for row in rows]
        share = statistics.median(row["share"] for row in rows)
        p99 = statistics.median(row["p99_us"] for row in rows) / 1000
        print(
            f"| {server} | {workers} | {mode} | {page} | {share:.2f} | {p99:.1f} | "
            f"{statistics.median(cpu):.1f} ({min(cpu):.1f}–{max(cpu):.1f}) |"
        )


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    load = os.getloadavg()
    return f"{os.cpu_count()} CPUs ({cpu}), {mem_kb / 1024 / 1024:.1f} GiB RAM, load average before the run {load[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=50_000)
    parser.add_argument("--workers", default="2", help="comma-separated worker counts")
    parser.add_argument("--server", default="uvicorn", help="uvicorn (ASGI) and/or gunicorn (WSGI)")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated, of: " + ", ".join(MODES))
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections per page")
    parser.add_argument("--warmup", type=int, default=20, help="requests per page before measuring")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench"))
    parser.add_argument("--prepare-only", action="store_true", help="build the database and stop")
    parser.add_argument("--repeat", type=int, default=1, help="runs of every mode (a fresh server each); medians printed after")
    parser.add_argument("--nice", type=int, default=0, help="niceness of the bench and its servers (root: -10 on a busy box)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # stop the servers on the way out
    if args.nice:
        os.nice(args.nice)
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    prepare(args, env)
    if args.prepare_only:
        return
    pages = targets()
    cookie = signed_in_cookie()
    print(f"Machine: {machine()}")
    print(f"Database: {env['DATABASE_URL'].split('@')[-1]}, REDIS_URL {'set' if env.get('REDIS_URL') else 'unset'}")
    print(f"wrk: {args.connections} connections, {args.duration} s per page; share = req/s ÷ hello world (same server)\n")
    search = search_latency()
    for kind in SEARCHES:
        figures = search[kind]
        print(f"Search, {kind} (count + page 1 by relevance): p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms")
    print()
    columns = (
        "server | workers | mode | page | req/s | share of hello | p50 ms | p95 ms | p99 ms | server CPU ms/req | errors | served"
    )
    print(f"| {columns} |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    results = [search]
    for run in range(args.repeat):
        for kind in args.server.split(","):
            for workers in (int(n) for n in args.workers.split(",")):
                for mode in args.modes.split(","):
                    results += [{**row, "run": run} for row in bench_server(kind, workers, mode, pages, args, env, cookie)]
    if args.repeat > 1:
        print_medians(results, args.repeat)
    (args.workdir / "results.json").write_text(json.dumps({"machine": machine(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
