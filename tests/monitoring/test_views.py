import re
from datetime import date

import pytest
from django.urls import reverse

from consultazione.monitoring.models import ActionTracking, ActionUpdate, SteeringComment
from consultazione.monitoring.services import action_update_save, tracking_update

PLAN_URL = "/monitoraggio/piano/psm-2024-2026/"


def _row(code: str) -> str:
    """The link that opens an action's row in the actions table."""
    return f'azioni/{code}/"><strong>{code}</strong>'


@pytest.fixture
def tracked(psm, staff):
    axis = psm.plan.axes.get(code=1)
    actions = {a.code: a for a in axis.strategies.get(code="1.1").actions.all()}
    tracking_update(actor=staff, action=actions["1.1.1"], data={"status": "in_progress", "progress": 40}, source="admin")
    tracking_update(actor=staff, action=actions["1.1.2"], data={"status": "suspended", "progress": 10}, source="admin")
    tracking = ActionTracking.objects.get(action=actions["1.1.1"])
    action_update_save(
        actor=staff,
        update=ActionUpdate(tracking=tracking, date=date(2025, 3, 1), title="Cantieri avviati", text="Primi cantieri."),
        source="admin",
    )
    action_update_save(
        actor=staff,
        update=ActionUpdate(tracking=tracking, kind="proposal", date=date(2025, 4, 1), title="Proposta riservata", text="X"),
        source="admin",
    )
    return actions


def test_index_is_the_plan_in_force_with_accessible_progress_bars(client, tracked):
    assert reverse("monitoring:index") == "/monitoraggio/"
    html = client.get("/monitoraggio/").content.decode()
    assert "Monitoraggio del PSM 2024-2026" in html
    bars = re.findall(r"<progress[^>]*>", html)
    assert len(bars) == 6  # the plan and five axes; axis 5 has no strategy loaded
    assert "Avanzamento non disponibile" in html
    assert all('max="100"' in bar and "aria-labelledby=" in bar for bar in bars)
    assert 'value="' in bars[0]
    assert "Cantieri avviati" in html
    assert "Proposta riservata" not in html  # proposals stay in the steering area
    assert "/monitoraggio/piano/psm-2021-2023/" in html  # the other plan


