"""Load benchmark of the live polls: N phones + a projector against real uvicorn servers.

    .venv/bin/python bench/live_load.py --participants 1000 --rate 1000 --duration 10
    .venv/bin/python bench/live_load.py --participants 3000 --workers 2
    .venv/bin/python bench/live_load.py --participants 1000 --restart     # reconnect storm
    .venv/bin/python bench/live_load.py --participants 1000 --join-over-http --join-only  # a venue behind one NAT

It creates a throwaway PostgreSQL database (`consultazione_live_bench`, or SQLite with --sqlite),
uses Redis db 5 as channel layer and cache, starts 1 or 2 uvicorn processes with the production
settings (clients split across their ports: no proxy needed), connects the phones, votes at a
fixed rate and prints: connect time, p50/p95/p99 vote→projector and ack latency, frames per phone
per second, server RSS, and the final counts against the votes sent (lost / double-counted).
With --join-over-http the phones first join through the real HTTP join path (phone page, then the
join form), all from one address as behind a venue's NAT, and it prints the time to seat them all
(bench/live_join.py); --join-only stops there.
Loopback only, bounded in time; it raises its own open-files limit.
"""

import argparse
import asyncio
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_clients import Swarm  # noqa: E402
from live_join import join_all  # noqa: E402

DB_NAME = "consultazione_live_bench"
SECRET = "bench-" + "x" * 60


def environment(args) -> dict[str, str]:
    database = f"sqlite:///{ROOT / 'bench-live.sqlite3'}" if args.sqlite else f"postgres://postgres@127.0.0.1:5432/{args.db_name}"
    return {
        "DJANGO_SETTINGS_MODULE": "consultazione.settings.production",
        "DATABASE_URL": database,
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": "live-bench",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://partecipa.cittametropolitana.torino.it",  # production refuses to start without it
        "SECURE_SSL_REDIRECT": "0",
        # Under ASGI every HTTP request runs its view in a thread of its own: with persistent
        # connections each join would leave one open (1,000 joins exhausted PostgreSQL's 300).
        "DB_CONN_MAX_AGE": "0" if args.join_over_http else "600",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": "/tmp/live-bench-static",  # --join-over-http renders pages: collectstatic writes here
    }


def reset_stores(args) -> None:
    if args.sqlite and not args.keep_db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{ROOT / 'bench-live.sqlite3'}{suffix}").unlink(missing_ok=True)
    elif not args.keep_db:
        for statement in (f"DROP DATABASE IF EXISTS {args.db_name}", f"CREATE DATABASE {args.db_name}"):
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", statement], check=True)
    import redis

    redis.Redis.from_url(args.redis).flushdb()


def prepare(args) -> dict:
    """Schema, a facilitator, a session with one open single-choice question, N participants."""
    import django

    django.setup()
    from django.core.management import call_command

    from consultazione.accounts.roles import Role
    from consultazione.accounts.services import user_create
    from consultazione.live import cookies
    from consultazione.live.models import Kind, Participant
    from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create

    call_command("migrate", verbosity=0)  # quick when the kept database is up to date
    if args.join_over_http:  # the phone page is HTML: the production storage needs its manifest
        call_command("collectstatic", interactive=False, verbosity=0)
    email = f"bench-{int(time.time())}@example.org"
    facilitator = user_create(
        email=email, password="bench-pw-12345", pseudonym=email.split("@")[0], verified=True, roles=[Role.FACILITATOR]
    )
    session = session_create(user=facilitator, title=f"Bench {args.participants}")
    spec = QuestionSpec(kind=Kind.SINGLE, text="Quale priorità?", options=tuple(OptionSpec(f"Opzione {n}") for n in range(1, 5)))
    question = question_open(user=facilitator, question=question_create(user=facilitator, session=session, spec=spec))
    data = {"facilitator": facilitator, "session": session, "question": question}
    data["options"] = list(question.options.values_list("pk", flat=True))
    if args.join_over_http:
        return data  # the phones join over HTTP once the servers are up (seat_over_http)
    participants = Participant.objects.bulk_create([Participant(session=session) for _ in range(args.participants)])
    tokens = [p.token for p in participants]
    return {
        "facilitator": facilitator,
        "session": session,
        "question": question,
        "options": list(question.options.values_list("pk", flat=True)),
        "cookies": [f"{cookies.name(session.code)}={cookies.signed(token, code=session.code)}" for token in tokens],
        "participant_ids": [p.pk for p in Participant.objects.filter(session=session).order_by("pk")],
    }


