import pytest
from django.urls import reverse

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import PermissionDenied
from consultazione.meetings.models import TableContribution, TableOutput
from consultazione.meetings.services import table_output_save

pytestmark = pytest.mark.django_db


def test_facilitator_records_outputs_and_contributions(client, table_meeting, facilitator, psm):
    psm.set_phase("ascolto")
    table = table_meeting.tables.get(position=1)
    item = table_meeting.agenda.get(position=2)
    url = reverse("meetings:table", args=[table_meeting.slug, 1])
    client.force_login(facilitator)
    assert client.get(url).status_code == 200
    strategy = psm.axes[1].strategies.first()
    response = client.post(
        url,
        {
            "action": "output",
            "item": item.pk,
            f"out{item.pk}-summary": "Servono più collegamenti.",
            f"out{item.pk}-decisions": "Portare la proposta in plenaria.",
            f"out{item.pk}-strategies": [strategy.pk],
        },
    )
    assert response.status_code == 302
    output = TableOutput.objects.get(table=table, agenda_item=item)
    assert output.decisions == "Portare la proposta in plenaria." and list(output.strategies.all()) == [strategy]
    response = client.post(
        url,
        {
            "action": "contribution",
            "kind": "bisogno",
            "title": "Sportello unico per le imprese",
            "body": "Le piccole imprese chiedono uno sportello unico in zona.",
            "axis": psm.axes[1].pk,
            "agenda_item": item.pk,
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(title="Sportello unico per le imprese")
    assert contribution.channel == "tavolo" and contribution.entered_by == facilitator and contribution.author is None
    assert "Tavolo asse 1" in contribution.source
    assert TableContribution.objects.get(contribution=contribution).agenda_item == item
    assert "Sportello unico per le imprese" in client.get(url).content.decode()


def test_bad_contribution_shows_errors_and_stores_nothing(client, table_meeting, facilitator, psm):
    psm.set_phase("ascolto")
    client.force_login(facilitator)
    url = reverse("meetings:table", args=[table_meeting.slug, 1])
    response = client.post(url, {"action": "contribution", "kind": "idea", "title": "x", "body": "", "axis": psm.axes[1].pk})
    assert response.status_code == 400
    assert not Contribution.objects.exists() and not TableContribution.objects.exists()


def test_only_own_table_or_staff(client, table_meeting, facilitator, user_factory, staff):
    other = user_factory(roles=["facilitator"])
    table_two = table_meeting.tables.get(position=2)
    with pytest.raises(PermissionDenied):
        table_output_save(actor=facilitator, table=table_two, summary="x")
    with pytest.raises(PermissionDenied):
        table_output_save(actor=other, table=table_meeting.tables.get(position=1), summary="x")
    assert table_output_save(actor=staff, table=table_two, summary="Sintesi dello staff").pk
    client.force_login(other)
    assert client.get(reverse("meetings:table", args=[table_meeting.slug, 1])).status_code == 403


def test_table_files_a_criticita_on_the_plan_in_force_and_refuses_an_idea_there(client, table_meeting, facilitator, psm):
    """The table's form follows the one rule (contributions.selectors.plans_open_to) like the
    citizens' form: the plan in force being revised is offered, only a criticità may use it."""
    psm.set_phase("ascolto")
    client.force_login(facilitator)
    url = reverse("meetings:table", args=[table_meeting.slug, 1])
    old_axis = psm.previous_plan.axes.order_by("code").first()
    fields = {
        "action": "contribution",
        "title": "Le corse promesse non sono partite",
        "body": "Mai attivate.",
        "axis": old_axis.pk,
    }
    refused = client.post(url, {**fields, "kind": "idea"})
    assert refused.status_code == 400 and "è aperto solo a: Criticità" in refused.content.decode()
    assert not Contribution.objects.exists()
    assert client.post(url, {**fields, "kind": "criticita"}).status_code == 302
    assert Contribution.objects.get().axis == old_axis
