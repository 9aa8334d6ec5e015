"""Question kinds as data (kinds.py) and the one figures selector (figures.py, shapes.py): every kind
has an entry, and each kind's figures match hand-computed expectations."""

import pytest

from consultazione.core.exceptions import InvalidInput
from consultazione.live import figures
from consultazione.live.kinds import KINDS, QuestionKind, kind_of
from consultazione.live.models import Entry, Kind
from consultazione.live.services import ballot_cast, entry_moderate, entry_submit, question_close, question_open
from consultazione.live.services.questions import QuestionSpec, question_create
from consultazione.live.shapes import Counts, merged_words, share, yesno_figures

pytestmark = pytest.mark.django_db


def test_every_question_kind_has_a_registry_entry_and_the_old_name_still_imports():
    assert set(QuestionKind.values) == set(KINDS)
    assert Kind is QuestionKind
    for code, spec in KINDS.items():
        assert spec.code == code and spec.label and spec.family in ("ballot", "entry")
        assert callable(spec.figures)
    with pytest.raises(InvalidInput):
        kind_of("slider")


def vote(question, participant, *labels, words=None):
    ids = {option.label: option.pk for option in question.options.all()}
    ballot_cast(
        participant_id=participant.pk,
        session_id=question.session_id,
        question_id=question.pk,
        choices=None if words else [ids[label] for label in labels],
        words=words,
    )


def test_multiple_choice_shares_are_of_respondents_not_of_choices(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session, kind=QuestionKind.MULTIPLE, labels=("A", "B", "C"), max_choices=3)
    people = [make_participant(live_session) for _ in range(4)]
    vote(question, people[0], "A", "B")
    vote(question, people[1], "A")
    vote(question, people[2], "A", "C")
    vote(question, people[3], "B")
    kept = question_close(user=facilitator, question=question).results
    # 4 respondents: A 3 (75 %), B 2 (50 %), C 1 (25 %) — not 3/6 = 50 % of the choices.
    assert kept["total"] == 4
    assert [(o["label"], o["count"], o["share"]) for o in kept["options"]] == [("A", 3, 75), ("B", 2, 50), ("C", 1, 25)]
    assert figures.figures(question) == kept  # recounted now: the same


def test_scale_has_mean_and_distribution(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session, kind=QuestionKind.SCALE, labels=(), scale_max=5)
    for value in ("2", "4", "5", "5"):
        vote(question, make_participant(live_session), value)
    kept = question_close(user=facilitator, question=question).results
    assert kept["mean"] == 4.0  # (2 + 4 + 5 + 5) / 4
    assert [(o["label"], o["count"], o["share"]) for o in kept["options"]] == [
        ("1", 0, 0),
        ("2", 1, 25),
        ("3", 0, 0),
        ("4", 1, 25),
        ("5", 2, 50),
    ]


def test_ranking_by_borda_points_with_shared_ranks(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session, kind=QuestionKind.RANKING, labels=("A", "B", "C"))
    vote(question, make_participant(live_session), "B", "A", "C")  # B 3, A 2, C 1
    vote(question, make_participant(live_session), "A", "B", "C")  # A 3, B 2, C 1
    kept = question_close(user=facilitator, question=question).results
    assert [(o["label"], o["points"], o["rank"]) for o in kept["options"]] == [("A", 5, 1), ("B", 5, 1), ("C", 2, 3)]


def test_word_cloud_merges_case_and_accents(live_session, make_question, make_participant, facilitator):
    question = make_question(live_session, kind=QuestionKind.WORDCLOUD, labels=(), max_choices=2)
    vote(question, make_participant(live_session), words=["Città", "verde"])
    vote(question, make_participant(live_session), words=["citta"])
    vote(question, make_participant(live_session), words=["CITTÀ"])
    kept = question_close(user=facilitator, question=question).results
    assert kept["words"] == [{"word": "città", "count": 3}, {"word": "verde", "count": 1}]
    assert merged_words([("citta", 1), ("città", 1)]) == [{"word": "città", "count": 2}]


@pytest.mark.parametrize("kind", [QuestionKind.OPEN_TEXT, QuestionKind.QA])
def test_texts_are_a_list_not_bars(live_session, make_question, make_participant, facilitator, kind):
    question = make_question(live_session, kind=kind, labels=(), max_choices=2)
    author = make_participant(live_session)
    for text in ("Più treni", "Meno auto"):
        entry_submit(participant_id=author.pk, session_id=live_session.pk, question_id=question.pk, text=text)
    entry_moderate(user=facilitator, entry=Entry.objects.get(text="Più treni"), action="pin")
    kept = question_close(user=facilitator, question=question).results
    assert "options" not in kept and kept["total"] == 2
    assert kept["entries"] == [
        {"id": Entry.objects.get(text="Più treni").pk, "text": "Più treni", "pinned": True, "answered": False, "upvotes": 0}
    ]


