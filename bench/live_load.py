"""Load benchmark of the live polls: N phones + a projector against real uvicorn workers, and the floor.

    .venv/bin/python bench/live_load.py --phones 1000,3000,5000 --workers 2     # the plenary benchmark
    .venv/bin/python bench/live_load.py --phones 300 --duration 4               # a quick look
    .venv/bin/python bench/live_load.py --phones 1000 --seed-db --restart --no-floor  # reconnect storm
    .venv/bin/python bench/live_load.py --phones 1000 --join-only               # a venue behind one NAT

For each size: a session with one open single-choice question; 1 or 2 uvicorn workers (production
settings, the flags of deploy/systemd) on their own ports, the phones split across them as nginx
would; every phone joins through the real HTTP join (phone page, then the join form), all from one
address as behind a venue's NAT (bench/live_join.py: the time to seat them all); the phones open
their sockets; votes at a fixed rate (every vote changes the phone's answer); then the database is
checked against what the phones were told (lost / double-counted) and the workers' logs are
searched for ERROR records. Then the same swarm runs against the floor (bench/live_floor.py: raw
`websockets` + Redis, the same fan-out policy, no framework, no database) in the same run. Prints
one JSON report per size and a Markdown table.

Starts its own Redis (port 6390) and PostgreSQL (port 5441, a cluster in /tmp) unless `--redis URL`
/ `--database-url URL` (a throw-away database) / `--sqlite` is given, and stops them at the end.
Loopback only, bounded in time; it raises its own open-files limit.
"""

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_clients import Swarm  # noqa: E402
from live_floor import run_floor  # noqa: E402
from live_join import join_all  # noqa: E402
from live_services import PrivatePostgres, PrivateRedis, log_problems, start_uvicorn, stop  # noqa: E402

SECRET = "bench-" + "x" * 60
LOGS = Path("/tmp/live-bench-logs")


def environment(args, database_url: str, redis_url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "consultazione.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "live-bench",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://partecipa.cittametropolitana.torino.it",  # production refuses to start without it
        "SECURE_SSL_REDIRECT": "0",
        # As deploy/systemd/consultazione@.service: under ASGI every HTTP request runs its view in a
        # thread of its own, so persistent connections would leave one open per join (1,000 joins
        # exhausted PostgreSQL's 300).
        "DB_CONN_MAX_AGE": str(args.conn_max_age),
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": "/tmp/live-bench-static",  # the phone page is HTML: collectstatic writes here
    }


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not Path("/tmp/live-bench-static/staticfiles.json").exists():  # the manifest of the production storage
        call_command("collectstatic", interactive=False, verbosity=0)


def prepare(args, phones: int) -> dict:
    """A facilitator, a session with one open single-choice question (and the phones, with --seed-db)."""
    from consultazione.accounts.roles import Role
    from consultazione.accounts.services import user_create
    from consultazione.live import cookies
    from consultazione.live.models import Kind, Participant
    from consultazione.live.services import OptionSpec, QuestionSpec, question_create, question_open, session_create

    email = f"bench-{phones}-{time.time_ns()}@example.org"
    facilitator = user_create(
        email=email, password="bench-pw-12345", pseudonym=f"bench{time.time_ns()}", verified=True, roles=[Role.FACILITATOR]
    )
    session = session_create(user=facilitator, title=f"Bench {phones}")
    spec = QuestionSpec(kind=Kind.SINGLE, text="Quale priorità?", options=tuple(OptionSpec(f"Opzione {n}") for n in range(1, 5)))
    question = question_open(user=facilitator, question=question_create(user=facilitator, session=session, spec=spec))
    data = {"facilitator": facilitator, "session": session, "question": question, "phones": phones}
    data["options"] = list(question.options.values_list("pk", flat=True))
    if args.seed_db:  # the phones are created in the database instead of joining over HTTP
        participants = Participant.objects.bulk_create([Participant(session=session) for _ in range(phones)])
        data["cookies"] = [f"{cookies.name(session.code)}={cookies.signed(p.token, code=session.code)}" for p in participants]
        data["participant_ids"] = [p.pk for p in Participant.objects.filter(session=session).order_by("pk")]
    return data


def participant_ids(session, cookie_headers: list[str]) -> list[int]:
    """The participant of each phone, in the phones' order (for the final check)."""
    from consultazione.live import cookies
    from consultazione.live.models import Participant

    tokens = [cookies.token_from(header.partition("=")[2], code=session.code) for header in cookie_headers]
    by_token = dict(Participant.objects.filter(session=session).values_list("token", "pk"))
    return [by_token[token] for token in tokens]


