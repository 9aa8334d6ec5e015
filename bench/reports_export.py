"""Reports at scale: dashboard, final report data, full staff workbook, open-data package, PDF.

    .venv/bin/python bench/reports_export.py [--contributions 50000] [--supports 200000]
                                             [--ballots 20000] [--workdir /tmp/consultazione-bench-reports]

DATABASE_URL (PostgreSQL) is used when set, else a SQLite file in --workdir. The data are
generated once per database (bulk inserts, a dedicated process "bench-report") and reused by
later runs. Prints wall time of each step, then the peak Python memory (tracemalloc) of the
workbook and of the open-data package in a second, instrumented pass, and the process's max RSS.
Targets: report data ≤ 5 s, full workbook ≤ 30 s, memory bounded (streamed rows).
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
SLUG = "bench-report"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=50_000)
    parser.add_argument("--supports", type=int, default=200_000)
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench-reports"))
    return parser.parse_args()


def setup_django(workdir: Path) -> str:
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'reports.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "consultazione.settings.test"
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    settings.REPORTS_PRIVATE_ROOT = workdir / "private"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def generate(args) -> None:
    from django.db import transaction
    from django.utils import timezone

    from consultazione.accounts.models import User
    from consultazione.contributions.models import Channel, Comment, Contribution, ContributionKind, Outcome
    from consultazione.meetings.models import Attendance, Meeting, Registration
    from consultazione.moderation.models import OutcomeRecord
    from consultazione.plan.models import Axis, Strategy
    from consultazione.process.models import Phase, Process
    from consultazione.stakeholders.models import Category, Organisation
    from consultazione.territory.models import Comune, ZonaOmogenea
    from consultazione.voting.models import Allocation, Ballot, ExerciseItem, PriorityExercise, Support

    psm = Process.objects.get(slug="psm-2024-2026")
    rng = random.Random(42)
    now = timezone.now()
    with transaction.atomic():
        process = Process.objects.create(slug=SLUG, title="Processo di prova (benchmark)", plan_produced=psm.plan_produced)
        for phase in psm.phases.all():
            Phase.objects.create(
                process=process,
                kind=phase.kind,
                title=phase.title,
                position=phase.position,
                planned_start=phase.planned_start,
                planned_end=phase.planned_end,
                actual_start=phase.actual_start,
                actual_end=phase.actual_end,
            )
    phases = list(process.phases.all())
    axes = list(Axis.objects.filter(plan=process.plan_produced))
    strategies = list(Strategy.objects.filter(axis__plan=process.plan_produced))
    zones = list(ZonaOmogenea.objects.all())
    comuni = list(Comune.objects.exclude(zona=None))
    categories = list(Category.objects.all())

    n_users = max(args.supports // 7, args.ballots, 1000)
    print(f"generating {n_users} users, {args.contributions} contributions, {args.supports} supports, {args.ballots} ballots…")
    User.objects.bulk_create(
        [User(email=f"bench{i}@example.org", pseudonym=f"bench-{i}", password="!") for i in range(n_users)], batch_size=5000
    )
    users = list(
        User.objects.filter(email__startswith="bench", email__endswith="@example.org").order_by("id").values_list("id", flat=True)
    )
    staff = users[0]
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Organizzazione bench {i}", category=categories[i % len(categories)]) for i in range(200)]
    )
    statuses = ["published"] * 18 + ["pending", "rejected"]
    outcomes = list(Outcome.values) + [""] * 10
    supports_per = [0] * args.contributions
    contributions = []
    for i in range(args.contributions):
        axis = axes[i % len(axes)]
        comune = comuni[i % len(comuni)] if i % 5 else None
        contributions.append(
            Contribution(
                reference=f"BENCH-{i}",
                process=process,
                phase=phases[1 + i % 2],
                kind=rng.choice(ContributionKind.values),
                title=f"Contributo {i}",
                body=f"Testo del contributo numero {i}. " * 8,
                axis=axis,
                zona=comune.zona if comune else zones[i % len(zones)] if i % 7 else None,
                comune=comune,
                author_id=users[i % len(users)],
                organisation=organisations[i % 200] if i % 11 == 0 else None,
                channel=rng.choice(Channel.values),
                status=statuses[i % len(statuses)],
                published_at=now,
                contains_personal_data=i % 97 == 0,
                outcome=outcomes[i % len(outcomes)],
            )
        )
    Contribution.objects.bulk_create(contributions, batch_size=5000)
    ids = list(Contribution.objects.filter(process=process).order_by("id").values_list("id", flat=True))
    supports, k = [], 0
    for u, user_id in enumerate(users):
        for j in range(7):
            if k >= args.supports:
                break
            index = (u * 13 + j * 7919) % len(ids)
            supports_per[index] += 1
            supports.append(Support(user_id=user_id, contribution_id=ids[index]))
            k += 1
    Support.objects.bulk_create(supports, batch_size=10000, ignore_conflicts=True)
    for index, n in enumerate(supports_per):
        contributions[index].support_count = n
    Contribution.objects.bulk_update([c for c in contributions if c.support_count], ["support_count"], batch_size=5000)
    Comment.objects.bulk_create(
        [
            Comment(contribution_id=ids[i % len(ids)], author_id=users[i % len(users)], body=f"Commento {i}", status="published")
            for i in range(args.contributions // 2)
        ],
        batch_size=5000,
    )
    recorded = Contribution.objects.filter(process=process).exclude(outcome="").values_list("id", "outcome")
    OutcomeRecord.objects.bulk_create(
        [
            OutcomeRecord(
                contribution_id=cid,
                outcome=o,
                motivation="Motivazione.",
                strategy=strategies[cid % len(strategies)],
                recorded_by_id=staff,
                recorded_at=now,
            )
            for cid, o in recorded
        ],
        batch_size=5000,
    )
    exercise = PriorityExercise.objects.create(
        process=process,
        title="Priorità (benchmark)",
        method="dots",
        scope="plan",
        status="closed",
        closed_at=now,
        points_total=10,
        points_per_item_max=5,
    )
    items = ExerciseItem.objects.bulk_create(
        [ExerciseItem(exercise=exercise, strategy=s, position=i) for i, s in enumerate(strategies[:20])]
    )
    Ballot.objects.bulk_create(
        [
            Ballot(
                exercise=exercise,
                user_id=users[i],
                zona=zones[i % len(zones)],
                category=categories[i % len(categories)] if i % 4 == 0 else None,
            )
            for i in range(args.ballots)
        ],
        batch_size=5000,
    )
    ballots = list(Ballot.objects.filter(exercise=exercise).values_list("id", "zona_id", "category_id"))
    Allocation.objects.bulk_create(
        [
            Allocation(
                ballot_id=b, item=items[(b + j * 3) % len(items)], points=1 + j, exercise=exercise, zona_id=z, category_id=c
            )
            for b, z, c in ballots
            for j in range(3)
        ],
        batch_size=10000,
    )
    meetings = [
        Meeting.objects.create(
            process=process,
            slug=f"bench-incontro-{i}",
            title=f"Incontro {i}",
            kind="tavolo_territoriale",
            starts_at=now - timedelta(days=60 - i),
            ends_at=now - timedelta(days=60 - i, hours=-3),
            venue_comune=comuni[i],
        )
        for i in range(50)
    ]
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                meeting=meetings[i % 50],
                first_name=f"Nome{i}",
                last_name=f"Cognome{i}",
                email=f"iscritto{i}@example.org",
                consent=True,
                status="confirmed",
                source="form",
                checkin_code=f"B{i:07d}",
            )
            for i in range(3000)
        ],
        batch_size=3000,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=r.meeting, registration=r, method="lista", category=categories[i % len(categories)] if i % 3 else None
            )
            for i, r in enumerate(registrations)
        ],
        batch_size=3000,
    )


def timed(label: str, function):
    """Wall time, and CPU time of this process (the machine may be shared: with SQLite, in-process,
    CPU time is what the step costs on an idle machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    print(f"{label:<44} {time.perf_counter() - start:7.2f} s wall {time.process_time() - cpu:7.2f} s cpu")
    return result


def traced(label: str, function) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    function()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<44} peak {peak / 2**20:7.1f} MiB (traced run {elapsed:.1f} s)")


