"""Statistics on people, organisations and meetings."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Comment, CommentStatus
from consultazione.meetings.models import MeetingKind
from consultazione.stakeholders.models import Organisation
from consultazione.voting.models import Support

from .figures import MeetingFigures, MeetingRow, ParticipantFigures, Row
from .registry import statistic
from .scope import Reference, Scope

PERSONAL_CAPACITY = _("A titolo personale")


def _category_rows(counter: Counter, ref: Reference, *, include_personal: bool) -> list[Row]:
    rows = [
        Row(key=category.code, label=category.label, count=counter.get(pk, 0))
        for pk, category in ref.categories.items()
        if counter.get(pk)
    ]
    if include_personal and counter.get(None):
        rows.append(Row(key="", label=str(PERSONAL_CAPACITY), count=counter[None]))
    return rows


@statistic(
    "participants",
    _("Partecipanti"),
    _(
        "Partecipanti online: le persone distinte (account) che nel processo hanno pubblicato almeno un "
        "contributo visibile, un commento pubblicato su un contributo visibile, dato un sostegno a un "
        "contributo visibile o votato in un esercizio di priorità. Ogni persona conta una volta sola, "
        "qualunque cosa abbia fatto e anche se ha agito a nome di un'organizzazione. Organizzazioni e "
        "istituzioni: le organizzazioni distinte a nome delle quali è stato pubblicato un contributo o votata "
        "una scheda, o presenti a un incontro del processo, per categoria di portatori di interesse; sono "
        "«istituzioni» quelle delle categorie istituzionali (enti locali, enti pubblici). Le presenze agli "
        "incontri sono contate a parte (vedi «Incontri e presenze») e non si sommano ai partecipanti online, "
        "perché non sempre chi è presente ha un account."
    ),
)
def participant_figures(scope: Scope, ref: Reference) -> ParticipantFigures:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    return ParticipantFigures(people_online=_people(scope).count(), **organisation_figures(scope, ref))


def _people(scope: Scope, *, before=None):
    """The ids of the people `participant_figures` counts, one query per source (a UNION); with
    `before`, only the supports and comments given before that moment."""
    comments = scope.comments().filter(author__isnull=False)
    supports = scope.supports().filter(user__isnull=False)
    if before is not None:
        comments, supports = comments.filter(created_at__lt=before), supports.filter(created_at__lt=before)
    return (
        scope.contributions()
        .filter(author__isnull=False)
        .order_by()
        .values("author_id")
        .union(
            comments.order_by().values("author_id"),
            supports.order_by().values("user_id"),
            scope.ballots().filter(user__isnull=False).order_by().values("user_id"),
        )
    )


def people_before(scope: Scope, moment) -> frozenset[int]:
    """The people counted by `participant_figures` but for the supports and comments given from
    `moment` on (those are `people_since`): the costly part of the count (every row of four
    tables), which a new support or comment does not change."""
    return frozenset(row["author_id"] for row in _people(scope, before=moment))


def people_since(scope: Scope, moment) -> set[int]:
    """The people who gave a support, or wrote a published comment, from `moment` on, on a
    contribution of the scope's public ones (as `participant_figures` counts them): the rows of
    the last minutes by their date's index, each contribution checked by its key — no scan, whatever
    the engine's statistics say (SQLite's planner would walk an index of every public contribution
    for an `IN` list of them)."""
    counted = Exists(scope.contributions().filter(pk=OuterRef("contribution_id")))
    supports = Support.objects.filter(counted, created_at__gte=moment).values_list("user_id", flat=True)
    # by the date alone (its index, whatever the planner thinks of the status's): the rest here
    comments = Comment.objects.filter(counted, created_at__gte=moment).values_list("author_id", "status")
    return {pk for pk in supports if pk} | {pk for pk, status in comments if pk and status == CommentStatus.PUBLISHED}


def organisation_figures(scope: Scope, ref: Reference) -> dict:
    """The organisations and institutions of `participant_figures`, by category."""
    contributions = scope.contributions()
    organisations = Counter(
        dict(
            Organisation.objects.filter(
                # IN over materialised id lists: SQLite plans a correlated EXISTS badly here.
                Q(pk__in=contributions.filter(organisation__isnull=False).values("organisation_id"))
                | Q(pk__in=scope.ballots().filter(organisation__isnull=False).values("organisation_id"))
                | Q(pk__in=scope.attendances().filter(organisation__isnull=False).values("organisation_id"))
            )
            .values_list("category_id")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    institutional = {pk for pk, category in ref.categories.items() if category.is_institutional}
    civic = Counter({pk: n for pk, n in organisations.items() if pk not in institutional})
    public_bodies = Counter({pk: n for pk, n in organisations.items() if pk in institutional})
    return {
        "organisations": _category_rows(civic, ref, include_personal=False),
        "organisations_total": sum(civic.values()),
        "institutions": _category_rows(public_bodies, ref, include_personal=False),
        "institutions_total": sum(public_bodies.values()),
    }


@statistic(
    "meetings",
    _("Incontri e presenze"),
    _(
        "Incontri svolti: gli incontri del processo già conclusi (la data di fine è passata); quelli in "
        "programma sono contati a parte. Presenze: le presenze registrate agli incontri del processo (con la "
        "lista, il codice di ingresso, la sessione live o all'ingresso), per categoria dell'organizzazione "
        "rappresentata («a titolo personale» se nessuna); chi partecipa a due incontri conta due volte. "
        "Nessun dato personale: solo conteggi."
    ),
)
def meeting_figures(scope: Scope, ref: Reference) -> MeetingFigures:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    meetings = list(
        scope.meetings()
        .annotate(attendance=Count("attendances"))
        .order_by("starts_at", "id")
        .values("title", "kind", "starts_at", "ends_at", "venue_comune__name", "attendance")
    )
    held = [m for m in meetings if m["ends_at"] < scope.now]
    kinds = Counter(m["kind"] for m in held)
    attendance = Counter(dict(scope.attendances().values_list("category_id").annotate(n=Count("id")).order_by()))
    return MeetingFigures(
        held=len(held),
        upcoming=len(meetings) - len(held),
        by_kind=[Row(key=k, label=str(MeetingKind(k).label), count=kinds[k]) for k in MeetingKind.values if kinds.get(k)],
        attendance_total=sum(attendance.values()),
        attendance_by_category=_category_rows(attendance, ref, include_personal=True),
        held_meetings=[
            MeetingRow(
                title=m["title"],
                kind=str(MeetingKind(m["kind"]).label),
                date=m["starts_at"].date().isoformat(),
                comune=m["venue_comune__name"] or "",
                attendance=m["attendance"],
            )
            for m in held
        ],
    )
