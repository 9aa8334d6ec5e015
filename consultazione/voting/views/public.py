"""Public pages of the priority exercises: list, detail with the ballot form, results, CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.core.exceptions import DomainError
from consultazione.core.forms import add_service_errors
from consultazione.core.spreadsheets import csv_writer
from consultazione.stakeholders.selectors import organisations_represented_by

from .. import selectors
from ..charts import breakdown_chart, ranking_chart
from ..forms import BallotForm
from ..models import Method, PriorityExercise
from ..services import ballot_cast


def visible_exercise(request, pk: int) -> PriorityExercise:
    try:
        exercise = selectors.exercise_with_items(pk)
    except PriorityExercise.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("voting.view_priorityexercise", exercise):
        raise Http404
    return exercise


@pagecache.page(pagecache.VOTING)
def exercise_list(request):
    page = Paginator(selectors.exercises_for(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "voting/exercise_list.html",
        {
            "page_obj": page,
            "exercises": selectors.with_ballot_state(page.object_list),
            "can_create": request.user.has_perm("voting.add_priorityexercise"),
        },
    )


@pagecache.page(pagecache.VOTING)
def exercise_detail(request, pk: int):
    exercise = visible_exercise(request, pk)
    selectors.with_ballot_state([exercise])
    user = request.user
    ballot = selectors.ballot_of(user, exercise)
    can_cast = user.has_perm("voting.cast_ballot", exercise)
    organisations = list(organisations_represented_by(user).order_by("name"))
    form = BallotForm(request.POST if request.method == "POST" else None, exercise=exercise, organisations=organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ballot_cast(user=user, exercise=exercise, **form.service_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                messages.error(request, error.message)
                return redirect("voting:exercise_detail", pk=exercise.pk)
            else:
                messages.success(request, _("La tua scheda è registrata. Puoi cambiarla fino alla chiusura dell'esercizio."))
                return redirect("voting:exercise_detail", pk=exercise.pk)
    else:
        form.prefill(ballot, ballot or selectors.last_declared_place(user))
    return render(
        request,
        "voting/exercise_detail.html",
        {
            "exercise": exercise,
            "items": exercise.items.all(),
            "ballot": ballot,
            "form": form,
            "can_cast": can_cast,
            "organisations": organisations,
            "can_view_results": user.has_perm("voting.view_results", exercise),
            "can_manage": user.has_perm("voting.change_priorityexercise", exercise),
            "is_dots": exercise.method == Method.DOTS,
        },
        status=status,
    )


@pagecache.page(pagecache.VOTING)
def results(request, pk: int):
    exercise = visible_exercise(request, pk)
    if not request.user.has_perm("voting.view_results", exercise):
        return render(request, "voting/results_hidden.html", {"exercise": exercise}, status=403)
    outcome = selectors.exercise_results(exercise)
    return render(
        request,
        "voting/results.html",
        {
            "exercise": exercise,
            "results": outcome,
            "is_dots": exercise.method == Method.DOTS,
            "ranking_chart": ranking_chart(outcome.items),
            "breakdowns": [(breakdown, breakdown_chart(breakdown)) for breakdown in outcome.breakdowns],
            "min_ballots": selectors.MIN_BALLOTS_PER_CELL,
        },
    )


def _cell(value) -> object:
    """A breakdown cell of the CSV: its number, or «meno di 5 schede» when hidden."""
    return _("meno di %(n)s schede") % {"n": selectors.MIN_BALLOTS_PER_CELL} if value is None else value


def results_csv(request, pk: int):
    exercise = visible_exercise(request, pk)
    if not request.user.has_perm("voting.view_results", exercise):
        raise Http404
    outcome = selectors.exercise_results(exercise)
    segments = [segment for breakdown in outcome.breakdowns for segment in breakdown.segments]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="priorita-{exercise.pk}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
    writer = csv_writer(response)  # titles are user-written: no formulas
    writer.writerow(
        [_("posizione"), _("codice"), _("voce"), _("punti"), _("persone che l'hanno scelta"), "strategy_id", "contribution_id"]
        + [segment.label for segment in segments]
    )
    for item in outcome.items:
        writer.writerow(
            [
                item.rank,
                item.code,
                item.title,
                item.score,
                item.voters,
                item.strategy_id or "",
                item.contribution_id or "",
            ]
            + [_cell(selectors.segment_score(segment, item)) for segment in segments]
        )
    writer.writerow(
        [_("partecipanti"), "", "", outcome.participants, "", "", ""] + [_cell(segment.participants) for segment in segments]
    )
    return response
