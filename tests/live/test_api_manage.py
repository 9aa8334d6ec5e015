"""The live API for a city's own tools (api/live_manage.py): sessions, questions of every kind and
from a source, order, controls; refusals (400/403/404/409) change nothing. Every answer is also
checked against the OpenAPI document by the suite-wide hook (tests/api_contract.py)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consultazione.contributions.models import Contribution, Status
from consultazione.live.models import Ballot, LiveSession, Question, State
from consultazione.live.services import ballot_cast, participant_join

pytestmark = pytest.mark.django_db

BASE = "/api/v1/live/sessions/"


@pytest.fixture
def api(facilitator):
    """A facilitator's tool: token authentication, as a city's script would use it."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=facilitator).key}")
    return client


def questions_url(session, *rest):
    return f"{BASE}{session.code}/questions/" + "".join(f"{part}/" for part in rest)


EVERY_KIND = {
    "single": {"options": [{"label": "Treno"}, {"label": "Bus"}]},
    "multiple": {"options": [{"label": "Treno"}, {"label": "Bus"}, {"label": "Bici"}], "max_choices": 2},
    "scale": {"scale_max": 10, "scale_min_label": "Per nulla", "scale_max_label": "Molto"},
    "ranking": {"options": [{"label": "Scuole"}, {"label": "Strade"}, {"label": "Parchi"}]},
    "wordcloud": {"max_choices": 3},
    "open_text": {},
    "qa": {"max_choices": 2},
    "yesno": {"quorum": 30},
}


def test_a_tool_creates_runs_and_reads_a_session(api, facilitator):
    created = api.post(BASE, {"title": "Plenaria di Chieri", "join_mode": "open"}, format="json")
    assert created.status_code == 201
    code = created.json()["code"]
    session = LiveSession.objects.get(code=code)
    assert (session.title, session.created_by) == ("Plenaria di Chieri", facilitator)
    for kind, fields in EVERY_KIND.items():
        response = api.post(questions_url(session), {"kind": kind, "text": f"Domanda {kind}?", **fields}, format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["kind"], body["state"], body["position"]) == (kind, "draft", list(EVERY_KIND).index(kind) + 1)
    scale = Question.objects.get(kind="scale")
    assert list(scale.options.values_list("label", flat=True)) == [str(n) for n in range(1, 11)]
    assert Question.objects.get(kind="multiple").max_choices == 2
    yesno = Question.objects.get(kind="yesno")
    assert yesno.quorum == 30 and list(yesno.options.values_list("label", flat=True)) == ["Sì", "No", "Astensione"]
    listed = api.get(questions_url(session)).json()
    assert [q["kind"] for q in listed] == list(EVERY_KIND)

    first = Question.objects.get(kind="single")
    state = api.post(f"{BASE}{code}/next/").json()
    assert state["current_question"] == first.pk and Question.objects.get(pk=first.pk).state == State.OPEN
    participant = participant_join(session=session)
    ballot_cast(participant_id=participant.pk, session_id=session.pk, question_id=first.pk, choices=[first.options.first().pk])
    assert api.post(questions_url(session, first.pk, "close")).json()["state"] == "closed"
    results = api.get(f"{BASE}{code}/results/").json()
    treno = {"id": first.options.first().pk, "label": "Treno", "count": 1, "share": 100}
    assert results[0]["total"] == 1 and results[0]["options"][0] == treno
    assert api.post(f"{BASE}{code}/join-screen/").json()["show_join"] is True
    assert api.post(f"{BASE}{code}/end/").json()["ended_at"] is not None


