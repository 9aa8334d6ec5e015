"""Pages of the live app through the Django test client: join, phone, projector, console, controls."""

import json
import re

import pytest
from django.urls import reverse

from consultazione.live import cookies
from consultazione.live.models import Ballot, Entry, JoinMode, Kind, LiveSession, Participant, Question, State
from consultazione.live.services import ballot_cast, entry_submit, question_close, question_open

pytestmark = pytest.mark.django_db


def test_join_page_and_unknown_code_get_a_friendly_answer(client, live_session):
    assert client.get(reverse("live:join")).status_code == 200
    response = client.post(reverse("live:join"), {"code": "zzzz22"})
    assert response.status_code == 404
    assert "Nessuna sessione corrisponde" in response.content.decode()
    response = client.get(reverse("live:phone", kwargs={"code": "ZZZZ22"}))
    assert response.status_code == 404
    response = client.post(reverse("live:join"), {"code": f" {live_session.code.lower()} "})
    assert response.url == reverse("live:phone", kwargs={"code": live_session.code})


def test_joining_sets_a_signed_httponly_cookie_once(client, live_session):
    phone_url = reverse("live:phone", kwargs={"code": live_session.code})
    assert 'action="' + reverse("live:join_session", kwargs={"code": live_session.code}) in client.get(phone_url).content.decode()
    response = client.post(reverse("live:join_session", kwargs={"code": live_session.code}))
    assert response.url == phone_url
    cookie = response.cookies[cookies.name(live_session.code)]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert ":" in cookie.value  # signed
    page = client.get(phone_url).content.decode()
    assert 'id="live-phone"' in page and f'data-code="{live_session.code}"' in page
    client.post(reverse("live:join_session", kwargs={"code": live_session.code}))
    assert Participant.objects.filter(session=live_session).count() == 1


def test_joining_too_fast_from_one_participant_is_rate_limited(client, live_session, settings):
    settings.LIVE_JOIN_RATE_PER_PARTICIPANT = "2/60"
    url = reverse("live:join_session", kwargs={"code": live_session.code})
    statuses = [client.post(url).status_code for _ in range(4)]
    assert statuses[:3] == [302, 302, 302]  # the first join, then two retries by the same phone
    assert statuses[3] == 429
    assert Participant.objects.filter(session=live_session).count() == 1


def test_new_phones_behind_one_address_are_limited_generously(client, live_session, settings):
    settings.LIVE_JOIN_RATE_PER_IP = "3/60"
    url = reverse("live:join_session", kwargs={"code": live_session.code})
    statuses = []
    for _ in range(4):
        client.cookies.clear()
        statuses.append(client.post(url).status_code)
    assert statuses == [302, 302, 302, 429]


