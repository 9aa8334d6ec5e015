"""Cross-app wiring: which plan a contribution may point at, and the axis page's sections."""

import pytest

from consultazione.contributions.services import contribution_submit
from consultazione.core.exceptions import ValidationError


def _submit(psm, citizen, kind, axis):
    return contribution_submit(
        author=citizen,
        process=psm.process,
        kind=kind,
        title="Titolo di prova abbastanza lungo",
        body="Un testo di prova sufficientemente lungo per essere accettato dal servizio.",
        axis=axis,
    )


def test_criticita_may_point_at_the_plan_in_force(psm, citizen):
    psm.set_phase("ascolto")
    previous_axis = psm.previous_plan.axes.get(code=2)
    contribution = _submit(psm, citizen, "criticita", previous_axis)
    assert contribution.axis.plan == psm.previous_plan


def test_idea_must_point_at_the_plan_being_written(psm, citizen):
    psm.set_phase("ascolto")
    previous_axis = psm.previous_plan.axes.get(code=2)
    with pytest.raises(ValidationError) as excinfo:
        _submit(psm, citizen, "idea", previous_axis)
    assert "axis" in excinfo.value.message_dict
    assert _submit(psm, citizen, "idea", psm.axes[2]).axis.plan == psm.plan


def test_axis_page_shows_contributions_and_monitoring(client, psm, citizen):
    psm.set_phase("ascolto")
    _submit(psm, citizen, "idea", psm.axes[1])
    html = client.get("/piano/asse-1/").content.decode()
    assert "Titolo di prova abbastanza lungo" in html
    assert "<progress" in html  # the axis's implementation progress (monitoring)


def test_contribution_page_says_what_became_of_it(client, psm, citizen, staff):
    from consultazione.moderation.services import outcome_record
    from consultazione.plan.models import Action

    psm.set_phase("ascolto")
    contribution = _submit(psm, citizen, "idea", psm.axes[1])
    action = Action.objects.get(strategy__axis=psm.axes[1], code="1.1.1")
    outcome_record(
        actor=staff,
        contribution=contribution,
        outcome="accolto",
        motivation="Recepita nell'azione sulla connettività delle aree montane.",
        action=action,
    )
    html = client.get(f"/contributi/{contribution.reference}/").content.decode()
    assert "Hai detto, abbiamo fatto" in html
    assert "1.1.1" in html


def test_a_comment_can_be_reported_from_the_page(client, psm, citizen, user_factory):
    from consultazione.contributions.services import comment_create

    psm.set_phase("ascolto")
    contribution = _submit(psm, citizen, "idea", psm.axes[1])
    comment = comment_create(author=citizen, contribution=contribution, body="Un commento di prova.")
    reader = user_factory()
    client.force_login(reader)
    html = client.get(f"/contributi/{contribution.reference}/").content.decode()
    report_url = f"/moderazione/commenti/{comment.pk}/segnala/"
    assert report_url in html
    assert client.get(report_url).status_code == 200
