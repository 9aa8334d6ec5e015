import pytest
from django.template.loader import render_to_string

from consultazione.contributions.services import contribution_submit
from consultazione.meetings.models import MeetingTable
from consultazione.meetings.services.outputs import table_output_save
from consultazione.moderation.services.outcomes import outcome_record, thematic_response_create
from consultazione.monitoring.selectors import action_progress_for_contribution, contributions_for_action, meetings_for_action
from consultazione.monitoring.services import tracking_update
from tests.conftest import make_meeting_row


@pytest.fixture
def plan_nodes(psm):
    strategy = psm.plan.axes.get(code=1).strategies.get(code="1.1")
    return strategy, strategy.actions.get(code="1.1.1"), strategy.actions.get(code="1.1.2")


@pytest.fixture
def ideas(psm, citizen, plan_nodes):
    psm.set_phase("ascolto")
    return [
        contribution_submit(
            author=citizen,
            process=psm.process,
            kind="idea",
            title=f"Fibra nelle valli {n}",
            body="Serve la fibra.",
            axis=psm.axes[1],
        )
        for n in range(5)
    ]


def test_both_ways_from_moderation_outcomes(psm, staff, ideas, plan_nodes, django_assert_max_num_queries):
    strategy, action, other_action = plan_nodes
    accepted, partial, refused, elsewhere, pending = ideas
    outcome_record(actor=staff, contribution=accepted, outcome="accolto", motivation="Accolta nell'azione.", action=action)
    thematic_response_create(
        actor=staff,
        process=psm.process,
        title="Connessione",
        text="Risposta tematica.",
        outcome="parziale",
        contributions=[partial],
        action=action,
    )
    outcome_record(actor=staff, contribution=refused, outcome="non_accolto", motivation="Fuori tempo.", action=action)
    outcome_record(actor=staff, contribution=elsewhere, outcome="accolto", motivation="Altrove.", action=other_action)
    tracking_update(actor=staff, action=action, data={"status": "in_progress", "progress": 40}, source="admin")

    with django_assert_max_num_queries(1):
        fed = list(contributions_for_action(action))
    assert {c.pk for c in fed} == {accepted.pk, partial.pk}

    with django_assert_max_num_queries(1):
        said = action_progress_for_contribution(accepted)
    assert (said.action, said.status, said.progress, said.outcome) == (action, "in_progress", 40.0, "accolto")
    assert said.plan == psm.plan and said.motivation == "Accolta nell'azione."
    assert action_progress_for_contribution(partial).motivation == "Risposta tematica."
    untracked = action_progress_for_contribution(elsewhere)
    assert (untracked.status, untracked.progress) == ("not_started", 0.0)
    assert action_progress_for_contribution(pending) is None


def test_strategy_only_outcome_shows_the_strategy_progress(psm, staff, ideas, plan_nodes):
    strategy, action, _other = plan_nodes
    tracking_update(actor=staff, action=action, data={"status": "completed", "progress": 100}, source="admin")
    outcome_record(actor=staff, contribution=ideas[0], outcome="parziale", motivation="Nella strategia.", strategy=strategy)
    said = action_progress_for_contribution(ideas[0])
    assert said.action is None and said.strategy == strategy
    assert said.progress == round(100 / strategy.actions.count(), 1)


def test_you_said_we_did_template(psm, staff, ideas, plan_nodes):
    _strategy, action, _other = plan_nodes
    tracking_update(actor=staff, action=action, data={"status": "in_progress", "progress": 40}, source="admin")
    outcome_record(actor=staff, contribution=ideas[0], outcome="accolto", motivation="Accolta.", action=action)
    ideas[0].refresh_from_db()  # the page reads a fresh contribution, whose outcome mirror is set
    html = render_to_string("monitoring/includes/you_said_we_did.html", {"contribution": ideas[0]})
    assert "Hai detto, abbiamo fatto" in html
    assert f"/monitoraggio/piano/psm-2024-2026/azioni/{action.code}/" in html
    assert 'value="40"' in html and "<progress" in html
    assert render_to_string("monitoring/includes/you_said_we_did.html", {"contribution": ideas[1]}).strip() == ""


def test_meetings_where_the_action_was_discussed(psm, staff, plan_nodes, client):
    _strategy, action, other_action = plan_nodes
    meeting = make_meeting_row(psm, slug="tavolo-prova", title="Tavolo di prova", kind="tavolo_asse", days=-30)
    table = MeetingTable.objects.create(meeting=meeting, position=1, title="Tavolo digitale")
    table_output_save(actor=staff, table=table, summary="Discussa la connettività.", actions=[action])
    other = MeetingTable.objects.create(meeting=meeting, position=2, title="Tavolo imprese")
    table_output_save(actor=staff, table=other, summary="Altro.", actions=[other_action])
    discussions = meetings_for_action(action)
    assert [(d.meeting, d.tables) for d in discussions] == [(meeting, ["Tavolo digitale"])]
    page = client.get(f"/monitoraggio/piano/psm-2024-2026/azioni/{action.code}/")
    assert "Tavolo di prova" in page.content.decode()
