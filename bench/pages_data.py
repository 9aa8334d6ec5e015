"""The database of bench/pages_load.py: N published contributions spread like a real consultation
(Torino and axis 1 the largest), heavy-tailed supports and comments (their rows, as many as the
counts say: ~2.7 supports and ~0.9 comments per contribution), 5,000 people; a few topic words each
in about 2 % of the contributions, for the search."""

import random
import time
from datetime import timedelta

# Share of contributions per zona omogenea (1 = Torino), roughly its share of the population.
ZONE_WEIGHTS = {1: 36, 2: 5, 3: 9, 4: 8, 5: 6, 6: 5, 7: 5, 8: 4, 9: 5, 10: 3, 11: 5}
AXIS_WEIGHTS = {1: 22, 2: 20, 3: 19, 4: 14, 5: 14, 6: 11}
KIND_WEIGHTS = {"idea": 55, "criticita": 27, "bisogno": 18}
CHANNEL_WEIGHTS = {"online": 82, "tavolo": 11, "email": 5, "cartaceo": 2}
WORDS = (  # noqa: SIM905
    "trasporto pubblico ciclabile scuola lavoro giovani anziani parco fiume collina montagna servizi sanità "
    "casa energia rinnovabile acqua rifiuti turismo cultura biblioteca impresa innovazione digitale rete "
    "comunità quartiere frazione strada ferrovia stazione orari sicurezza inclusione sport verde agricoltura"
).split()


# Words a search would look for: each is in about 2 % of the contributions, like a specific topic.
TOPICS = ["tramvia", "teleriscaldamento", "coworking", "ecomuseo", "telemedicina", "agrivoltaico", "ciclovia", "doposcuola"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.02 * len(TOPICS) / 4:
        words.insert(rng.randrange(n), rng.choice(TOPICS))
    return " ".join(words).capitalize()


def _weighted(rng: random.Random, weights: dict, k: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def generate(total: int) -> None:
    """Bulk-insert `total` published contributions (plus a few not public), their authors, and the
    supports and comments their counts say (what the dashboard's figures read)."""
    from django.db import transaction
    from django.utils import timezone

    from consultazione.accounts.models import User
    from consultazione.contributions.models import KIND_RULES, Comment, Contribution
    from consultazione.plan.models import Plan
    from consultazione.process.models import Process
    from consultazione.territory.models import Comune, ZonaOmogenea
    from consultazione.voting.models import Support

    rng = random.Random(2024)
    process = Process.objects.get(slug="psm-2024-2026")
    phase = process.phases.get(kind="ascolto")
    plan = Plan.objects.get(slug="psm-2024-2026")
    axes = {axis.code: axis for axis in plan.axes.all()}
    strategies = {code: list(axis.strategies.all()) for code, axis in axes.items()}
    zones = {zone.number: zone for zone in ZonaOmogenea.objects.all()}
    comuni = {number: list(Comune.objects.filter(zona=zone)) for number, zone in zones.items()}
    now = timezone.now()
    with transaction.atomic():
        User.objects.bulk_create(
            [User(email=f"bench{n}@example.org", pseudonym=f"bench-{n}", password="!") for n in range(5000)],
            batch_size=1000,
        )
        authors = list(User.objects.filter(email__startswith="bench"))
        rows, extra = [], total // 25
        for n, (axis, zone, kind, channel) in enumerate(
            zip(
                _weighted(rng, AXIS_WEIGHTS, total + extra),
                _weighted(rng, ZONE_WEIGHTS, total + extra),
                _weighted(rng, KIND_WEIGHTS, total + extra),
                _weighted(rng, CHANNEL_WEIGHTS, total + extra),
                strict=True,
            )
        ):
            created = now - timedelta(minutes=rng.randint(0, 120 * 24 * 60))
            strategy = rng.choice(strategies[axis]) if strategies[axis] and rng.random() < 0.7 else None
            comune = rng.choice(comuni[zone]) if comuni[zone] and rng.random() < 0.6 else None
            status = "published" if n < total else rng.choice(["pending", "hidden", "rejected", "withdrawn"])
            rows.append(
                Contribution(
                    reference=f"{process.reference_prefix}-{KIND_RULES[kind].code}-{created:%Y}-B{n:06d}",
                    process=process,
                    phase=phase,
                    kind=kind,
                    title=_sentence(rng, rng.randint(4, 12))[:150],
                    body="\n\n".join(_sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(1, 4))),
                    axis=axes[axis],
                    strategy=strategy,
                    zona=zones[zone],
                    comune=comune,
                    author=authors[int(len(authors) * rng.random() ** 3)],  # a few very active authors
                    channel=channel,
                    status=status,
                    published_at=created if status == "published" else None,
                    support_count=min(int(rng.paretovariate(1.3)) - 1, 3000),
                    comment_count=min(int(rng.paretovariate(1.8)) - 1, 300),
                )
            )
        Contribution.objects.bulk_create(rows, batch_size=2000)
        # A realistic thread on the benchmarked detail page (the most supported contribution).
        target = Contribution.objects.public().order_by("-support_count", "pk").first()
        Contribution.objects.filter(pk=target.pk).update(comment_count=40)
        people = [user.pk for user in authors]
        supports, comments = [], []
        for pk, support_count, comment_count in Contribution.objects.filter(process=process).values_list(
            "pk", "support_count", "comment_count"
        ):
            supports += [Support(user_id=user, contribution_id=pk) for user in rng.sample(people, support_count)]
            comments += [
                Comment(contribution_id=pk, author_id=rng.choice(people), body=_sentence(rng, 30), status="published")
                for _ in range(comment_count)
            ]
        Support.objects.bulk_create(supports, batch_size=5000)
        Comment.objects.bulk_create(comments, batch_size=2000)


# Topic searches (each word in about 2 % of the contributions, alone or two together) and, apart,
# words of the generator's 40-word vocabulary that every other contribution contains (a worst case
# a real consultation's vocabulary rarely reaches).
SEARCHES = {
    "topic": [*TOPICS, "tramvia ciclovia", "coworking telemedicina", "ecomuseo montagna", "doposcuola scuola"],
    "common word": ["scuola", "trasporto pubblico", "parco fiume", "energia rinnovabile"],
}


def search_latency(rounds: int = 5) -> dict:
    """p50/p95 of the list's search as the view runs it (count + first page of 20 by relevance),
    in this process, per kind of query."""
    from django.core.paginator import Paginator

    from consultazione.contributions.selectors import contributions_public

    figures = {}
    for kind, queries in SEARCHES.items():
        timings = []
        for _ in range(rounds):
            for query in queries:
                started = time.perf_counter()
                page = Paginator(contributions_public(q=query, sort="relevance"), 20).get_page(1)
                list(page.object_list)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        figures[kind] = {"p50_ms": timings[len(timings) // 2], "p95_ms": timings[int(len(timings) * 0.95) - 1]}
    return {"page": "search selector", **figures}
