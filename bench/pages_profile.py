"""Where an uncached page's time goes, in-process: the web CPU of each page of `pages_load.py`
rendered by Django's test client on the same database and production settings, without a server
or a load generator (so the figures do not depend on what else shares the box).

    .venv/bin/python bench/pages_profile.py --workdir /tmp/consultazione-bench        # after pages_load.py --prepare-only
    .venv/bin/python bench/pages_profile.py --page list --profile                     # + cProfile's top functions
    PROFILE_SORT=tottime PROFILE_LINES=80 .venv/bin/python bench/pages_profile.py --page detail --profile

For each page and mode (`miss`: the page cache skipped, shared fragments and memos warm — another
address of the page, as the load bench's `miss` mode; `changed`: the same after a change of the
data the page shows, every scope but the site's moved before each request — a list's count, ids and
cards' digests, a detail's contribution, the monitoring's roll-up read again; `signed-in`: a
verified citizen's session on a page nobody loaded since the last change, rendered in full;
`personal`: the same session on a page a visitor loaded, the visitors' page with the citizen's
personal parts, core/personal.py) it prints the CPU ms per request (median of `--repeat`), the
number of SQL queries, how it was served, and the hello world's own CPU (the floor: the same
middleware, no view work).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from pages_load import HELLO, bench_env, signed_in_cookie, targets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench"))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--page", action="append", help="only these pages (names of pages_load.py)")
    parser.add_argument("--modes", default="miss,changed,signed-in,personal")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions per page")
    args = parser.parse_args()
    os.environ.update({**bench_env(args), "DJANGO_SETTINGS_MODULE": "bench.hello_settings"})
    os.environ.setdefault("DB_CONN_MAX_AGE", "60")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from consultazione.contributions.models import Contribution
    from consultazione.core import pagecache
    from consultazione.plan.models import Axis
    from consultazione.voting.models import Support

    pages = {"hello world": HELLO, **targets()}
    detail_reference = pages["detail"].rstrip("/").rsplit("/", 1)[1]
    data_scopes = [pagecache.CONTRIBUTIONS, pagecache.CONTRIBUTIONS_BASE, pagecache.MEETINGS, pagecache.MONITORING]
    data_scopes += [pagecache.VOTING, pagecache.REPORTS]
    axes = Axis.objects.values_list("pk", flat=True)
    data_scopes += [pagecache.contribution(detail_reference), *(pagecache.axis(pk) for pk in axes)]
    detail = Contribution.objects.get(reference=detail_reference)
    moved = {  # what each mode moves before every request
        "changed": data_scopes,  # a publish, a hide, an outcome: every scope but the site's
        "supported": [pagecache.CONTRIBUTIONS, pagecache.contribution(detail_reference), pagecache.axis(detail.axis_id)],
    }
    if args.page:
        pages = {name: url for name, url in pages.items() if name in args.page or name == "hello world"}
    cookie_name, _, cookie_value = signed_in_cookie().partition("=")
    print(f"{'page':<16} {'mode':<10} {'CPU ms':>7} {'queries':>7} status served")
    for mode in args.modes.split(","):
        burst = _support_burst() if mode == "supported" else []
        client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
        visitor = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
        if mode in ("signed-in", "personal"):
            client.cookies[cookie_name] = cookie_value
        for name, url in pages.items():
            separator = "&" if "?" in url else "?"

            def address(n):  # a new page each time, but in `personal` mode, where a visitor loaded it
                return url if mode == "personal" else f"{url}{separator}_={mode[:2]}{n}"

            if mode == "personal":
                visitor.get(url)
            for n in range(3):  # warm the fragments and the process
                client.get(address(f"w{n}"))
            times = []
            for n in range(args.repeat):
                if mode in moved:  # a change of what the page shows (not of the site: menus, plan names)
                    pagecache.bump(*moved[mode])
                started = time.process_time()
                response = client.get(address(n))
                times.append((time.process_time() - started) * 1000)
            if mode in moved:
                pagecache.bump(*moved[mode])
            with CaptureQueriesContext(connection) as queries:
                client.get(address("q"))
            sql = [query["sql"] for query in queries.captured_queries]  # the next request clears the log
            served = response.headers.get("X-Page-Cache", "-")
            print(f"{name:<16} {mode:<10} {statistics.median(times):7.1f} {len(sql):7d} {response.status_code} {served}")
            if args.profile and name != "hello world":
                profiler = cProfile.Profile()
                profiler.enable()
                for n in range(10):
                    if mode in moved:
                        pagecache.bump(*moved[mode])
                    client.get(address(f"p{n}"))
                profiler.disable()
                stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
                stats.print_stats(int(os.environ.get("PROFILE_LINES", "45")))
                for query in sql:
                    print("SQL", query[:300])
        Support.objects.filter(pk__in=burst).delete()


def _support_burst(size: int = 300) -> list[int]:
    """Supports given in the last minute, as during a peak (the dashboard reads them by date): rows
    of the bench's people on contributions they did not support, removed after the mode."""
    import random

    from consultazione.accounts.models import User
    from consultazione.contributions.models import Contribution
    from consultazione.voting.models import Support

    rng = random.Random(7)
    people = list(User.objects.filter(email__startswith="bench").values_list("pk", flat=True))
    contributions = list(Contribution.objects.public().values_list("pk", flat=True)[:5000])
    last = Support.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rows = [Support(user_id=rng.choice(people), contribution_id=rng.choice(contributions)) for _ in range(size)]
    Support.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Support.objects.filter(pk__gt=last).values_list("pk", flat=True))


if __name__ == "__main__":
    main()