def test_phones_behind_the_proxy_are_limited_per_client_not_for_the_whole_room(client, live_session, settings):
    """Behind nginx (TRUSTED_PROXIES) each phone's own address counts; a spoofed left-most entry does not."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LIVE_JOIN_RATE_PER_IP = "2/60"
    url = reverse("live:join_session", kwargs={"code": live_session.code})

    def join(forwarded_for):
        client.cookies.clear()
        return client.post(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    assert [join("203.0.113.10") for _ in range(3)] == [302, 302, 429]
    assert join("198.51.100.20, 203.0.113.10") == 429
    assert join("198.51.100.20") == 302
    assert Participant.objects.filter(session=live_session).count() == 3


def test_checkin_join_refuses_a_wrong_code(client, live_session):
    LiveSession.objects.filter(pk=live_session.pk).update(join_mode=JoinMode.CHECKIN)
    response = client.post(reverse("live:join_session", kwargs={"code": live_session.code}), {"checkin_code": "NOPE"})
    assert response.status_code == 400
    assert "non è valido" in response.content.decode()
    assert not Participant.objects.exists()


def test_projector_page_and_qr_svg(client, live_session):
    page = client.get(reverse("live:projector", kwargs={"code": live_session.code}))
    assert page.status_code == 200
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    assert reverse("live:qr", kwargs={"code": live_session.code}) in page.content.decode()
    svg = client.get(reverse("live:qr", kwargs={"code": live_session.code}))
    assert svg["Content-Type"] == "image/svg+xml"
    # A standalone SVG document: without its namespace browsers show the alt text instead.
    assert b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' in svg.content
    frame_ancestors = [d for d in page["Content-Security-Policy"].split(";") if "frame-ancestors" in d]
    assert [d.strip() for d in frame_ancestors] == ["frame-ancestors 'self'"]  # not 'none' 'self' (invalid)


def test_console_is_for_facilitators_only(client, live_session, citizen, facilitator, make_question):
    url = reverse("live:presenter", kwargs={"code": live_session.code})
    assert client.get(url).status_code == 302
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    assert client.get(reverse("live:session_list")).status_code == 403
    client.force_login(facilitator)
    make_question(live_session, text="Quale priorità?")
    page = client.get(url).content.decode()
    assert "Quale priorità?" in page and 'id="live-presenter"' in page
    assert live_session.code in client.get(reverse("live:session_list")).content.decode()


def test_new_session_from_a_meeting_page_preselects_that_meeting(client, facilitator, staff, psm):
    from datetime import timedelta

    from django.utils import timezone

    from consultazione.meetings.services import meeting_create

    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_create(
        actor=staff, process=psm.process, title="Plenaria di lancio", kind="plenaria", starts_at=starts,
        ends_at=starts + timedelta(hours=2), venue_comune=psm.comune("Pinerolo"),
    )  # fmt: skip
    client.force_login(facilitator)
    body = client.get(reverse("live:session_new"), {"incontro": meeting.slug}).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in body
    body = client.get(reverse("live:session_new"), {"incontro": "non-esiste"}).content.decode()
    assert f'<option value="{meeting.pk}" selected>' not in body
    client.post(reverse("live:session_new"), {"title": "Sondaggio plenaria", "join_mode": "open", "meeting": meeting.pk})
    assert LiveSession.objects.get(title="Sondaggio plenaria").meeting == meeting


def test_facilitator_creates_a_session_and_a_question(client, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("live:session_new"), {"title": "Tavolo mobilità", "join_mode": "open"})
    session = LiveSession.objects.get(title="Tavolo mobilità")
    assert response.url == reverse("live:presenter", kwargs={"code": session.code})
    url = reverse("live:question_new", kwargs={"code": session.code})
    data = {"kind": "multiple", "text": "Cosa serve?", "options": "Treni\nBus\n\nPiste", "max_choices": 2, "visibility": "live"}
    assert client.post(url, data).status_code == 302
    question = Question.objects.get(session=session)
    assert list(question.options.values_list("label", flat=True)) == ["Treni", "Bus", "Piste"]
    bad = client.post(url, data | {"options": "Solo una", "text": "Altra"})
    assert bad.status_code == 200 and "Servono da 2 a 20 opzioni" in bad.content.decode()
    assert Question.objects.filter(session=session).count() == 1


def preview_then_create(client, url, source: dict, question: dict):
    """Step 1 (the source) → the preview's rows as generated → step 2 (create)."""
    data = {**source, **{f"q-{name}": value for name, value in question.items()}}
    preview = client.post(url, {**data, "step": "preview"})
    assert preview.status_code == 200
    forms = preview.context["formset"].forms
    rows = {"options-TOTAL_FORMS": len(forms), "options-INITIAL_FORMS": len(forms)}
    for index, form in enumerate(forms):
        for name in ("label", "contribution_id", "strategy_id", "reference", "ORDER"):
            value = form.initial.get(name)
            rows[f"options-{index}-{name}"] = "" if value is None else value
    return client.post(url, {**data, **rows, "step": "create"})


def test_question_from_an_axis_and_from_top_contributions(client, facilitator, live_session, psm):
    from consultazione.contributions.models import Contribution, Status
    from consultazione.plan.models import Strategy

    client.force_login(facilitator)
    axis = psm.axes[1]
    Strategy.objects.create(axis=axis, code="1.9", title="Una seconda strategia")  # the seed has one per axis
    url = reverse("live:question_new_from", kwargs={"code": live_session.code, "source": "axis"})
    question_fields = {"text": "Quale strategia?", "kind": "single", "max_choices": 1, "visibility": "live"}
    response = preview_then_create(client, url, {"axis": axis.pk}, question_fields)
    assert response.status_code == 302
    question = Question.objects.get(text="Quale strategia?")
    assert question.options.count() == axis.strategies.count()
    assert question.options.first().strategy_id is not None
    psm.set_phase("ascolto")
    phase = psm.process.phases.get(kind="ascolto")
    author = facilitator
    for n, supports in enumerate([3, 9, 1]):
        Contribution.objects.create(
            process=psm.process, phase=phase, kind="idea", title=f"Idea {n}", body="…", axis=axis, author=author,
            status=Status.PUBLISHED, support_count=supports,
        )  # fmt: skip
    url = reverse("live:question_new_from", kwargs={"code": live_session.code, "source": "contributions"})
    question_fields = {"text": "Quale idea?", "kind": "ranking", "max_choices": 1, "visibility": "live"}
    assert preview_then_create(client, url, {"limit": 2}, question_fields).status_code == 302
    labels = list(Question.objects.get(text="Quale idea?").options.values_list("label", flat=True))
    assert labels == ["Idea 1", "Idea 0"]


