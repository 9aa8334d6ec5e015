"""What a restore must bring back, as plain JSON: contributions, supports, ballots, images (with
the files' checksums) and the Wagtail page tree. Computed on the source database in the test and
on the restored one in a subprocess (READ_BACK)."""

import hashlib

from django.test import Client
from wagtail.models import Page

from consultazione.contributions.models import Contribution, ContributionImage
from consultazione.voting.models import Ballot, Support

READ_BACK = "import django, json; django.setup(); from tests.ops.snapshot import snapshot; print(json.dumps(snapshot()))"


def _digest(field_file) -> str:
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot() -> dict:
    contributions = Contribution.objects.select_related("axis", "zona", "author").order_by("reference")
    images = ContributionImage.objects.select_related("contribution").order_by("contribution__reference", "position")
    ballots = Ballot.objects.select_related("exercise", "user", "zona").prefetch_related("allocations__item__contribution")
    pages = Page.objects.order_by("path")
    client = Client()
    return {
        "contributions": [
            [c.reference, c.title, c.body, c.kind, c.status, c.axis.code, c.zona.number, c.author.pseudonym, c.support_count]
            for c in contributions
        ],
        "images": [
            [i.contribution.reference, i.image.name, i.width, i.height, _digest(i.image), _digest(i.thumbnail)] for i in images
        ],
        "supports": sorted(
            [s.user.pseudonym, s.contribution.reference] for s in Support.objects.select_related("user", "contribution")
        ),
        "ballots": sorted(
            [
                b.exercise.title,
                b.user.pseudonym,
                b.zona.number,
                sorted([a.item.contribution.reference, a.points] for a in b.allocations.all()),
            ]
            for b in ballots
        ),
        "pages": [[p.path, p.depth, p.numchild, p.url_path, p.title, p.content_type.model, p.live] for p in pages],
        "tree_problems": sum(len(problems) for problems in Page.find_problems()),
        "page_status": {
            page.url: client.get(page.url, secure=True).status_code
            for page in Page.objects.live().specific().filter(depth__gte=2).order_by("path")
            if page.url
        },
    }
