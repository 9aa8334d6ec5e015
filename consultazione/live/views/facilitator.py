"""Facilitators' pages: their sessions, the presenter console, check-in codes, results as CSV."""

from csp.constants import SELF
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.core.spreadsheets import csv_writer
from consultazione.meetings.models import Meeting

from .. import commands, figures, selectors, snapshots
from ..forms import CheckInCodesForm, SessionForm
from ..models import CheckInCode, State
from ..services import checkin_codes_generate, session_create, session_update
from ._common import with_session
from ._strings import screen_strings


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise DjangoPermissionDenied


def facilitator_only(view):
    """Logged in, and allowed to run this session (the `session` argument)."""

    @login_required
    @with_session
    def wrapped(request, session, *args, **kwargs):
        _require(request, "live.run_livesession", session)
        return view(request, session, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@login_required
def session_list(request):
    _require(request, "live.add_livesession")
    sessions = selectors.sessions_for_user(request.user)[:100]
    return render(request, "live/session_list.html", {"sessions": sessions})


@login_required
def session_new(request):
    _require(request, "live.add_livesession")
    # "?incontro=<slug>" from the meeting's edit page preselects that meeting
    initial = {"meeting": Meeting.objects.filter(slug=request.GET.get("incontro", "")[:120]).first()}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = session_create(user=request.user, title=data["title"], join_mode=data["join_mode"], meeting=data["meeting"])
        messages.success(request, _("Sessione creata: il codice per partecipare è %(code)s.") % {"code": session.code})
        return redirect("live:presenter", code=session.code)
    return render(request, "live/session_form.html", {"form": form})


@facilitator_only
def session_edit(request, session):
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session_update(
            user=request.user, session=session, title=data["title"], join_mode=data["join_mode"], meeting=data["meeting"]
        )
        return redirect("live:presenter", code=session.code)
    return render(request, "live/session_form.html", {"form": form, "session": session})


def console_strings() -> dict[str, str]:
    """Texts of the console's script (live-presenter.js), besides the screens' (screen_strings)."""
    return {
        "command_failed": _("Il comando non è arrivato: controlla la connessione e riprova."),
        "confirm": _("Confermi?"),
    }


@never_cache  # the state of the moment, the moderation queue
@csp_update({"frame-src": [SELF]})
@facilitator_only
def presenter(request, session):
    """The console: controls for each question, the live counts, the moderation queue, a projector
    preview. Its script fetches this page again to redraw the controls after every change."""
    questions = selectors.questions_of(session)
    context = {
        "session": session,
        "questions": questions,
        "current": next((q for q in questions if q.pk == session.current_question_id), None),
        "closed": [(q, figures.display(q, kept)) for q, kept in figures.closed_figures(selectors.closed_questions(session))],
        "State": State,
        "checkin_count": CheckInCode.objects.filter(session=session).count(),
        "strings": {**screen_strings(), **console_strings()},
        "snapshot": snapshots.snapshot(session.pk, code=session.code, staff=True),
    }
    return render(request, "live/presenter.html", context)


@require_POST
@facilitator_only
def session_control(request, session, action: str):
    """The console's session buttons without JavaScript (its script sends the same commands to the API)."""
    if action not in commands.SESSION_ACTIONS:
        return HttpResponse(status=404)
    try:
        commands.run(
            {"type": "control", "action": action, "keep_open": bool(request.POST.get("keep_open"))},
            user=request.user,
            session=session,
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("live:presenter", code=session.code)


@facilitator_only
def checkin_codes(request, session):
    form = CheckInCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = checkin_codes_generate(user=request.user, session=session, count=form.cleaned_data["count"])
            messages.success(request, _("%(n)d codici generati.") % {"n": len(created)})
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("live:checkin_codes", code=session.code)
    codes = CheckInCode.objects.filter(session=session).order_by("code")
    return render(request, "live/checkin_codes.html", {"session": session, "form": form, "codes": codes})


@facilitator_only
def results_csv(request, session):
    """Final results of the closed questions, one row per option, word or text (Excel-friendly: ; and
    BOM), with the same figures as every screen (live/figures.py): share of respondents, mean, quorum."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sondaggi-{session.code}.csv"'
    response.write("\ufeff")
    writer = csv_writer(response, delimiter=";")  # participants wrote some texts: no formulas
    writer.writerow(
        [
            _("n."),
            _("domanda"),
            _("tipo"),
            _("chiusa il"),
            _("risposte"),
            _("opzione"),
            _("conteggio"),
            _("% dei rispondenti"),
            _("posizione"),
            _("media"),
            _("quorum"),
            _("quorum raggiunto"),
            _("esito"),
        ]
    )
    for question, kept in figures.closed_figures(selectors.closed_questions(session)):
        closed_at = question.closed_at.isoformat() if question.closed_at else ""
        mean = number_format(kept["mean"], 1) if kept.get("mean") is not None else ""
        quorum = kept.get("quorum") or ""
        reached = {True: _("sì"), False: _("no")}.get(kept.get("quorum_reached"), "")
        head = [question.position, question.text, question.get_kind_display(), closed_at, kept.get("total", 0)]
        tail = [mean, quorum, reached, figures.outcome_label(question.kind, kept)]
        empty = {"label": "", "count": "", "share": None, "rank": None}
        for row in figures.rows(kept) or [empty]:
            share = "" if row["share"] is None else row["share"]
            writer.writerow([*head, row["label"], row["count"], share, row["rank"] or "", *tail])
    return response