def test_controls_open_close_reset_and_csv(client, facilitator, live_session, make_question, make_participant):
    client.force_login(facilitator)
    question = make_question(live_session, open=False)

    def control(action, target=question):
        url = reverse("live:question_control", kwargs={"code": live_session.code, "pk": target.pk, "action": action})
        return client.post(url)

    control("open")
    question.refresh_from_db()
    assert question.state == State.OPEN
    participant = make_participant(live_session)
    ballot_cast(
        participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, choices=[question.options.first().pk]
    )
    control("close")
    csv = client.get(reverse("live:results_csv", kwargs={"code": live_session.code})).content.decode("utf-8-sig")
    assert "Che ne pensi?;Scelta singola" in csv and ";Sì;1" in csv
    control("reset")
    question.refresh_from_db()
    assert (question.state, Ballot.objects.count()) == (State.DRAFT, 0)
    response = client.post(reverse("live:session_control", kwargs={"code": live_session.code, "action": "next"}))
    assert response.status_code == 302


def test_entry_moderation_answers_json_for_the_console(client, facilitator, live_session, make_question, make_participant):
    question = make_question(live_session, kind=Kind.QA, labels=())
    participant = make_participant(live_session)
    sent = entry_submit(participant_id=participant.pk, session_id=live_session.pk, question_id=question.pk, text="Domanda?")
    client.force_login(facilitator)
    url = reverse("live:entry_control", kwargs={"code": live_session.code, "pk": sent.entry_id, "action": "approve"})
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "approved"
    assert Entry.objects.get().status == "approved"


def test_meeting_poll_results_for_the_meeting_record(
    facilitator, make_question, make_participant, psm, django_assert_num_queries
):
    from consultazione.live.figures import meeting_poll_results
    from consultazione.live.services import session_create
    from tests.conftest import make_meeting_row

    meeting = make_meeting_row(psm, slug="plenaria", title="Plenaria", kind="plenaria")
    session = session_create(user=facilitator, title="Plenaria live", meeting=meeting)
    question = make_question(session, kind=Kind.SCALE, labels=(), scale_max=5, text="Quanto sei d'accordo?")
    make_question(session, text="Ancora aperta")
    voter = make_participant(session)
    ballot_cast(participant_id=voter.pk, session_id=session.pk, question_id=question.pk, choices=[question.options.last().pk])
    question_close(user=facilitator, question=question)
    with django_assert_num_queries(1):
        results = meeting_poll_results(meeting)
    assert [(poll["question"], poll["kind"], poll["total"], poll["mean"]) for poll in results] == [
        ("Quanto sei d'accordo?", "scale", 1, 5.0)
    ]
    assert [(row["label"], row["count"], row["share"]) for row in results[0]["rows"]] == [
        (str(n), 1 if n == 5 else 0, 100 if n == 5 else 0) for n in range(1, 6)
    ]


def test_question_from_the_ranking_of_a_priority_exercise(client, facilitator, staff, live_session, psm):
    from consultazione.voting.models import Method
    from consultazione.voting.selectors import exercise_ranking
    from consultazione.voting.services import exercise_create

    exercise = exercise_create(actor=staff, process=psm.process, title="Priorità del piano", method=Method.DOTS, scope="plan")
    client.force_login(facilitator)
    url = reverse("live:question_new_from", kwargs={"code": live_session.code, "source": "exercise"})
    question_fields = {"text": "Siete d'accordo?", "kind": "single", "max_choices": 1, "visibility": "live"}
    assert preview_then_create(client, url, {"exercise": exercise.pk, "limit": 3}, question_fields).status_code == 302
    question = Question.objects.get(text="Siete d'accordo?")
    ranking = exercise_ranking(exercise)[:3]
    assert list(question.options.values_list("label", "strategy_id")) == [(item.label, item.strategy_id) for item in ranking]