def test_update_reorder_and_delete_questions(api, facilitator, live_session, make_question):
    one = make_question(live_session, open=False, text="Prima")
    two = make_question(live_session, open=False, text="Seconda")
    three = make_question(live_session, open=False, text="Terza")
    changed = api.patch(questions_url(live_session, one.pk), {"text": "Prima, riscritta"}, format="json").json()
    assert changed["text"] == "Prima, riscritta" and [o["label"] for o in changed["options"]] == ["Sì", "No", "Non so"]
    renamed = api.patch(questions_url(live_session, one.pk), {"options": [{"label": "A"}, {"label": "B"}]}, format="json")
    assert [o["label"] for o in renamed.json()["options"]] == ["A", "B"]
    ordered = api.post(questions_url(live_session, "order"), {"ids": [three.pk, one.pk, two.pk]}, format="json")
    assert [q["text"] for q in ordered.json()] == ["Terza", "Prima, riscritta", "Seconda"]
    assert api.delete(questions_url(live_session, two.pk)).status_code == 204
    assert list(live_session.questions.order_by("position").values_list("text", flat=True)) == ["Terza", "Prima, riscritta"]
    session = api.patch(f"{BASE}{live_session.code}/", {"title": "Plenaria rinominata"}, format="json")
    assert session.json()["title"] == "Plenaria rinominata" and session.json()["join_mode"] == "open"


def test_a_question_from_a_source_with_a_preview(api, facilitator, live_session, psm):
    phase = psm.process.phases.get(kind="ascolto")
    for n, title in enumerate(["Comunità energetiche", "comunità  energetiche", "Più treni"], start=1):
        Contribution.objects.create(
            process=psm.process, phase=phase, kind="idea", title=title, body="…", axis=psm.axes[2], author=facilitator,
            status=Status.PUBLISHED, support_count=10 - n, reference=f"PSM-IDEA-2026-0000{n}",
        )  # fmt: skip
    source = {"source": "contributions", "limit": 5}
    preview = api.post(questions_url(live_session, "preview"), source, format="json").json()
    assert [o["duplicate"] for o in preview["options"]] == [True, True, False]
    assert preview["duplicates"] == ["comunità energetiche"] and preview["enough"] is True
    refused = api.post(questions_url(live_session), {"kind": "single", "text": "Quale?", "source": source}, format="json")
    assert refused.status_code == 400
    assert "«comunità energetiche»" in refused.json()["errors"]["options"][0]
    assert not Question.objects.exists()
    body = {"kind": "ranking", "text": "Quale?", "source": {**source, "dedupe": "suffix"}}
    created = api.post(questions_url(live_session), body, format="json").json()
    assert [o["label"] for o in created["options"]] == [
        "Comunità energetiche (PSM-IDEA-2026-00001)",
        "comunità energetiche (PSM-IDEA-2026-00002)",
        "Più treni",
    ]
    assert created["options"][2]["contribution"] == Contribution.objects.get(title="Più treni").pk
    axis = api.post(questions_url(live_session, "preview"), {"source": "axis", "axis": psm.axes[1].pk}, format="json").json()
    assert [o["reference"] for o in axis["options"]] == ["1.1.1", "1.1.2", "1.1.3"] and "azioni" in axis["note"]
    empty = api.post(questions_url(live_session, "preview"), {"source": "axis", "axis": psm.axes[5].pk}, format="json").json()
    assert empty["enough"] is False and empty["message"].startswith("Questa fonte ha 0 voci")


