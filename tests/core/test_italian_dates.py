"""Month names are lowercase in Italian ("7 dicembre 2026"): Django's catalog capitalises them,
locale/it overrides it, so every `|date` with a month name writes them as the house's
`local_timestamp` does; English keeps its capitals."""

import datetime

from django.template import Context, Template
from django.utils import timezone, translation

from consultazione.core.templatetags.machine_dates import local_timestamp

DATES = Template('{{ day|date:"j F Y" }} · {{ day|date:"j E Y" }} · {{ day|date:"l j F Y" }}')


def test_month_names_are_lowercase_in_italian():
    day = datetime.date(2026, 12, 7)
    with translation.override("it"):
        assert DATES.render(Context({"day": day})) == "7 dicembre 2026 · 7 dicembre 2026 · Lunedì 7 dicembre 2026"
        assert local_timestamp(day) == "7 dicembre 2026"  # the same words as the house's filter
    with translation.override("en"):
        assert DATES.render(Context({"day": day})) == "7 December 2026 · 7 December 2026 · Monday 7 December 2026"


def test_a_contribution_page_dates_it_in_lowercase(client, psm, citizen):
    from tests.conftest import submit_contribution

    psm.set_phase("ascolto")
    contribution = submit_contribution(psm, citizen, title="Più corse serali", body="Dopo le 21.")
    assert contribution.published_at is not None
    html = client.get(f"/contributi/{contribution.reference}/", headers={"accept-language": "it"}).content.decode()
    with translation.override("it"):
        byline = DATES.render(Context({"day": timezone.localtime(contribution.published_at)})).split(" · ")[0]
    assert byline.split()[1].islower() and f">{byline}, " in html  # "7 dicembre 2026, 10:15"