def test_axis_page_filters_by_status(client, tracked):
    page = client.get(f"{PLAN_URL}asse-1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1.1.1" in html and "1.1.2" in html and "1.1.3" in html
    filtered = client.get(f"{PLAN_URL}asse-1/", {"status": "suspended"}).content.decode()
    assert _row("1.1.2") in filtered and _row("1.1.1") not in filtered
    not_started = client.get(f"{PLAN_URL}asse-1/", {"status": "not_started"}).content.decode()
    assert _row("1.1.3") in not_started and _row("1.1.1") not in not_started
    assert client.get(f"{PLAN_URL}asse-9/").status_code == 404


def test_action_list_filters_and_paginates(client, tracked, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(f"{PLAN_URL}azioni/", {"status": "in_progress", "axis": "1"})
    html = page.content.decode()
    assert _row("1.1.1") in html and _row("1.1.2") not in html
    assert client.get(f"{PLAN_URL}azioni/", {"axis": "zzz"}).status_code == 200  # bad filter: ignored


def test_the_old_italian_filter_names_still_filter(client, tracked):
    """?stato= and ?asse= (the names before the English ones) still filter the public pages."""
    filtered = client.get(f"{PLAN_URL}asse-1/", {"stato": "suspended"}).content.decode()
    assert _row("1.1.2") in filtered and _row("1.1.1") not in filtered
    html = client.get(f"{PLAN_URL}azioni/", {"stato": "in_progress", "asse": "1"}).content.decode()
    assert _row("1.1.1") in html and _row("1.1.2") not in html


def test_action_detail_shows_tracking_indicators_and_timeline(client, tracked, staff):
    from consultazione.monitoring.models import Indicator
    from consultazione.monitoring.services import indicator_save, indicator_value_record

    tracking = ActionTracking.objects.get(action=tracked["1.1.1"])
    indicator = indicator_save(
        actor=staff, indicator=Indicator(tracking=tracking, name="Comuni connessi", unit="percent", target=100), source="admin"
    )
    indicator_value_record(actor=staff, indicator=indicator, date=date(2025, 6, 30), value=55, unit="percent", source="admin")
    html = client.get(f"{PLAN_URL}azioni/1.1.1/").content.decode()
    assert "data-chart=" in html and "<table" in html and "Comuni connessi" in html
    assert "js/charts.js" in html
    assert "Cantieri avviati" in html and "Proposta riservata" not in html
    assert client.get(f"{PLAN_URL}azioni/9.9.9/").status_code == 404
    assert client.get("/monitoraggio/piano/non-esiste/").status_code == 404


def test_comparison_page(client, psm):
    html = client.get("/monitoraggio/confronto/").content.decode()
    assert "Dal PSM 2021-2023 al PSM 2024-2026" in html
    assert "Confronto parziale" in html
    wrong = client.get("/monitoraggio/confronto/", {"da": "psm-2024-2026", "a": "psm-2021-2023"}).content.decode()
    assert "mostro il confronto predefinito" in wrong


def test_public_exports(client, tracked):
    xlsx = client.get(f"{PLAN_URL}esporta.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"
    csv = client.get(f"{PLAN_URL}esporta.csv", {"foglio": "azioni"})
    assert "1.1.1" in csv.content.decode("utf-8-sig")
    assert client.get(f"{PLAN_URL}esporta.pdf").status_code == 404
    assert client.get(f"{PLAN_URL}esporta.csv", {"foglio": "x"}).status_code == 404


STEERING = "/monitoraggio/cabina-di-regia/"


def test_steering_area_permissions(client, citizen, steering_member, staff, moderator, tracked):
    response = client.get(STEERING)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    for user, expected in ((citizen, 403), (moderator, 403), (steering_member, 200), (staff, 200)):
        client.force_login(user)
        assert client.get(STEERING).status_code == expected, user
        client.logout()


def test_steering_member_sees_proposals_and_comments(client, steering_member, tracked):
    client.force_login(steering_member)
    html = client.get(STEERING).content.decode()
    assert "Proposta riservata" in html and "Cantieri avviati" in html
    assert "Vota in riunione" in html
    update = ActionUpdate.objects.get(title="Proposta riservata")
    response = client.post(reverse("monitoring:comment_create", args=[update.pk]), {"body": "Favorevole."})
    assert response.status_code == 302 and response["Location"].endswith(f"#aggiornamento-{update.pk}")
    assert SteeringComment.objects.get(update=update).author == steering_member
    assert "Favorevole." in client.get(STEERING).content.decode()
    client.post(reverse("monitoring:comment_create", args=[update.pk]), {"body": ""})
    assert SteeringComment.objects.filter(update=update).count() == 1


def test_citizen_cannot_comment(client, citizen, tracked):
    update = ActionUpdate.objects.get(title="Cantieri avviati")
    client.force_login(citizen)
    assert client.post(reverse("monitoring:comment_create", args=[update.pk]), {"body": "Io"}).status_code == 403
    assert not SteeringComment.objects.exists()


def test_header_nav_links_to_monitoring(client, psm):
    assert 'href="/monitoraggio/"' in client.get("/monitoraggio/").content.decode()


def test_staff_puts_a_proposal_to_the_vote_in_a_live_session(client, staff, steering_member, tracked):
    from consultazione.live.models import LiveSession, Question

    proposal = ActionUpdate.objects.get(title="Proposta riservata")
    progress = ActionUpdate.objects.get(title="Cantieri avviati")
    url = reverse("monitoring:proposal_poll", args=[proposal.pk])
    client.force_login(steering_member)  # not a facilitator: a link to the live polls, no button
    html = client.get(STEERING).content.decode()
    assert "Vota in riunione con i sondaggi live" in html and url not in html
    assert client.post(url).status_code == 302
    assert not Question.objects.exists()

    client.force_login(staff)
    assert url in client.get(STEERING).content.decode()
    response = client.post(url)
    session = LiveSession.objects.get(created_by=staff)
    assert response["Location"] == reverse("live:presenter", kwargs={"code": session.code})
    question = Question.objects.get(session=session)
    assert question.kind == "single" and "1.1.1" in question.text and "Proposta riservata" in question.text
    assert [o.label for o in question.options.order_by("position")] == ["Favorevole", "Contrario", "Astenuto"]
    client.post(url, {"session": session.code})  # a second question in the same session
    assert session.questions.count() == 2
    client.post(reverse("monitoring:proposal_poll", args=[progress.pk]))  # not a proposal
    assert Question.objects.count() == 2
    client.post(url, {"session": "ZZZZZZ"})
    assert Question.objects.count() == 2


def test_pages_run_a_fixed_number_of_queries(client, psm, staff, django_assert_max_num_queries):
    from consultazione.monitoring.demo import demo_load

    demo_load(process=psm.process, users={"admin": staff})
    with django_assert_max_num_queries(10):
        client.get("/monitoraggio/")
    with django_assert_max_num_queries(10):
        client.get(f"{PLAN_URL}asse-1/")
    with django_assert_max_num_queries(14):
        client.get(f"{PLAN_URL}azioni/1.1.1/")