def participant_ids(session, cookie_headers: list[str]) -> list[int]:
    """The participant of each phone, in the phones' order (for the final check)."""
    from consultazione.live import cookies
    from consultazione.live.models import Participant

    tokens = [cookies.token_from(header.partition("=")[2], code=session.code) for header in cookie_headers]
    by_token = dict(Participant.objects.filter(session=session).values_list("token", "pk"))
    return [by_token[token] for token in tokens]


async def seat_over_http(args, data, ports) -> dict:
    cookie_headers, figures = await asyncio.to_thread(
        join_all, ports=ports, code=data["session"].code, phones=args.participants, concurrency=args.join_concurrency
    )
    data["cookies"] = cookie_headers
    data["participant_ids"] = await asyncio.to_thread(participant_ids, data["session"], cookie_headers)
    return figures


def start_server(port: int, env: dict, log: Path, nice: int = 0) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/uvicorn"), "consultazione.asgi:application", "--host", "127.0.0.1", "--port", str(port),
        "--ws-per-message-deflate", "false", "--loop", "uvloop", "--http", "httptools", "--no-access-log",
        "--log-level", "warning", "--lifespan", "off", "--ws-max-size", "65536", "--backlog", "8192",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: os.nice(nice),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    raise RuntimeError(f"uvicorn did not start on port {port} (see {log})")


