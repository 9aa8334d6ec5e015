"""Benchmark: results of a priority exercise with 20,000 ballots over 25 strategies, with the
breakdowns by zone, macro-area and stakeholder category. Prints time and query count.

    .venv/bin/python bench/voting_results.py                      # SQLite (temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/consultazione_voting \\
        .venv/bin/python bench/voting_results.py                  # PostgreSQL (<name>_voting_bench database)

Options: --ballots N (default 20000), --strategies N (25), --runs N (7).
It builds a throw-away test database (Django's test-database machinery) and drops it at the end.
Target: results in ≤ 200 ms.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultazione.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from consultazione.accounts.models import User  # noqa: E402
from consultazione.accounts.roles import Role  # noqa: E402
from consultazione.accounts.services import user_create  # noqa: E402
from consultazione.plan.models import Axis, Strategy  # noqa: E402
from consultazione.process.models import Process  # noqa: E402
from consultazione.process.services import phase_force_active  # noqa: E402
from consultazione.stakeholders.models import Category, Organisation  # noqa: E402
from consultazione.territory.models import ZonaOmogenea  # noqa: E402
from consultazione.voting.models import Allocation, Ballot, Method, ResultsVisibility, Scope  # noqa: E402
from consultazione.voting.selectors import exercise_ranking, exercise_results  # noqa: E402
from consultazione.voting.services import exercise_create  # noqa: E402

BATCH = 5000


def ensure_strategies(plan, wanted: int) -> None:
    """The seed has 5 of the 25 official strategies: add numbered placeholders up to `wanted`."""
    axes = list(Axis.objects.filter(plan=plan).order_by("code"))
    count = Strategy.objects.filter(axis__plan=plan).count()
    n = 2
    while count < wanted:
        for axis in axes:
            if count >= wanted:
                break
            _, created = Strategy.objects.get_or_create(
                axis=axis, code=f"{axis.code}.{n}", defaults={"title": f"Strategia {axis.code}.{n}"}
            )
            count += created
        n += 1


def load(ballots: int, strategies: int):
    call_command("seed", verbosity=0, stdout=io.StringIO())
    process = Process.objects.get(slug="psm-2024-2026")
    phase_force_active(process=process, kind="co_pianificazione")
    ensure_strategies(process.plan_produced, strategies)
    staff = user_create(email="bench-staff@example.org", password=None, roles=[Role.STAFF], verified=True)
    exercise = exercise_create(
        actor=staff,
        process=process,
        title="Benchmark",
        method=Method.DOTS,
        scope=Scope.PLAN,
        points_total=10,
        points_per_item_max=4,
        results_visibility=ResultsVisibility.LIVE,
        open_now=True,
    )
    items = list(exercise.items.values_list("pk", flat=True))
    organisations = [
        Organisation.objects.create(name=f"Organizzazione bench {category.code}", category=category, verified=True)
        for category in Category.objects.all()
    ]
    zones = list(ZonaOmogenea.objects.order_by("number"))
    rng = random.Random(42)

    users = User.objects.bulk_create(
        [User(email=f"bench{n}@example.org", pseudonym=f"bench-{n}", password="!") for n in range(ballots)], batch_size=BATCH
    )
    rows = []
    for user in users:
        organisation = rng.choice(organisations) if rng.random() < 0.15 else None
        rows.append(
            Ballot(
                exercise=exercise,
                user=user,
                zona=rng.choices(zones, weights=[40] + [6] * (len(zones) - 1))[0],
                organisation=organisation,
                category_id=organisation.category_id if organisation else None,
            )
        )
    created = Ballot.objects.bulk_create(rows, batch_size=BATCH)
    allocations = []
    weights = [1 + (len(items) - i) / 5 for i in range(len(items))]  # some strategies more popular
    for ballot in created:
        left = 10
        for item in dict.fromkeys(rng.choices(items, weights=weights, k=6)):
            give = min(rng.randint(1, 4), left)
            if give:
                allocations.append(
                    Allocation(
                        ballot=ballot,
                        item_id=item,
                        points=give,
                        exercise=exercise,
                        zona_id=ballot.zona_id,
                        category_id=ballot.category_id,
                    )
                )
                left -= give
    Allocation.objects.bulk_create(allocations, batch_size=BATCH)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return exercise, len(allocations)


def measure(label: str, fn, runs: int) -> None:
    fn()  # warm-up (caches, query plans)
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured.captured_queries)
    print(
        f"  {label:<38} median {statistics.median(times):7.1f} ms   min {min(times):7.1f} ms   "
        f"max {max(times):7.1f} ms   queries {queries}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--strategies", type=int, default=25)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    setup_test_environment()
    database = settings.DATABASES["default"]
    # a name of its own, so that the benchmark never drops the database pytest reuses
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(Path("/tmp") / f"voting_bench_{os.getpid()}.sqlite3")
    else:
        database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_voting_bench"
    old_name = database["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        exercise, allocations = load(args.ballots, args.strategies)
        print(
            f"{connection.vendor}: {args.ballots} ballots, {allocations} allocations, "
            f"{exercise.items.count()} items, loaded in {time.perf_counter() - start:.1f} s"
        )
        results = exercise_results(exercise)
        assert results.participants == args.ballots
        assert sum(item.score for item in results.items) == sum(Allocation.objects.values_list("points", flat=True))
        measure("exercise_results (ranking + breakdowns)", lambda: exercise_results(exercise), args.runs)
        measure("exercise_ranking (totals only)", lambda: exercise_ranking(exercise), args.runs)
        client = Client()
        url = f"/priorita/{exercise.pk}/risultati/"
        measure("results page (HTTP, templates, charts)", lambda: client.get(url), args.runs)
        measure("results CSV", lambda: client.get(url.replace("risultati/", "risultati.csv")), args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
