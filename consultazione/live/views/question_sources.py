"""A question built from the consultation, in two steps without JavaScript (a small script adds
↑/↓ buttons): choose the source, then see its options as an editable list and create.

Every step posts the whole state (the source as hidden fields, the question, the rows), so a
form error or a refusal of the service never loses what the facilitator typed.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultazione.core.exceptions import DomainError

from ..forms_sources import SOURCE_FORMS, OptionFormSet, SourceQuestionForm, option_rows
from ..services import Dedupe, duplicate_labels, options_deduplicated, options_from_source, question_create
from ..services.questions import normalised_label
from .facilitator import facilitator_only

PREFIX = "options"


def _position(form, index: int) -> tuple:
    value = str(form["ORDER"].value() or "")
    return (int(value), index) if value.isdigit() else (float("inf"), index)


def _rows(formset) -> list[tuple]:
    """(row form, its label repeats another) for the template, in the order of their positions."""
    forms = [form for _key, form in sorted((_position(form, i), form) for i, form in enumerate(formset.forms))]
    labels = [normalised_label(str(form["label"].value() or "")).casefold() for form in forms]
    deleted = [bool(form["DELETE"].value()) for form in forms]
    kept = [label for label, gone in zip(labels, deleted, strict=True) if not gone and label]
    return [(form, not gone and kept.count(label) > 1) for form, label, gone in zip(forms, labels, deleted, strict=True)]


@facilitator_only
def question_from_source(request, session, source: str):
    form_class = SOURCE_FORMS.get(source)
    if form_class is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    step = request.POST.get("step", "") if data is not None else ""
    source_form = form_class(data)
    question_form = SourceQuestionForm(data, prefix="q")
    context = {"session": session, "title": form_class.title, "source": source, "source_form": source_form}
    context["question_form"] = question_form

    def choose():
        return render(request, "live/question_source.html", {**context, "step": "source"})

    def preview(formset, generated=None, error=""):
        rows = _rows(formset)
        context.update(formset=formset, rows=rows, generated=generated, error=error, step="preview")
        context["has_duplicates"] = any(repeated for _form, repeated in rows)
        return render(request, "live/question_source.html", context)

    if step in ("", "back") or not source_form.is_valid():
        return choose()
    if step == "preview":
        try:
            generated = options_from_source(source_form.request())
        except DomainError as error:
            source_form.add_error(None, error.message)
            return choose()
        return preview(OptionFormSet(initial=option_rows(generated.options), prefix=PREFIX), generated=generated)
    formset = OptionFormSet(data, prefix=PREFIX)
    if not formset.is_valid():
        return preview(formset)
    if step in Dedupe.ALL:
        options = options_deduplicated(formset.option_specs(), how=step)
        return preview(OptionFormSet(initial=option_rows(options), prefix=PREFIX))
    if step != "create" or not question_form.is_valid():
        return preview(formset)
    options = formset.option_specs()
    try:
        question_create(user=request.user, session=session, spec=question_form.spec(options))
    except DomainError as error:
        error_text = error.message
        if duplicate_labels(options):
            error_text += " " + _("Puoi anche usare «Distingui con il riferimento» o «Unisci i doppioni».")
        return preview(formset, error=error_text)
    messages.success(request, _("Domanda aggiunta."))
    return redirect("live:presenter", code=session.code)
