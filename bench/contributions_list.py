"""Server time and query count of the contribution list with a big database.

    .venv/bin/python bench/contributions_list.py [--sizes 1000,50000] [--requests 200]
                                                 [--workdir /tmp/consultazione-bench-contributions]

DATABASE_URL (PostgreSQL) is used when set, else a SQLite file in --workdir (kept between runs).
For each size, the database is grown to that many published contributions (spread over axes,
strategies, zones, comuni, kinds and channels like a real consultation; heavy-tailed supports
and comments; 2,000 pseudonymous authors, a few blocked), then each scenario — the web list
(/contributi/) and the API list, a page of 20 with filters, search and sorts — is requested
through the whole Django stack in-process (middleware, selectors, templates; no network):
warm-up, then --requests timed requests. Prints p50/p95 server time and the query count per
request; the query count must be the same at every size.

Rows are bulk-inserted (not through the services) to build 50,000 in seconds.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

ZONE_WEIGHTS = {1: 36, 2: 5, 3: 9, 4: 8, 5: 6, 6: 5, 7: 5, 8: 4, 9: 5, 10: 3, 11: 5}
AXIS_WEIGHTS = {1: 22, 2: 20, 3: 19, 4: 14, 5: 14, 6: 11}
KIND_WEIGHTS = {"idea": 55, "criticita": 27, "bisogno": 18}
CHANNEL_WEIGHTS = {"online": 82, "tavolo": 11, "email": 5, "cartaceo": 2}
WORDS = (  # most frequent first: picked with Zipf weights, like words in real contributions
    "servizi trasporto comune territorio cittadini scuola lavoro giovani pubblico strada progetto sviluppo "
    "comunità zona rete anziani famiglie parco ambiente sostenibile mobilità digitale servizio quartiere salute "
    "ciclabile ferrovia stazione orari sicurezza inclusione cultura impresa innovazione turismo energia acqua "
    "rifiuti verde agricoltura biblioteca sport casa frazione collina montagna fiume valle bus treno autobus "
    "fermata marciapiede parcheggio illuminazione piazza mercato negozi artigiani formazione università ricerca "
    "ospedale ambulatorio medico farmacia assistenza disabilità accessibilità barriere anziani bambini asilo "
    "palestra associazioni volontariato cooperativa sindacato lavoratori pendolari studenti orario sera notte "
    "domenica estate inverno neve alluvione frana incendio bosco sentiero rifugio alpeggio vigneto nocciole "
    "latte formaggio filiera mercati bonifica capannone fabbrica logistica magazzino connessione fibra antenna "
    "sportello anagrafe tributi bilancio partecipazione consiglio assemblea tavolo incontro proposta criticità "
    "bisogno priorità investimento finanziamento bando manutenzione ristrutturazione riqualificazione recupero "
    "abitazioni affitti alloggi sociale povertà solitudine migranti integrazione lingua mediazione teatro musica "
    "museo castello residenza reale borgo centro storico periferia cintura metropolitana pianura canale diga "
    "centrale fotovoltaico pannelli caldaia teleriscaldamento emissioni aria inquinamento rumore traffico "
    "incidenti velocità rotonda semaforo attraversamento pedoni biciclette monopattini car sharing navetta "
    "prenotazione app biglietto abbonamento tariffa coincidenze ritardi soppressioni carrozze affollamento"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,50000", help="Comma-separated database sizes, ascending.")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per scenario.")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/consultazione-bench-contributions"))
    return parser.parse_args()


def setup_django(workdir: Path) -> str:
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'contributions.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "consultazione.settings.test"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return " ".join(rng.choices(words, weights=weights, k=n)).capitalize()


def authors_ensure(count: int = 2000):
    from consultazione.accounts.models import User

    existing = User.objects.filter(email__startswith="bench-").count()
    if existing < count:
        User.objects.bulk_create(
            [User(email=f"bench-{n}@example.org", pseudonym=f"bench-{n}") for n in range(existing, count)], batch_size=1000
        )
        from django.utils import timezone

        User.objects.filter(email__in=[f"bench-{n}@example.org" for n in range(0, count, 400)]).update(blocked_at=timezone.now())
    return list(User.objects.filter(email__startswith="bench-").values_list("id", flat=True))


def grow_to(size: int, rng: random.Random) -> int:
    """Insert published contributions until there are `size` of them (returns how many were added)."""
    from django.utils import timezone

    from consultazione.contributions.models import Contribution, Outcome
    from consultazione.plan.models import Axis
    from consultazione.process.models import Process
    from consultazione.stakeholders.models import Category, Organisation
    from consultazione.territory.models import Comune, ZonaOmogenea

    current = Contribution.objects.count()
    if current >= size:
        return 0
    process = Process.objects.get(slug="psm-2024-2026")
    phase = process.phases.get(kind="ascolto")
    axes = {a.code: a for a in Axis.objects.filter(plan=process.plan_produced).prefetch_related("strategies")}
    zones = {z.number: z for z in ZonaOmogenea.objects.all()}
    comuni_by_zone: dict[int, list] = {}
    for comune in Comune.objects.select_related("zona"):
        if comune.zona:
            comuni_by_zone.setdefault(comune.zona.number, []).append(comune)
    categories = list(Category.objects.all())
    organisations = [
        Organisation.objects.get_or_create(
            name=f"Organizzazione di prova {n}", defaults={"category": categories[n % len(categories)]}
        )[0]
        for n in range(40)
    ]
    authors = authors_ensure()
    words = WORDS.split()
    outcomes = [*Outcome.values, *[""] * 15]
    now = timezone.now()
    kind_codes = {"idea": "IDEA", "criticita": "CRIT", "bisogno": "BISO"}
    rows = []
    for n in range(current, size):
        axis = axes[weighted(rng, AXIS_WEIGHTS)]
        strategies = list(axis.strategies.all())
        zone_number = weighted(rng, ZONE_WEIGHTS)
        comune = rng.choice(comuni_by_zone[zone_number]) if rng.random() < 0.6 else None
        channel = weighted(rng, CHANNEL_WEIGHTS)
        kind = weighted(rng, KIND_WEIGHTS)
        moment = now - timedelta(minutes=n)
        rows.append(
            Contribution(
                reference=f"BENCH-{kind_codes[kind]}-2024-{n:06d}",
                process=process,
                phase=phase,
                kind=kind,
                title=sentence(rng, words, rng.randint(5, 10)),
                body=sentence(rng, words, rng.randint(30, 80)) + ".",
                axis=axis,
                strategy=rng.choice(strategies) if strategies and rng.random() < 0.4 else None,
                zona=zones[zone_number],
                comune=comune,
                author_id=rng.choice(authors) if channel == "online" else None,
                organisation=rng.choice(organisations) if rng.random() < 0.08 else None,
                channel=channel,
                source="" if channel == "online" else "Tavolo di prova",
                status="published",
                published_at=moment,
                outcome=rng.choice(outcomes),
                support_count=int(rng.paretovariate(1.3)) - 1,
                comment_count=int(rng.paretovariate(1.6)) - 1,
            )
        )
    Contribution.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def refresh_statistics() -> None:
    """What a live database has: planner statistics (and, on PostgreSQL, a vacuumed visibility map
    so that counts can be index-only). SQLite has no autovacuum/autoanalyze: run ANALYZE (or
    PRAGMA optimize) after big imports."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def scenarios():
    from consultazione.plan.models import Axis
    from consultazione.process.models import Process
    from consultazione.territory.models import Comune

    process = Process.objects.get(slug="psm-2024-2026")
    axis = Axis.objects.get(plan=process.plan_produced, code=3)
    torino = Comune.objects.get(name="Torino").istat_code
    return [
        ("web: newest", "/contributi/"),
        ("web: axis + kind", f"/contributi/?axis={axis.pk}&kind=idea"),
        ("web: zone, most supported", "/contributi/?zona=1&sort=supported"),
        ("web: comune + awaiting answer", f"/contributi/?comune={torino}&outcome=none"),
        ("web: category + channel", "/contributi/?category=sindacati&channel=online"),
        ("web: search", "/contributi/?q=ferrovia+stazione"),
        ("web: search + axis", f"/contributi/?q=scuola&axis={axis.pk}&sort=commented"),
        ("web: page 100", "/contributi/?page=100"),
        ("api: axis + kind", f"/api/v1/contributions/?axis={axis.pk}&kind=idea"),
        ("api: search", "/api/v1/contributions/?q=energia+pannelli"),
    ]


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    wall, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return {"wall": percentiles(wall), "cpu": percentiles(cpu), "queries": len(queries)}


