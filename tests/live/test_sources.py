"""Questions built from the consultation (services.sources): every axis of the seeded plan, equal
titles, too few items, links kept, and the order of a session's questions."""

import pytest

from consultazione.contributions.models import Contribution, Status
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.live.models import Question
from consultazione.live.services import (
    Dedupe,
    OptionSpec,
    QuestionSpec,
    Source,
    SourceRequest,
    options_deduplicated,
    options_from_source,
    question_create,
    questions_reorder,
    session_create,
)
from consultazione.plan.models import Axis
from consultazione.process.selectors import working_plan_ids

pytestmark = pytest.mark.django_db


def publish(psm, author, title, *, supports=0, axis=None, zona=None, reference=None, status=Status.PUBLISHED):
    phase = psm.process.phases.get(kind="ascolto")
    return Contribution.objects.create(
        process=psm.process, phase=phase, kind="idea", title=title, body="…", axis=axis or psm.axes[3], author=author,
        status=status, support_count=supports, zona=zona, reference=reference,
    )  # fmt: skip


def create(facilitator, session, options, *, kind="single", text="Quale scegliete?"):
    return question_create(user=facilitator, session=session, spec=QuestionSpec(kind=kind, text=text, options=options))


def test_every_axis_of_the_seeded_plan_gives_options_or_says_it_has_too_few(psm, facilitator, live_session):
    """The seed has one strategy per axis (none for axis 5): the strategies of an axis used to give
    one option and every question was refused after the form. Now an axis with one strategy gives
    the actions of its strategies (with a note saying so), and one with nothing says so first."""
    axes = list(Axis.objects.filter(plan_id__in=working_plan_ids()).order_by("code"))
    assert len(axes) == 6
    for axis in axes:
        generated = options_from_source(SourceRequest(source=Source.AXIS, axis=axis))
        if axis.strategies.exists():
            assert generated.enough and "azioni" in generated.note
            assert [o.label.split()[0] for o in generated.options] == list(
                axis.strategies.values_list("actions__code", flat=True).order_by("actions__code")
            )
            question = create(facilitator, live_session, generated.options, text=f"Asse {axis.code}?")
            assert question.options.count() == len(generated.options)
            assert set(question.options.values_list("strategy__axis", flat=True)) == {axis.pk}
        else:
            assert not generated.enough
            assert generated.too_few_message == "Questa fonte ha 0 voci: per una domanda ne servono almeno 2."


def test_the_strategies_themselves_when_asked_or_when_there_are_two(psm):
    axis = psm.axes[1]
    only = options_from_source(SourceRequest(source=Source.AXIS, axis=axis, level="strategies"))
    assert [o.label[:4] for o in only.options] == ["1.1 "] and not only.enough
    axis.strategies.create(code="1.2", title="Una seconda strategia")
    both = options_from_source(SourceRequest(source=Source.AXIS, axis=axis))
    assert [o.reference for o in both.options] == ["1.1", "1.2"] and both.note == ""


def test_top_contributions_with_the_same_title_are_flagged_and_told_apart(psm, facilitator, live_session):
    """Two contributions with one title made the whole source refused; now the preview flags them,
    the service names the title, and a suffix with the reference (or a merge) makes them creatable."""
    first = publish(psm, facilitator, "Transizione energetica delle aree montane", supports=9, reference="PSM-IDEA-2026-00001")
    second = publish(psm, facilitator, "Transizione  energetica delle aree MONTANE", supports=5, reference="PSM-IDEA-2026-00002")
    publish(psm, facilitator, "Più treni", supports=3, reference="PSM-IDEA-2026-00003")
    generated = options_from_source(SourceRequest(source=Source.CONTRIBUTIONS, limit=5))
    assert generated.duplicates == {"transizione energetica delle aree montane"}
    with pytest.raises(InvalidInput) as refused:
        create(facilitator, live_session, generated.options)
    assert "«Transizione  energetica delle aree MONTANE»" not in refused.value.message  # spaces collapsed
    assert "Transizione energetica delle aree MONTANE" in refused.value.message
    assert not Question.objects.exists()

    suffixed = options_deduplicated(generated.options, how=Dedupe.SUFFIX)
    question = create(facilitator, live_session, suffixed)
    assert list(question.options.values_list("label", "contribution_id")) == [
        ("Transizione energetica delle aree montane (PSM-IDEA-2026-00001)", first.pk),
        ("Transizione energetica delle aree MONTANE (PSM-IDEA-2026-00002)", second.pk),
        ("Più treni", Contribution.objects.get(title="Più treni").pk),
    ]
    merged = options_deduplicated(generated.options, how=Dedupe.MERGE)
    assert [(o.label, o.contribution_id) for o in merged] == [
        ("Transizione energetica delle aree montane", first.pk),
        ("Più treni", Contribution.objects.get(title="Più treni").pk),
    ]