def main():
    args = parse_args()
    engine = setup_django(args.workdir)
    from django.db import reset_queries

    from consultazione.process.models import Process
    from consultazione.reports.exports.opendata import build_open_data
    from consultazione.reports.exports.writers import write_workbook
    from consultazione.reports.final_report.data import report_data
    from consultazione.reports.final_report.render import report_html, report_pdf
    from consultazione.reports.selectors import dashboard

    if not Process.objects.filter(slug=SLUG).exists():
        timed("generate data (once per database)", lambda: generate(args))
    process = Process.objects.get(slug=SLUG)
    print(f"engine: {engine}; contributions: {process.contributions.count()}")
    reset_queries()
    timed("dashboard figures", lambda: dashboard(process=process))
    data = timed("final report data (target ≤ 5 s)", lambda: report_data(process))
    html = timed("final report HTML", lambda: report_html(data))
    pdf = timed("final report PDF (WeasyPrint)", lambda: report_pdf(process=process, body_html=html))
    print(f"{'   PDF size':<44} {len(pdf) / 1024:7.0f} KiB")
    with tempfile.TemporaryDirectory() as tmp:
        counts = timed(
            "full workbook, no personal data (≤ 30 s)",
            lambda: write_workbook(Path(tmp) / "w.xlsx", process=process, personal_data=False),
        )
        print(f"{'   rows':<44} {sum(counts.values()):7d} {counts}")
        print(f"{'   size':<44} {(Path(tmp) / 'w.xlsx').stat().st_size / 2**20:7.1f} MiB")
        timed(
            "full workbook, with personal data", lambda: write_workbook(Path(tmp) / "p.xlsx", process=process, personal_data=True)
        )
        timed("open-data package (ZIP)", lambda: build_open_data(Path(tmp) / "o.zip", process=process))
        print(f"{'   size':<44} {(Path(tmp) / 'o.zip').stat().st_size / 2**20:7.1f} MiB")
        # tracemalloc slows Python ~5x: trace the two biggest sheets (250,000 rows), not the whole workbook.
        traced(
            "memory: workbook (contributions + supports)",
            lambda: write_workbook(
                Path(tmp) / "m.xlsx", process=process, personal_data=False, keys=["contributions", "supports"]
            ),
        )
        traced("memory: open-data package", lambda: build_open_data(Path(tmp) / "m.zip", process=process))
        traced("memory: final report data", lambda: report_data(process))
    print(f"{'max RSS of the process':<44} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f} MiB")
    print(f"{'load average (1, 5, 15 min)':<44} {os.getloadavg()} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