def main():
    args = parse_args()
    vendor = setup_django(args.workdir)
    from django.test import Client

    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(42)
    client = Client()
    results: dict[str, dict[int, tuple]] = {}
    for size in sizes:
        started = time.perf_counter()
        added = grow_to(size, rng)
        refresh_statistics()
        print(f"[{vendor}] {size} contributions ({added} added in {time.perf_counter() - started:.1f} s)", flush=True)
        for name, url in scenarios():
            results.setdefault(name, {})[size] = measure(client, url, args.requests)

    load = os.getloadavg()[0]
    print(f"\nContribution list, {vendor}, {args.requests} requests per scenario, in-process (no network).")
    print(f"wall = server time; cpu = this process's CPU time (excludes the PostgreSQL server). Load average: {load:.1f}")
    print(" " * 32 + "".join(f"{f'{size} rows':>45}  " for size in sizes))
    print(f"{'scenario':32}" + "".join(f"{'wall p50':>9}{'p95':>7}{'cpu p50':>9}{'p95':>7}{'queries':>9}    " for _ in sizes))
    for name, per_size in results.items():
        cells = ""
        for size in sizes:
            r = per_size[size]
            cells += f"{r['wall'][0]:9.1f}{r['wall'][1]:7.1f}{r['cpu'][0]:9.1f}{r['cpu'][1]:7.1f}{r['queries']:9d}    "
        print(f"{name:32}{cells}")
    constant = all(len({per_size[s]["queries"] for s in sizes}) == 1 for per_size in results.values())
    worst = max(per_size[sizes[-1]]["wall"][1] for per_size in results.values())
    print(f"\nqueries identical at every size: {'yes' if constant else 'NO'}; worst wall p95 at {sizes[-1]} rows: {worst:.1f} ms")


if __name__ == "__main__":
    main()