def test_a_suffix_fits_in_the_label_and_equal_titles_without_reference_get_a_number():
    long = "x" * 200
    options = (OptionSpec(long), OptionSpec(long), OptionSpec("Altro"))
    labels = [o.label for o in options_deduplicated(options, how=Dedupe.SUFFIX)]
    assert labels[0].endswith(" (1)") and labels[1].endswith(" (2)") and all(len(label) <= 200 for label in labels)
    with pytest.raises(InvalidInput):
        options_deduplicated(options, how="nope")


def test_contributions_of_an_axis_and_a_zone_and_too_few(psm, facilitator):
    zone = psm.zones[1]
    publish(psm, facilitator, "In zona", supports=1, zona=zone, reference="PSM-IDEA-2026-00011")
    publish(psm, facilitator, "Altrove", supports=8, reference="PSM-IDEA-2026-00012")
    publish(psm, facilitator, "Nascosto", supports=99, zona=zone, status=Status.HIDDEN, reference="PSM-IDEA-2026-00013")
    in_zone = options_from_source(SourceRequest(source=Source.CONTRIBUTIONS, limit=5, zona=zone, axis=psm.axes[3]))
    assert [o.label for o in in_zone.options] == ["In zona"]
    assert not in_zone.enough and in_zone.too_few_message.startswith("Questa fonte ha 1 voce:")
    with pytest.raises(InvalidInput):
        options_from_source(SourceRequest(source=Source.CONTRIBUTIONS, limit=500))
    with pytest.raises(InvalidInput):
        options_from_source(SourceRequest(source="elsewhere"))


def test_an_option_cannot_point_at_a_hidden_contribution(psm, facilitator, live_session):
    hidden = publish(psm, facilitator, "Nascosto", status=Status.HIDDEN, reference="PSM-IDEA-2026-00021")
    options = (OptionSpec("A", contribution_id=hidden.pk), OptionSpec("B"))
    with pytest.raises(InvalidInput) as refused:
        create(facilitator, live_session, options)
    assert refused.value.code == "link" and not Question.objects.exists()
    with pytest.raises(InvalidInput):
        create(facilitator, live_session, (OptionSpec("A", strategy_id=10**9), OptionSpec("B")))


def test_reorder_takes_every_question_of_the_session_once(facilitator, live_session, make_question):
    one, two, three = (make_question(live_session, open=False, text=f"Domanda {n}") for n in (1, 2, 3))
    questions_reorder(user=facilitator, session=live_session, question_ids=[three.pk, one.pk, two.pk])
    assert list(live_session.questions.order_by("position").values_list("text", flat=True)) == [
        "Domanda 3",
        "Domanda 1",
        "Domanda 2",
    ]
    other = session_create(user=facilitator, title="Altra plenaria")
    foreign = make_question(other, open=False)
    for ids in ([three.pk, one.pk, foreign.pk], [one.pk, two.pk], [one.pk, one.pk, two.pk, three.pk]):
        with pytest.raises(Conflict):
            questions_reorder(user=facilitator, session=live_session, question_ids=ids)
    assert list(live_session.questions.order_by("position").values_list("pk", flat=True)) == [three.pk, one.pk, two.pk]
