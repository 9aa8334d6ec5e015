"""The two steps of a question from the consultation, as the facilitator sees them: the preview's
rows, what is kept after an error, equal titles, too few items, bad input."""

import pytest
from django.urls import reverse

from consultazione.contributions.models import Contribution, Status
from consultazione.live.models import Question

pytestmark = pytest.mark.django_db

QUESTION = {"q-text": "Quale azione prima?", "q-kind": "single", "q-max_choices": "1", "q-visibility": "live"}


def url_of(session, source):
    return reverse("live:question_new_from", kwargs={"code": session.code, "source": source})


def rows_of(response) -> dict:
    forms = response.context["formset"].forms
    data = {"options-TOTAL_FORMS": len(forms), "options-INITIAL_FORMS": len(forms)}
    for index, form in enumerate(forms):
        for name in ("label", "contribution_id", "strategy_id", "reference", "ORDER"):
            value = form.initial.get(name)
            data[f"options-{index}-{name}"] = "" if value is None else value
    return data


def labels_shown(response) -> list[str]:
    return [str(form["label"].value()) for form in response.context["formset"].forms]


def test_preview_of_an_axis_of_the_seeded_plan_then_rename_drop_reorder_and_create(client, facilitator, live_session, psm):
    client.force_login(facilitator)
    url = url_of(live_session, "axis")
    page = client.get(url).content.decode()
    assert "Passo 1 di 2" in page
    assert "(1 strategia, 3 azioni)" in page and "(0 strategie, 0 azioni)" in page  # said before the preview
    preview = client.post(url, {"axis": psm.axes[1].pk, **QUESTION, "step": "preview"})
    page = preview.content.decode()
    assert "L&#x27;asse ha 1 strategia: le opzioni sono le azioni delle sue strategie." in page
    assert [label[:5] for label in labels_shown(preview)] == ["1.1.1", "1.1.2", "1.1.3"]
    assert "Crea la domanda" in page and not Question.objects.exists()
    rows = rows_of(preview)
    rows["options-0-label"] = "Banda larga nelle valli"
    rows["options-1-DELETE"] = "on"
    rows["options-0-ORDER"], rows["options-2-ORDER"] = "3", "1"
    refreshed = client.post(url, {"axis": psm.axes[1].pk, **QUESTION, **rows, "step": "refresh"})  # Enter in a field
    shown = [str(form["label"].value()) for form, _repeated in refreshed.context["rows"]]
    assert shown == [rows["options-2-label"], rows["options-1-label"], "Banda larga nelle valli"]
    assert not Question.objects.exists()
    response = client.post(url, {"axis": psm.axes[1].pk, **QUESTION, **rows, "step": "create"})
    assert response.status_code == 302
    question = Question.objects.get()
    third = rows["options-2-label"]
    assert list(question.options.values_list("label", flat=True)) == [third, "Banda larga nelle valli"]
    assert all(option.strategy_id == psm.axes[1].strategies.get().pk for option in question.options.all())


def test_equal_titles_are_flagged_refused_with_nothing_lost_and_told_apart(client, facilitator, live_session, psm):
    phase = psm.process.phases.get(kind="ascolto")
    for n, title in enumerate(["Comunità energetiche", "Comunità energetiche", "Più treni"], start=1):
        Contribution.objects.create(
            process=psm.process, phase=phase, kind="idea", title=title, body="…", axis=psm.axes[2], author=facilitator,
            status=Status.PUBLISHED, support_count=10 - n, reference=f"PSM-IDEA-2026-0000{n}",
        )  # fmt: skip
    client.force_login(facilitator)
    url = url_of(live_session, "contributions")
    preview = client.post(url, {"limit": "5", **QUESTION, "step": "preview"})
    page = preview.content.decode()
    assert page.count(">Testo ripetuto<") == 2 and "Distingui con il riferimento" in page
    rows = rows_of(preview)
    refused = client.post(url, {"limit": "5", **QUESTION, "q-text": "Testo scritto a mano", **rows, "step": "create"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "Due opzioni hanno lo stesso testo: «Comunità energetiche»" in page
    assert 'value="Testo scritto a mano"' in page and not Question.objects.exists()
    suffixed = client.post(url, {"limit": "5", **QUESTION, **rows, "step": "suffix"})
    assert labels_shown(suffixed) == [
        "Comunità energetiche (PSM-IDEA-2026-00001)",
        "Comunità energetiche (PSM-IDEA-2026-00002)",
        "Più treni",
    ]
    assert ">Testo ripetuto<" not in suffixed.content.decode()
    merged = client.post(url, {"limit": "5", **QUESTION, **rows, "step": "merge"})
    assert labels_shown(merged) == ["Comunità energetiche", "Più treni"]
    created = client.post(url, {"limit": "5", **QUESTION, **rows_of(merged), "step": "create"})
    assert created.status_code == 302
    first = Contribution.objects.get(reference="PSM-IDEA-2026-00001")
    assert list(Question.objects.get().options.values_list("label", "contribution")) == [
        ("Comunità energetiche", first.pk),
        ("Più treni", Contribution.objects.get(title="Più treni").pk),
    ]


def test_a_source_with_too_few_items_says_so_on_the_preview(client, facilitator, live_session, psm):
    client.force_login(facilitator)
    preview = client.post(url_of(live_session, "axis"), {"axis": psm.axes[5].pk, **QUESTION, "step": "preview"})
    page = preview.content.decode()
    assert "Questa fonte ha 0 voci: per una domanda ne servono almeno 2." in page
    assert "Crea la domanda" not in page and "Cambia la fonte" in page


@pytest.mark.parametrize(
    "data",
    [
        {"limit": "molti", "step": "preview"},
        {"limit": "5", "axis": "999999", "zona": "x", "step": "preview"},
        {"limit": "5", "step": "create", "options-TOTAL_FORMS": "100000", "options-INITIAL_FORMS": "0"},
        {"limit": "5", "step": "create", "options-TOTAL_FORMS": "2", "options-INITIAL_FORMS": "2", "options-0-ORDER": "x"},
        {"limit": "5", "step": "create", "options-TOTAL_FORMS": "2", "options-INITIAL_FORMS": "2", "options-0-label": "A",
         "options-1-label": "B", "options-0-contribution_id": "99999999999999999999"},
        {"limit": "5", "step": "create", "options-TOTAL_FORMS": "2", "options-INITIAL_FORMS": "2", "options-0-label": "A",
         "options-1-label": "B", "options-0-strategy_id": "424242"},
        {"limit": "5", "step": "suffix"},
    ],
)  # fmt: skip
def test_bad_input_is_a_form_error_never_a_500(client, facilitator, live_session, psm, data):
    client.force_login(facilitator)
    response = client.post(url_of(live_session, "contributions"), {**QUESTION, **data})
    assert response.status_code == 200
    assert not Question.objects.exists()
    assert client.post(url_of(live_session, "elsewhere"), data).status_code == 404
