"""Live sessions and audience texts: invisible characters refused, through the services."""

import pytest
from django.core.exceptions import ValidationError

from consultazione.core.exceptions import InvalidInput
from consultazione.live.models import Entry, Kind, LiveSession
from consultazione.live.services import entry_submit, session_create


def test_session_title_with_rlo_is_refused(facilitator):
    with pytest.raises(ValidationError) as exc:
        session_create(user=facilitator, title="Plenaria\u202e")
    assert "caratteri invisibili" in exc.value.message_dict["title"][0]
    assert not LiveSession.objects.exists()


def test_audience_question_of_zero_width_spaces_is_refused(live_session, make_question, make_participant):
    question = make_question(live_session, kind=Kind.QA, labels=())
    participant = make_participant(live_session)
    with pytest.raises(InvalidInput) as exc:
        entry_submit(participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="\u200b" * 20)
    assert "caratteri invisibili" in exc.value.message
    assert not Entry.objects.exists()
    entry_submit(participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="Perché 👍?")
    assert Entry.objects.get().text == "Perché 👍?"