def test_yes_no_abstain_quorum_counts_abstentions_but_the_majority_does_not(live_session, make_participant, facilitator):
    spec = QuestionSpec(kind=QuestionKind.YESNO, text="Approvate la mozione?", quorum=5)
    question = question_create(user=facilitator, session=live_session, spec=spec)
    assert [o.label for o in question.options.all()] == ["Sì", "No", "Astensione"]
    question_open(user=facilitator, question=question)
    for label in ("Sì", "Sì", "No", "Astensione", "Astensione"):
        vote(question, make_participant(live_session), label)
    kept = question_close(user=facilitator, question=question).results
    # 5 answers reach the quorum of 5 (2 of them abstentions); yes 2 > no 1: approved.
    assert (kept["quorum"], kept["quorum_reached"], kept["outcome"]) == (5, True, "approved")
    assert [(o["label"], o["count"], o["share"]) for o in kept["options"]] == [
        ("Sì", 2, 40),
        ("No", 1, 20),
        ("Astensione", 2, 40),
    ]


def test_yes_no_outcomes_by_hand():
    def outcome(yes, no, abstain, quorum):
        counts = Counts(
            "yesno", yes + no + abstain, options=[(1, "Sì", yes), (2, "No", no), (3, "Astensione", abstain)], quorum=quorum
        )
        found = yesno_figures(counts)
        return found["quorum_reached"], found["outcome"]

    assert outcome(3, 1, 0, 5) == (False, "no_quorum")  # 4 answers < 5
    assert outcome(1, 1, 3, 5) == (True, "tie")
    assert outcome(1, 2, 9, 5) == (True, "rejected")  # abstentions do not make a majority
    assert outcome(2, 1, 0, None) == (None, "approved")


def test_share_rounds_half_up_the_same_everywhere():
    assert (share(1, 8), share(3, 8), share(1, 3), share(2, 3), share(0, 0)) == (13, 38, 33, 67, 0)


def test_only_yes_no_keeps_a_quorum(live_session, facilitator):
    from consultazione.live.services.questions import OptionSpec

    spec = QuestionSpec(kind=QuestionKind.SINGLE, text="Una", options=(OptionSpec("A"), OptionSpec("B")), quorum=3)
    question = question_create(user=facilitator, session=live_session, spec=spec)
    assert question.quorum is None
    question.quorum = 3
    with pytest.raises(Exception, match="quorum"):
        question.full_clean()


def test_results_kept_before_the_figures_are_read_through_the_kind(live_session, facilitator):
    """A question closed by an older version kept {"total", "options"}: the CSV, API and restituzione
    still show its figures (share of respondents), without recounting."""
    from consultazione.live.models import Question

    question = Question.objects.create(
        session=live_session,
        position=9,
        kind=QuestionKind.MULTIPLE,
        max_choices=2,
        text="Vecchia",
        state="closed",
        results={"total": 4, "options": [{"id": 1, "label": "A", "count": 3}, {"id": 2, "label": "B", "count": 2}]},
    )
    kept = figures.kept_figures(question)
    assert [(o["label"], o["count"], o["share"]) for o in kept["options"]] == [("A", 3, 75), ("B", 2, 50)]


def test_the_question_form_creates_a_yes_no_vote_with_its_quorum(client, facilitator, live_session):
    from django.urls import reverse

    from consultazione.live.models import Question

    client.force_login(facilitator)
    url = reverse("live:question_new", kwargs={"code": live_session.code})
    page = client.get(url).content.decode()
    assert 'data-kinds="yesno"' in page  # the quorum field says which kind uses it (from the registry)
    data = {"kind": "yesno", "text": "Approvate la mozione?", "quorum": 40, "max_choices": 1, "visibility": "live"}
    assert client.post(url, data).status_code == 302
    question = Question.objects.get(session=live_session)
    assert (question.quorum, [o.label for o in question.options.all()]) == (40, ["Sì", "No", "Astensione"])
    refused = client.post(url, data | {"quorum": 0, "text": "Altra"})
    assert refused.status_code == 200 and Question.objects.filter(session=live_session).count() == 1


def test_api_results_of_every_kind_are_the_kept_figures_and_match_the_schema(live_session, make_question, facilitator):
    """GET …/results/ of a closed question of each kind: the figures kept at close (the suite-wide
    contract hook validates each answer against the OpenAPI document)."""
    from rest_framework.test import APIClient

    specs = {
        QuestionKind.SCALE: {"labels": (), "scale_max": 5},
        QuestionKind.WORDCLOUD: {"labels": (), "max_choices": 2},
        QuestionKind.OPEN_TEXT: {"labels": ()},
        QuestionKind.QA: {"labels": ()},
        QuestionKind.YESNO: {"labels": (), "quorum": 1},
    }
    for kind in QuestionKind:
        question = make_question(live_session, kind=kind, text=f"Domanda {kind}", **specs.get(kind, {}))
        question_close(user=facilitator, question=question)
    client = APIClient()
    client.force_authenticate(facilitator)
    response = client.get(f"/api/v1/live/sessions/{live_session.code}/results/")
    assert response.status_code == 200
    by_kind = {item["kind"]: item for item in response.json()}
    assert set(by_kind) == set(QuestionKind.values)
    assert by_kind["yesno"]["quorum"] == 1 and by_kind["yesno"]["quorum_reached"] is False
    assert by_kind["yesno"]["outcome"] == "no_quorum"
    assert by_kind["scale"]["mean"] is None and [o["share"] for o in by_kind["scale"]["options"]] == [0] * 5
    assert by_kind["qa"]["entries"] == [] and "options" not in by_kind["qa"]