async def seat_over_http(args, data, ports) -> dict:
    cookie_headers, figures = await asyncio.to_thread(
        join_all, ports=ports, code=data["session"].code, phones=data["phones"], concurrency=args.join_concurrency
    )
    data["cookies"] = cookie_headers
    data["participant_ids"] = await asyncio.to_thread(participant_ids, data["session"], cookie_headers)
    return figures


def cpu_seconds(process) -> float:
    """User + system CPU time of a server process so far (server-side cost, whatever the load)."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(process) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def say(what: str) -> None:
    print(f"{time.strftime('%H:%M:%S', time.gmtime())} {what}", file=sys.stderr, flush=True)


async def run(args, data, env, servers, ports, logs) -> dict:
    report = {"rss_idle_mb": [rss_mb(p) for p in servers]}
    say(f"{data['phones']} phones: joining over HTTP" if not args.seed_db else f"{data['phones']} phones seeded")
    if not args.seed_db:
        cpu = sum(cpu_seconds(p) for p in servers)
        report.update(await seat_over_http(args, data, ports))
        report["server_cpu_joining_s"] = round(sum(cpu_seconds(p) for p in servers) - cpu, 2)
        if args.join_only:
            return report
    swarm = Swarm(ports=ports, code=data["session"].code, cookies=data["cookies"], options=data["options"])
    say("opening the sockets")
    cpu = sum(cpu_seconds(p) for p in servers)
    report["connect_s"] = round(await swarm.connect_all(rate=args.connect_rate), 2)
    report["server_cpu_connect_s"] = round(sum(cpu_seconds(p) for p in servers) - cpu, 2)
    report["rss_connected_mb"] = [rss_mb(p) for p in servers]
    cpu = sum(cpu_seconds(p) for p in servers)
    say("voting")
    voting = asyncio.ensure_future(swarm.vote(question=data["question"].pk, rate=args.rate, duration=args.duration))
    if args.restart:
        await asyncio.sleep(args.duration / 3)
        for process in servers:
            process.send_signal(signal.SIGKILL)
            process.wait()
        killed_at = time.monotonic()
        await asyncio.sleep(1.0)
        servers[:] = [start_uvicorn(port, env, log, args.nice) for port, log in zip(ports, logs, strict=True)]
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
        "double_counted": sum(live_counters.values()) - len(ballots),  # the incremental counters against the ballots
        "projector_final_equals_recount": figures["projector_final_counts"] == recount,
    }


def bench_size(args, env, redis_url: str, phones: int) -> dict:
    data = prepare(args, phones)
    ports = [args.port + n for n in range(args.workers)]
    logs = [LOGS / f"worker-{phones}-{port}.log" for port in ports]
    for log in logs:
        log.write_text("")
    servers = [start_uvicorn(port, env, log, args.nice) for port, log in zip(ports, logs, strict=True)]
    try:
        import uvloop

        report = uvloop.run(run(args, data, env, servers, ports, logs))
    finally:
        stop(servers)
    problems = [log_problems(log) for log in logs]
    report["log_errors"] = sum(p["errors"] for p in problems)
    report["log_warnings"] = sum(p["warnings"] for p in problems)
    report["first_log_error"] = next((p["first_error"] for p in problems if p["first_error"]), None)
    if args.join_only:
        return {"phones": phones, **report}
    report.update(verify(data, report))
    report.pop("last_choice")
    if args.floor and not args.restart:
        floor_ports = [args.port + 10 + n for n in range(args.workers)]
        floor_logs = [LOGS / f"floor-{phones}-{port}.log" for port in floor_ports]
        for log in floor_logs:
            log.write_text("")
        say("the floor")
        report["floor"] = run_floor(
            phones=phones, ports=floor_ports, redis_url=redis_url, options=data["options"], args=args, logs=floor_logs
        )
        report["floor"]["log_errors"] = sum(log_problems(log)["errors"] for log in floor_logs)
    return {"phones": phones, **report}


def table(rows: list[dict]) -> str:
    """The summary: one line per size (lost = wrong ballots + votes never acknowledged)."""

    def ms(figures):
        latency = figures.get("vote_to_projector_ms", {})
        return " / ".join(str(round(latency[p])) if p in latency else "–" for p in ("p50", "p95", "p99"))

    lines = [
        "| phones | join all (one address) | connect all | votes sent | vote→projector p50 / p95 / p99 ms "
        "| floor p50 / p95 / p99 ms | p95 ÷ floor p95 | lost | double | ERROR lines |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        floor = row.get("floor", {})
        ratio = "–"
        if floor.get("vote_to_projector_ms", {}).get("p95") and row.get("vote_to_projector_ms", {}).get("p95"):
            ratio = f"{row['vote_to_projector_ms']['p95'] / floor['vote_to_projector_ms']['p95']:.2f}×"
        lost = row.get("votes_lost_or_wrong", 0) + row.get("unacked_after_drain", 0)
        join = f"{row['join_all_s']} s" if "join_all_s" in row else "seeded"
        if row.get("join_failures"):
            join += f" ({sum(row['join_failures'].values())} failed)"
        double = str(row.get("double_counted", "–"))
        if floor:
            lost_cell = f"{lost} (floor {floor.get('votes_lost_or_wrong', 0) + floor.get('unacked_after_drain', 0)})"
            double += f" (floor {floor.get('double_counted')})"
        else:
            lost_cell = str(lost)
        cells = [f"{row['phones']:,}", join, f"{row.get('connect_s', '–')} s", str(row.get("votes_sent", "–")), ms(row)]
        cells += [ms(floor) if floor else "–", ratio, lost_cell, double, str(row["log_errors"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", "--participants", default="1000", help="phones per run, comma-separated sizes")
    parser.add_argument("--rate", type=float, default=1000, help="votes per second")
    parser.add_argument("--duration", type=float, default=10, help="seconds of voting")
    parser.add_argument("--workers", type=int, default=2, choices=[1, 2], help="uvicorn processes (one port each)")
    parser.add_argument("--restart", action="store_true", help="kill and restart the server(s) while voting")
    parser.add_argument("--connect-rate", type=float, default=1500, help="new sockets per second")
    parser.add_argument("--port", type=int, default=8950, help="first worker port (the floor uses port + 10 …)")
    parser.add_argument("--redis", help="a Redis URL to use (its database is flushed); default: a private one")
    parser.add_argument("--redis-port", type=int, default=6390, help="port of the private Redis")
    parser.add_argument("--database-url", help="a throw-away PostgreSQL database; default: a private cluster")
    parser.add_argument("--pg-port", type=int, default=5441, help="port of the private PostgreSQL")
    parser.add_argument("--fresh-db", action="store_true", help="initdb the private cluster again (else kept in /tmp)")
    parser.add_argument("--conn-max-age", type=int, default=0, help="DB_CONN_MAX_AGE of the workers (0 as deployed)")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    parser.add_argument("--seed-db", action="store_true", help="create the phones in the database, no HTTP join")
    parser.add_argument("--join-over-http", action="store_true", help=argparse.SUPPRESS)  # the default now
    parser.add_argument("--join-only", action="store_true", help="stop once every phone joined over HTTP")
    parser.add_argument("--join-concurrency", type=int, default=64, help="phones joining at the same time")
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="skip the raw-websockets floor")
    parser.add_argument("--tick", type=float, default=0.1, help="the floor's projector tick (LIVE_TICK_SECONDS)")
    parser.add_argument("--audience-tick", type=float, default=1.0, help="the floor's phone tick")
    parser.add_argument("--json", help="also write the reports to this file")
    parser.add_argument("--nice", type=int, default=0, help="niceness of servers and clients (negative: ahead of others)")
    args = parser.parse_args()
    sizes = [int(size) for size in str(args.phones).split(",")]

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    LOGS.mkdir(exist_ok=True)
    if args.nice:
        os.nice(args.nice)
    rows = []
    with contextlib.ExitStack() as stack:
        redis_url = args.redis or stack.enter_context(PrivateRedis(args.redis_port)).url
        if args.sqlite:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{ROOT / 'bench-live.sqlite3'}{suffix}").unlink(missing_ok=True)
            database_url = f"sqlite:///{ROOT / 'bench-live.sqlite3'}"
        else:
            database_url = args.database_url or stack.enter_context(PrivatePostgres(args.pg_port, args.fresh_db)).url
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        env = environment(args, database_url, redis_url)
        os.environ.update(env)
        say("Redis and PostgreSQL up: migrating")
        setup_django()
        for phones in sizes:
            row = bench_size(args, env, redis_url, phones)
            row["load_average_at_end"] = os.getloadavg()
            print(json.dumps(row, indent=2, default=str), flush=True)
            rows.append(row)
        from django.db import connections

        connections.close_all()
    header = {"rate": args.rate, "duration_s": args.duration, "workers": args.workers, "restart": args.restart}
    header.update(database="sqlite" if args.sqlite else "postgresql", join_over_http=not args.seed_db, nice=args.nice)
    print(json.dumps(header))
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({**header, "runs": rows}, indent=2, default=str))


if __name__ == "__main__":
    main()