def test_refusals_change_nothing(api, facilitator, citizen, live_session, make_question):
    open_question = make_question(live_session, text="Aperta")
    draft = make_question(live_session, open=False, text="Bozza")
    other_session = LiveSession.objects.create(code="QQQQ22", title="Altra", created_by=facilitator)
    foreign = make_question(other_session, open=False, text="Altrove")

    def unchanged():
        return list(Question.objects.order_by("pk").values_list("session", "position", "text", "state"))

    before = unchanged()
    # 409: editing or deleting an open question, reorder with another session's ids, a second end
    response = api.patch(questions_url(live_session, open_question.pk), {"text": "Nuovo"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "not_draft")
    assert api.delete(questions_url(live_session, open_question.pk)).status_code == 409
    response = api.post(questions_url(live_session, "order"), {"ids": [draft.pk, foreign.pk]}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "order_mismatch")
    assert api.post(questions_url(live_session, draft.pk, "close")).status_code == 409
    assert api.delete(f"{BASE}{live_session.code}/").status_code == 409
    # 400: field messages
    response = api.post(questions_url(live_session), {"kind": "single", "text": "", "options": [{"label": "Uno"}]}, format="json")
    assert response.status_code == 400 and set(response.json()["errors"]) == {"text"}
    response = api.post(
        questions_url(live_session), {"kind": "single", "text": "Una?", "options": [{"label": "Uno"}]}, format="json"
    )
    assert response.status_code == 400 and "Servono da 2" in response.json()["errors"]["options"][0]
    response = api.post(questions_url(live_session), {"kind": "scale", "text": "Quanto?"}, format="json")
    assert response.status_code == 400 and "scale_max" in response.json()["errors"]
    response = api.post(questions_url(live_session), {"kind": "nope", "text": "?"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["errors"]
    response = api.post(questions_url(live_session, "preview"), {"source": "axis"}, format="json")
    assert response.status_code == 400 and "axis" in response.json()["errors"]
    body = {"kind": "single", "text": "?", "source": {"source": "axis"}, "options": [{"label": "A"}, {"label": ""}]}
    errors = api.post(questions_url(live_session), body, format="json").json()["errors"]
    assert errors["source.axis"] == ["Obbligatorio per questa fonte."] and list(errors) == ["options[1].label", "source.axis"]
    # 404: unknown session, a question of another session
    assert api.get(questions_url(other_session, open_question.pk)).status_code == 404
    assert api.post(f"{BASE}ZZZZ22/questions/", {"kind": "qa", "text": "?"}, format="json").status_code == 404
    assert api.post(questions_url(live_session, foreign.pk, "open")).status_code == 404
    # 403: a citizen, and anonymous
    citizen_client = APIClient()
    citizen_client.force_authenticate(citizen)
    assert citizen_client.post(BASE, {"title": "Mia"}, format="json").status_code == 403
    assert citizen_client.post(questions_url(live_session, draft.pk, "open")).status_code == 403
    assert citizen_client.post(questions_url(live_session, "order"), {"ids": [draft.pk]}, format="json").status_code == 403
    assert APIClient().delete(f"{BASE}{live_session.code}/").status_code == 403
    assert unchanged() == before and LiveSession.objects.count() == 2 and not Ballot.objects.exists()


def test_a_session_without_answers_can_be_deleted(api, live_session, make_question):
    make_question(live_session, open=False)
    assert api.delete(f"{BASE}{live_session.code}/").status_code == 204
    assert not LiveSession.objects.exists() and not Question.objects.exists()


def test_moderating_texts_from_a_tool(api, citizen, live_session, make_question):
    from consultazione.live.services import entry_submit

    question = make_question(live_session, kind="qa", labels=())
    participant = participant_join(session=live_session)
    sent = entry_submit(participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="Quando?")
    url = f"{BASE}{live_session.code}/entries/"
    pending = api.get(f"{url}?status=pending&question={question.pk}").json()
    assert [(e["id"], e["text"], e["status"]) for e in pending] == [(sent.entry_id, "Quando?", "pending")]
    pinned = api.post(f"{url}{sent.entry_id}/moderate/", {"action": "pin"}, format="json").json()
    assert (pinned["status"], pinned["pinned"]) == ("approved", True)
    response = api.post(f"{url}{sent.entry_id}/moderate/", {"action": "delete-everything"}, format="json")
    assert response.status_code == 400 and "action" in response.json()["errors"]
    assert api.post(f"{BASE}ZZZZ22/entries/{sent.entry_id}/moderate/", {"action": "reject"}, format="json").status_code == 404
    citizen_client = APIClient()
    citizen_client.force_authenticate(citizen)
    assert citizen_client.get(url).status_code == 403
    assert citizen_client.post(f"{url}{sent.entry_id}/moderate/", {"action": "reject"}, format="json").status_code == 403
    assert api.get(f"{url}?status=rejected").json() == []
