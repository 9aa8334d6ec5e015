"""Outcomes (esiti): staff only, mirrored on the contribution, audited, mailed; thematic responses
apply one answer to many contributions in one transaction."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import InvalidInput, PermissionDenied
from consultazione.moderation.models import Decision, OutcomeRecord, ThematicResponse
from consultazione.moderation.selectors import outcome_counts
from consultazione.moderation.services import outcome_record, thematic_response_create


def test_staff_records_an_outcome_mirrored_and_mailed(submit, staff, open_psm, django_capture_on_commit_callbacks):
    item = submit()
    action = open_psm.axes[1].strategies.first().actions.first()
    with django_capture_on_commit_callbacks(execute=True):
        record = outcome_record(actor=staff, contribution=item, outcome="accolto", motivation="Entra nel piano.", action=action)
    item.refresh_from_db()
    assert (item.outcome, item.outcome_at) == ("accolto", record.recorded_at)
    assert (record.strategy, record.action) == (action.strategy, action)
    decision = Decision.objects.get(contribution=item)
    assert (decision.action, decision.from_state, decision.to_state) == ("outcome", "", "accolto")
    assert decision.changes["action"] == action.code
    (message,) = mail.outbox
    assert "Esito" in message.subject and "Accolto" in message.body and "Entra nel piano." in message.body


def test_changing_the_outcome_keeps_the_history_in_the_audit(submit, staff):
    item = submit()
    outcome_record(actor=staff, contribution=item, outcome="gia_previsto", motivation="Già nel piano.")
    outcome_record(actor=staff, contribution=item, outcome="parziale", motivation="In parte.")
    assert OutcomeRecord.objects.get(contribution=item).outcome == "parziale"
    assert list(Decision.objects.filter(contribution=item).order_by("id").values_list("from_state", "to_state")) == [
        ("", "gia_previsto"),
        ("gia_previsto", "parziale"),
    ]


def test_outcome_needs_staff_a_motivation_and_a_published_contribution(submit, moderator, staff, open_psm):
    item = submit()
    with pytest.raises(PermissionDenied):
        outcome_record(actor=moderator, contribution=item, outcome="accolto", motivation="x")
    with pytest.raises(ValidationError):
        outcome_record(actor=staff, contribution=item, outcome="accolto", motivation="  ")
    with pytest.raises(ValidationError):
        outcome_record(actor=staff, contribution=item, outcome="boh", motivation="x")
    wrong = open_psm.axes[2].strategies.first().actions.first()
    with pytest.raises(ValidationError) as exc:
        outcome_record(
            actor=staff,
            contribution=item,
            outcome="accolto",
            motivation="x",
            strategy=open_psm.axes[1].strategies.first(),
            action=wrong,
        )
    assert "action" in exc.value.message_dict
    pending = submit(pre=True)
    with pytest.raises(InvalidInput):
        outcome_record(actor=staff, contribution=pending, outcome="accolto", motivation="x")
    assert not OutcomeRecord.objects.exists()
    assert set(Contribution.objects.values_list("outcome", flat=True)) == {""}


def test_thematic_response_applies_to_many_in_one_transaction(submit, staff, open_psm, django_capture_on_commit_callbacks):
    items = [submit() for _n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = thematic_response_create(
            actor=staff,
            process=open_psm.process,
            title="Trasporto pubblico nelle valli",
            text="Le proposte sul trasporto sono confluite nella strategia 2.1.",
            outcome="accolto",
            contributions=items,
            strategy=open_psm.axes[2].strategies.first(),
        )
    assert response.records.count() == 3
    assert set(Contribution.objects.filter(pk__in=[i.pk for i in items]).values_list("outcome", flat=True)) == {"accolto"}
    assert Decision.objects.filter(action="outcome", changes__thematic_response=response.pk).count() == 3
    assert len(mail.outbox) == 3
    assert "confluite nella strategia" in mail.outbox[0].body
    assert outcome_counts(process=open_psm.process)["accolto"] == 3


def test_thematic_response_is_all_or_nothing(submit, staff, open_psm):
    good, pending = submit(), submit(pre=True)
    with pytest.raises(InvalidInput):
        thematic_response_create(
            actor=staff, process=open_psm.process, title="Titolo", text="Testo", outcome="accolto", contributions=[good, pending]
        )
    assert not ThematicResponse.objects.exists()
    assert not OutcomeRecord.objects.exists()
    good.refresh_from_db()
    assert good.outcome == ""


def test_thematic_response_validates_its_fields(staff, open_psm, moderator, submit):
    with pytest.raises(ValidationError) as exc:
        thematic_response_create(actor=staff, process=open_psm.process, title="", text="", outcome="accolto", contributions=[])
    assert {"title", "text"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        thematic_response_create(
            actor=moderator, process=open_psm.process, title="T", text="T", outcome="accolto", contributions=[submit()]
        )