def test_the_form_and_the_console_show_both_visibility_settings(client, facilitator, live_session):
    """Issue 15 item 4: the projector's and the phones' settings are chosen in the form, stored,
    written in the console's question table, and the reveal control is offered for either."""
    client.force_login(facilitator)
    url = reverse("live:question_new", kwargs={"code": live_session.code})
    form = client.get(url).content.decode()
    assert "Risultati sul proiettore" in form and "Risultati sui telefoni" in form and "Dopo aver risposto" in form
    data = {"kind": "single", "text": "Quale linea?", "options": "Bus\nTram", "max_choices": 1, "visibility": "live"}
    assert client.post(url, data | {"phone_visibility": "on_reveal"}).status_code == 302
    assert client.post(url, data | {"text": "Senza scelta"}).status_code == 302  # an older client: the default
    stored = dict(Question.objects.filter(session=live_session).values_list("text", "phone_visibility"))
    assert stored == {"Quale linea?": "on_reveal", "Senza scelta": "after_answer"}
    for question in Question.objects.filter(session=live_session):
        question_open(user=facilitator, question=question)
    console = client.get(reverse("live:presenter", kwargs={"code": live_session.code})).content.decode()
    assert "proiettore: in diretta · telefoni: solo quando rivelati" in console
    assert "proiettore: in diretta · telefoni: dopo aver risposto" in console
    assert console.count("Rivela i risultati") == 1  # only the question a screen waits to reveal


def test_the_edit_form_starts_from_the_question_and_saves_it_back(client, facilitator, live_session, make_question):
    question = make_question(
        live_session, kind=Kind.MULTIPLE, labels=("Treno", "Bus", "Bici"), open=False, max_choices=2, text="Come arrivi?"
    )
    client.force_login(facilitator)
    url = reverse("live:question_edit", kwargs={"code": live_session.code, "pk": question.pk})
    form = client.get(url).context["form"]
    assert form.initial["options"] == "Treno\nBus\nBici" and form.initial["max_choices"] == 2
    assert form.initial["text"] == "Come arrivi?" and form.initial["kind"] == "multiple"
    data = {key: value for key, value in form.initial.items() if value is not None}
    data |= {"text": "Come arrivi oggi?", "options": "Treno\nBus"}
    data["changeable"] = "on" if data.pop("changeable") else ""
    assert client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.text == "Come arrivi oggi?" and list(question.options.values_list("label", flat=True)) == ["Treno", "Bus"]


def embedded_snapshot(response) -> dict | None:
    """The `snapshot` frame a live screen was rendered with (its script draws it before the socket opens)."""
    found = re.search(r'<script id="live-snapshot" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    assert found, "the page carries no live-snapshot"
    return json.loads(found.group(1))


def test_each_screen_comes_with_the_state_it_must_show_and_only_its_own(
    client, facilitator, live_session, make_question, make_participant, django_capture_on_commit_callbacks
):
    """A reload (or a socket slow to open) shows the question on screen at once, not "waiting": the
    page carries the same snapshot the socket would send — a phone its own answers and only the
    figures it may see, the projector none before the reveal, the console everything."""
    question = make_question(live_session, text="Quale linea prendi?", visibility="on_reveal", phone_visibility="after_answer")
    yes = question.options.get(label="Sì")
    voter, waiting = make_participant(live_session), make_participant(live_session)
    ballot_cast(participant_id=voter.pk, session_id=live_session.pk, question_id=question.pk, choices=[yes.pk])

    def phone_of(participant):
        client.cookies[cookies.name(live_session.code)] = cookies.signed(participant.token, code=live_session.code)
        response = client.get(reverse("live:phone", kwargs={"code": live_session.code}))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        return embedded_snapshot(response)

    mine = phone_of(voter)
    assert (mine["type"], mine["question"]["id"], mine["question"]["text"]) == ("snapshot", question.pk, "Quale linea prendi?")
    assert mine["me"]["choices"] == [yes.pk]
    assert mine["results"]["visible"] and {o["id"]: o["count"] for o in mine["results"]["options"]}[yes.pk] == 1

    theirs = phone_of(waiting)
    assert theirs["question"]["id"] == question.pk
    assert not theirs["me"]["choices"]  # nobody else's answer
    assert not theirs["results"]["visible"] and "options" not in theirs["results"]  # no figures before answering

    client.cookies.clear()
    projector = embedded_snapshot(client.get(reverse("live:projector", kwargs={"code": live_session.code})))
    assert projector["question"]["id"] == question.pk and "me" not in projector
    assert not projector["results"]["visible"]  # shown on the reveal only

    client.force_login(facilitator)
    console = embedded_snapshot(client.get(reverse("live:presenter", kwargs={"code": live_session.code})))
    assert console["question"]["id"] == question.pk and console["results"]["visible"]

    with django_capture_on_commit_callbacks(execute=True):  # the push after commit moves the session's version
        question_close(user=facilitator, question=question)
    client.logout()
    assert phone_of(waiting)["question"]["state"] == "closed"  # the next load shows the new state