def cpu_seconds(process: subprocess.Popen) -> float:
    """User + system CPU time of a server process so far (server-side cost, whatever the load)."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(process: subprocess.Popen) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def run(args, data, env, servers, ports, log) -> dict:
    report = {"rss_idle_mb": [rss_mb(p) for p in servers]}
    if args.join_over_http:
        cpu = sum(cpu_seconds(p) for p in servers)
        report.update(await seat_over_http(args, data, ports))
        report["server_cpu_joining_s"] = round(sum(cpu_seconds(p) for p in servers) - cpu, 2)
        if args.join_only:
            return report
    swarm = Swarm(ports=ports, code=data["session"].code, cookies=data["cookies"], options=data["options"])
    cpu = sum(cpu_seconds(p) for p in servers)
    report["connect_s"] = round(await swarm.connect_all(rate=args.connect_rate), 2)
    report["server_cpu_connect_s"] = round(sum(cpu_seconds(p) for p in servers) - cpu, 2)
    report["rss_connected_mb"] = [rss_mb(p) for p in servers]
    cpu = sum(cpu_seconds(p) for p in servers)
    voting = asyncio.ensure_future(swarm.vote(question=data["question"].pk, rate=args.rate, duration=args.duration))
    if args.restart:
        await asyncio.sleep(args.duration / 3)
        for process in servers:
            process.send_signal(signal.SIGKILL)
            process.wait()
        killed_at = time.monotonic()
        await asyncio.sleep(1.0)
        servers[:] = [start_server(port, env, log, args.nice) for port in ports]
        restarted_at = time.monotonic()
        back = await swarm.wait_resynced(since=restarted_at, timeout=120)
        report["restart"] = {
            "down_s": round(restarted_at - killed_at, 2),
            "all_resynced_after_restart_s": round(back, 2) if back is not None else None,
            "phones_resynced": sum(1 for p in swarm.phones if (p.resynced_at or 0) > restarted_at),
        }
    report["votes_sent"] = await voting
    if not args.restart:
        report["server_cpu_voting_s"] = round(sum(cpu_seconds(p) for p in servers) - cpu, 2)
    report["unacked_after_drain"] = await swarm.drain()
    report["rss_end_mb"] = [rss_mb(p) for p in servers]
    report.update(swarm.figures())
    await swarm.stop()
    return report


def verify(data, figures) -> dict:
    """Compare the database with what the phones were told: nothing lost, nothing counted twice."""
    from consultazione.live.models import Ballot, Option
    from consultazione.live.services import question_close

    question = data["question"]
    ballots = dict(Ballot.objects.filter(question=question).values_list("participant_id", "choices"))
    live_counters = dict(Option.objects.filter(question=question).values_list("pk", "count"))
    ids = data["participant_ids"]
    mismatched = sum(
        1 for index, choice in figures["last_choice"].items() if choice is not None and ballots.get(ids[index]) != [choice]
    )
    closed = question_close(user=data["facilitator"], question=question)
    recount = {row["id"]: row["count"] for row in closed.results["options"]}
    expected = {option: figures["expected_counts"].get(option, 0) for option in data["options"]}
    return {
        "ballots_in_db": len(ballots),
        "phones_with_an_accepted_vote": sum(1 for choice in figures["last_choice"].values() if choice is not None),
        "votes_lost_or_wrong": mismatched,
        "live_counters_equal_recount": live_counters == recount,
        "recount_equals_phones": recount == expected,
        "double_counted": sum(recount.values()) - len(ballots),
        "projector_final_equals_recount": figures["projector_final_counts"] == recount,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=1000, help="votes per second")
    parser.add_argument("--duration", type=float, default=10, help="seconds of voting")
    parser.add_argument("--workers", type=int, default=1, choices=[1, 2], help="uvicorn processes (one port each)")
    parser.add_argument("--restart", action="store_true", help="kill and restart the server(s) while voting")
    parser.add_argument("--connect-rate", type=float, default=1500, help="new sockets per second")
    parser.add_argument("--port", type=int, default=8950)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--db-name", default=DB_NAME, help="the throwaway PostgreSQL database (dropped and created)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite file instead of PostgreSQL (single worker only)")
    parser.add_argument("--keep-db", action="store_true", help="reuse the bench database (skip drop + migrate)")
    parser.add_argument("--json", help="also write the report to this file")
    parser.add_argument("--join-over-http", action="store_true", help="phones join over HTTP, all from one address")
    parser.add_argument("--join-only", action="store_true", help="with --join-over-http: stop once every phone joined")
    parser.add_argument("--join-concurrency", type=int, default=64, help="phones joining at the same time")
    parser.add_argument(
        "--nice", type=int, default=0, help="niceness of the servers and the clients (negative: ahead of other work)"
    )
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    env = environment(args)
    os.environ.update(env)
    reset_stores(args)
    data = prepare(args)
    ports = [args.port + n for n in range(args.workers)]
    log = Path("/tmp/live-bench-server.log")
    log.write_text("")
    servers = [start_server(port, env, log, args.nice) for port in ports]
    if args.nice:
        os.nice(args.nice)
    try:
        import uvloop

        figures = uvloop.run(run(args, data, env, servers, ports, log))
    finally:
        for process in servers:
            process.send_signal(signal.SIGTERM)
        for process in servers:
            process.wait(timeout=15)
    if not args.join_only:
        figures.update(verify(data, figures))
        figures.pop("last_choice")
    header = {"participants": args.participants, "rate": args.rate, "duration_s": args.duration, "workers": args.workers}
    header["restart"] = args.restart
    header["join_over_http"] = args.join_over_http
    header["load_average_at_end"] = os.getloadavg()
    header["nice"] = args.nice
    report = {**header, **figures}
    print(json.dumps(report, indent=2, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
