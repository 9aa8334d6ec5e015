"""Statistics on people, organisations and meetings."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from consultazione.meetings.models import MeetingKind
from consultazione.stakeholders.models import Organisation

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
    contributions = scope.contributions()
    people = (
        contributions.filter(author__isnull=False)
        .order_by()
        .values("author_id")
        .union(
            scope.comments().filter(author__isnull=False).order_by().values("author_id"),
            scope.supports().filter(user__isnull=False).order_by().values("user_id"),
            scope.ballots().filter(user__isnull=False).order_by().values("user_id"),
        )
        .count()
    )
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
    return ParticipantFigures(
        people_online=people,
        organisations=_category_rows(civic, ref, include_personal=False),
        organisations_total=sum(civic.values()),
        institutions=_category_rows(public_bodies, ref, include_personal=False),
        institutions_total=sum(public_bodies.values()),
    )


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
