"""Monitoring at plan scale: roll-up, public pages, export and import of the tracking spreadsheets.

    .venv/bin/python bench/monitoring.py [--scale 1,10] [--requests 50] [--workdir /tmp/consultazione-bench-monitoring]

DATABASE_URL (PostgreSQL) is used when set, else a SQLite file in --workdir.
For each scale S, a plan "bench-S" is built with 25×S strategies and 113×S actions (the official
size of the PSM 2024-2026 at S=1), every action tracked, 3 indicators per strategy's first action
with 12 monthly values each, and 2 updates per action. Then it prints: roll-up time and query
count, server time (p50/p95) and queries of the public pages through the whole Django stack
(in-process test client), export time (CSV, XLSX) and the time of a full XLSX re-import (every
row through the audited services, in one transaction).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
if not (BASE_DIR / "manage.py").exists():
    sys.path.insert(0, "/work/main")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="1,10")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench-monitoring"))
    return parser.parse_args()


def setup_django(workdir: Path) -> str:
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'monitoring.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "consultazione.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def build(scale: int, staff):
    """Bulk-insert the plan tree and the tracking rows (fast); the import below goes through the services."""
    from consultazione.monitoring.models import ActionTracking, ActionUpdate, Indicator, IndicatorValue
    from consultazione.plan.models import Action, Axis, Plan, Strategy

    slug = f"bench-{scale}"
    plan = Plan.objects.filter(slug=slug).first()
    if plan:
        return plan
    rng = random.Random(scale)
    plan = Plan.objects.create(
        slug=slug, title=slug, short_name=slug, period_start=3000 + scale, period_end=3002 + scale, status="expired"
    )
    axes = [Axis.objects.create(plan=plan, code=n, title=f"Asse {n}") for n in range(1, 7)]
    strategies = Strategy.objects.bulk_create(
        [Strategy(axis=axes[n % 6], code=f"{n % 6 + 1}.{n // 6 + 1}", title=f"Strategia {n}") for n in range(25 * scale)]
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                strategy=strategies[n % len(strategies)],
                code=f"{strategies[n % len(strategies)].code}.{n // len(strategies) + 1}",
                title=f"Azione {n}",
            )
            for n in range(113 * scale)
        ]
    )
    statuses = ["not_started", "in_progress", "in_progress", "completed", "suspended"]
    trackings = []
    for action in actions:
        status = rng.choice(statuses)
        progress = {"not_started": 0, "completed": 100}.get(status, rng.randint(1, 99))
        trackings.append(ActionTracking(action=action, status=status, progress=progress, responsible_office="Ufficio bench"))
    trackings = ActionTracking.objects.bulk_create(trackings)
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(tracking=t, name=f"Indicatore {k}", unit="number", baseline=0, target=100)
            for t in trackings[: len(strategies)]
            for k in range(3)
        ]
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(indicator=i, date=date(2020 + m // 12, m % 12 + 1, 28), value=Decimal(m * 3), unit="number")
            for i in indicators
            for m in range(12)
        ]
    )
    ActionUpdate.objects.bulk_create(
        [
            ActionUpdate(tracking=t, date=date(2021, k + 1, 1), title=f"Aggiornamento {k}", text="Testo.")
            for t in trackings
            for k in range(2)
        ]
    )
    return plan


def timed(fn, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    times = []
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main():
    args = parse_args()
    engine = setup_django(args.workdir)
    from django.test import Client
    from django.test.utils import override_settings

    from consultazione.accounts.models import User
    from consultazione.accounts.roles import Role
    from consultazione.accounts.services import user_create
    from consultazione.monitoring.selectors import plan_progress, tracking_export_csv, tracking_export_xlsx
    from consultazione.monitoring.services import tracking_import
    from consultazione.monitoring.tabular import read_xlsx
    from consultazione.plan.models import Action

    staff = User.objects.filter(email="bench-staff@example.org").first() or user_create(
        email="bench-staff@example.org", password=None, pseudonym="bench-staff", verified=True, roles=[Role.STAFF]
    )
    print(f"engine: {engine}; load average: {os.getloadavg()[0]:.2f}")
    print("| scale | actions | step | p50 ms | p95 ms | queries |")
    print("|---|---|---|---|---|---|")
    client = Client()
    with override_settings(ALLOWED_HOSTS=["*"], MONITORING_IMPORT_MAX_ROWS=100_000):
        for scale in [int(s) for s in args.scale.split(",")]:
            plan = build(scale, staff)
            n = Action.objects.filter(strategy__axis__plan=plan).count()
            detail = Action.objects.filter(strategy__axis__plan=plan).order_by("id").first().code
            steps = {
                "plan_progress()": lambda: plan_progress(plan=plan),
                "GET plan overview": lambda: client.get(f"/monitoraggio/piano/{plan.slug}/"),
                "GET axis page": lambda: client.get(f"/monitoraggio/piano/{plan.slug}/asse-1/"),
                "GET action list (filtered)": lambda: client.get(f"/monitoraggio/piano/{plan.slug}/azioni/?stato=in_progress"),
                "GET action detail": lambda: client.get(f"/monitoraggio/piano/{plan.slug}/azioni/{detail}/"),
                "GET API list": lambda: client.get(f"/api/v1/monitoring/actions/?plan={plan.slug}"),
                "export CSV (actions)": lambda: tracking_export_csv(plan=plan),
                "export XLSX (3 sheets)": lambda: tracking_export_xlsx(plan=plan),
            }
            for name, fn in steps.items():
                runs = args.requests if not name.startswith("export") else max(3, args.requests // 10)
                p50, p95, queries = timed(fn, runs)
                print(f"| {scale} | {n} | {name} | {p50:.1f} | {p95:.1f} | {queries} |")
            sheets = read_xlsx(tracking_export_xlsx(plan=plan))
            rows = sum(len(rows) for rows in sheets.values())
            for label in ("unchanged", "all progress +1"):
                if label != "unchanged":
                    for _number, row in sheets["azioni"]:
                        if row["stato"] == "in_progress":
                            row["avanzamento"] = min(int(row["avanzamento"]) + 1, 99)
                start = time.perf_counter()
                report = tracking_import(actor=staff, plan=plan, sheets=sheets)
                elapsed = (time.perf_counter() - start) * 1000
                print(f"| {scale} | {n} | import XLSX, {label} ({rows} rows, {report.changes} changes) | {elapsed:.0f} | – | – |")


if __name__ == "__main__":
    main()
