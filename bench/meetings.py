"""Meetings: registration burst on the last seats, and the time to build a restituzione.

    .venv/bin/python bench/meetings.py [--threads 16] [--people 400] [--capacity 150]
                                       [--workdir /tmp/consultazione-bench-meetings]

DATABASE_URL (PostgreSQL) is used when set, else a SQLite file in --workdir (SQLite serialises
writers, so the burst there measures queueing, not parallelism).

1. Burst: --threads threads register --people people (through `registration_create`, the same
   service as the form and the API) for one meeting with --capacity seats. Prints throughput,
   p50/p95/max latency per registration, and checks that exactly --capacity are confirmed.
2. Restituzione: a meeting with 6 tables, 20 contributions per table, 60 presences and 4 poll
   results; prints the time to gather the data and render the HTML, the PDF and the DOCX.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--capacity", type=int, default=150)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench-meetings"))
    return parser.parse_args()


def setup_django(workdir: Path) -> str:
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'meetings.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "consultazione.settings.test"
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def staff_user():
    from consultazione.accounts.models import User
    from consultazione.accounts.roles import Role
    from consultazione.accounts.services import user_create

    return User.objects.filter(email="bench-staff@example.org").first() or user_create(
        email="bench-staff@example.org", password=None, pseudonym="bench-staff", verified=True, roles=[Role.STAFF]
    )


def new_meeting(actor, *, title: str, days: int, capacity=None, tables=()):
    from django.utils import timezone

    from consultazione.meetings.services import AgendaSpec, meeting_create
    from consultazione.process.models import Process
    from consultazione.territory.models import Comune

    starts = timezone.now() + timedelta(days=days)
    return meeting_create(
        actor=actor,
        process=Process.objects.get(slug="psm-2024-2026"),
        title=title,
        kind="evento_pubblico",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        venue_comune=Comune.objects.get(name="Torino"),
        capacity=capacity,
        agenda=[AgendaSpec("Introduzione", 20), AgendaSpec("Tavoli", 90, in_tables=True), AgendaSpec("Plenaria", 30)],
        tables=list(tables),
    )


def burst(args, actor) -> None:
    from django.db import connections

    from consultazione.meetings.models import RegistrationStatus
    from consultazione.meetings.services import registration_create

    meeting = new_meeting(actor, title=f"Bench burst {time.time_ns()}", days=10, capacity=args.capacity)
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.threads)

    def worker(offset: int) -> None:
        barrier.wait()
        for n in range(offset, args.people, args.threads):
            started = time.perf_counter()
            registration_create(
                meeting=meeting, first_name="Bench", last_name=str(n), email=f"b{n}@example.org", consent=True, notify=False
            )
            with lock:
                latencies.append(time.perf_counter() - started)
        connections.close_all()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(args.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    confirmed = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    latencies.sort()
    print(f"burst: {args.people} registrations, {args.threads} threads, capacity {args.capacity}")
    print(f"  throughput {args.people / elapsed:.0f}/s in {elapsed:.2f}s")
    print(
        f"  latency p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms, "
        f"max {latencies[-1] * 1000:.1f} ms"
    )
    print(f"  confirmed {confirmed} (expected {min(args.capacity, args.people)}), waiting {args.people - confirmed}")


def restituzione(actor) -> None:
    from consultazione.meetings.services import (
        TableSpec,
        attendance_check_in,
        registration_create,
        table_contribution_add,
        table_output_save,
    )
    from consultazione.plan.models import Axis
    from consultazione.process.models import Process
    from consultazione.process.services import phase_force_active
    from consultazione.reports.restituzione import data as report_data_module
    from consultazione.reports.restituzione.docx import render_docx
    from consultazione.reports.restituzione.pdf import render_pdf
    from consultazione.reports.restituzione.services import restituzione_html

    phase_force_active(process=Process.objects.get(slug="psm-2024-2026"), kind="ascolto")
    axes = list(Axis.objects.filter(plan__slug="psm-2024-2026").order_by("code"))
    meeting = new_meeting(
        actor,
        title=f"Bench restituzione {time.time_ns()}",
        days=-1,
        tables=[TableSpec(f"Tavolo asse {a.code}", axis=a) for a in axes],
    )
    for n in range(60):
        registration = registration_create(
            meeting=meeting,
            first_name="Bench",
            last_name=str(n),
            email=f"r{n}@example.org",
            consent=False,
            source="import",
            notify=False,
        ).registration
        attendance_check_in(actor=actor, registration=registration)
    item = meeting.agenda.get(position=2)
    for table in meeting.tables.all():
        table_output_save(actor=actor, table=table, agenda_item=item, summary="Sintesi del tavolo. " * 20, decisions="Decisione.")
        for k in range(20):
            table_contribution_add(
                actor=actor, table=table, kind="idea", title=f"Proposta {k} del tavolo {table.position}", body="Testo. " * 30
            )
    polls = [  # the shape of consultazione.live.figures.display
        {
            "question": f"Domanda {q}",
            "kind": "single",
            "value_label": "Voti",
            "total": 60,
            "bars": True,
            "shares": True,
            "entries": None,
            "rows": [{"label": f"Opzione {o}", "count": 10 + o, "share": (10 + o) * 100 // 60, "rank": None} for o in range(5)],
        }
        for q in range(4)
    ]
    report_data_module.live_poll_results = lambda meeting: polls
    timings = {}
    started = time.perf_counter()
    html = restituzione_html(meeting, show_organisation_names=False)
    timings["data + HTML"] = time.perf_counter() - started
    started = time.perf_counter()
    pdf = render_pdf(title=meeting.title, subtitle="bench", body_html=html)
    timings["PDF"] = time.perf_counter() - started
    started = time.perf_counter()
    docx = render_docx(title=meeting.title, subtitle="bench", body_html=html)
    timings["DOCX"] = time.perf_counter() - started
    print("restituzione: 6 tables, 120 contributions, 60 presences, 4 polls")
    for name, seconds in timings.items():
        print(f"  {name:<12} {seconds * 1000:7.0f} ms")
    print(f"  sizes: HTML {len(html) / 1024:.0f} KiB, PDF {len(pdf) / 1024:.0f} KiB, DOCX {len(docx) / 1024:.0f} KiB")


def main() -> None:
    args = parse_args()
    engine = setup_django(args.workdir)
    print(f"database: {engine}")
    actor = staff_user()
    burst(args, actor)
    restituzione(actor)


if __name__ == "__main__":
    main()
