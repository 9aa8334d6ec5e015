"""Statistics on contributions. Every function runs a fixed number of aggregate queries."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Channel, ContributionKind, Outcome, Status

from .figures import ContributionFigures, Matrix, OutcomeFigures, Row, StatusFigures, SupportedContribution, TerritorialFigures
from .registry import statistic
from .scope import Reference, Scope

NO_ZONE = _("Senza zona indicata")
NO_MACRO_AREA = _("Senza macro-area")
NO_OUTCOME = _("Esito non ancora registrato")


def grouped_contributions(scope: Scope) -> list[dict]:
    """Public contributions counted by (kind, axis, zone, phase, channel, outcome): one query, a few
    hundred rows, read once for the contributions', the outcomes' and the territorial figures."""
    cached = getattr(scope, "_grouped_contributions", None)
    if cached is None:
        cached = list(
            scope.contributions()
            .values("kind", "axis_id", "zona_id", "phase_id", "channel", "outcome")
            .annotate(n=Count("id"))
            .order_by()
        )
        scope._grouped_contributions = cached
    return cached


def _rows(counter: Counter, keys: list, label_of) -> list[Row]:
    extra = [key for key in counter if key not in keys]
    return [
        Row(key=str(key if key is not None else ""), label=str(label_of(key)), count=counter.get(key, 0)) for key in keys + extra
    ]


def _zone_label(ref: Reference, zona_id) -> str:
    zone = ref.zones.get(zona_id)
    return str(zone) if zone else str(NO_ZONE)


def _macro_of(ref: Reference, zona_id):
    zone = ref.zones.get(zona_id)
    return zone.macro_area if zone and zone.macro_area_id else None


@statistic(
    "contributions",
    _("Contributi pubblicati"),
    _(
        "Contributi pubblicati: i contributi del processo in stato «pubblicato», non riservati ai moderatori "
        "e il cui autore non è bloccato (gli stessi che chiunque vede nell'elenco pubblico), di tutti i "
        "canali (online, tavoli, email, cartaceo). Ogni contributo conta una volta in ciascuna dimensione: "
        "tipo, asse, zona omogenea (o «senza zona»), macro-area della zona, fase in cui è stato inviato, "
        "canale. Non contano i contributi in attesa di moderazione, respinti, nascosti, ritirati o uniti ad "
        "altri."
    ),
)
def contribution_figures(scope: Scope, ref: Reference) -> ContributionFigures:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    rows = grouped_contributions(scope)
    kinds, axes, zones, phases, channels = Counter(), Counter(), Counter(), Counter(), Counter()
    macro: Counter = Counter()
    cross: Counter = Counter()
    for row in rows:
        n = row["n"]
        kinds[row["kind"]] += n
        axes[row["axis_id"]] += n
        zones[row["zona_id"]] += n
        phases[row["phase_id"]] += n
        channels[row["channel"]] += n
        area = _macro_of(ref, row["zona_id"])
        macro[area.code if area else None] += n
        cross[(row["axis_id"], row["kind"])] += n
    zone_keys = list(ref.zones) + ([None] if None in zones else [])
    areas = {zone.macro_area.code: zone.macro_area for zone in ref.zones.values() if zone.macro_area_id}
    area_keys = sorted(areas) + ([None] if None in macro else [])
    axis_keys = ref.working_axes
    kind_rows = _rows(
        kinds, list(ContributionKind.values), lambda key: ContributionKind(key).label if key in ContributionKind.values else key
    )
    axis_rows = _rows(axes, axis_keys, ref.axis_label)
    return ContributionFigures(
        total=sum(row["n"] for row in rows),
        by_kind=kind_rows,
        by_axis=axis_rows,
        by_zone=_rows(zones, zone_keys, lambda key: _zone_label(ref, key)),
        by_macro_area=_rows(macro, area_keys, lambda key: str(areas[key]) if key in areas else str(NO_MACRO_AREA)),
        by_phase=_rows(phases, list(ref.phases), lambda key: str(ref.phases[key]) if key in ref.phases else f"#{key}"),
        by_channel=_rows(channels, list(Channel.values), lambda key: Channel(key).label if key in Channel.values else key),
        kind_by_axis=Matrix(
            rows=axis_rows,
            columns=kind_rows,
            cells=[[cross.get((int(axis.key), kind.key), 0) for kind in kind_rows] for axis in axis_rows],
        ),
    )


@statistic(
    "moderation_funnel",
    _("Contributi ricevuti e pubblicati"),
    _(
        "Contributi ricevuti: tutti i contributi inviati nel processo, in ogni stato, tranne quelli ritirati "
        "dagli autori (contati a parte). Di questi: pubblicati (stato «pubblicato», anche se riservati ai "
        "moderatori o di autori poi bloccati), in attesa di moderazione, non pubblicati (respinti o nascosti "
        "dai moderatori), uniti ad altri contributi simili."
    ),
)
def status_figures(scope: Scope) -> StatusFigures:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    counts = dict(scope.all_contributions().values_list("status").annotate(n=Count("id")).order_by())
    withdrawn = counts.get(Status.WITHDRAWN, 0)
    return StatusFigures(
        received=sum(counts.values()) - withdrawn,
        published=counts.get(Status.PUBLISHED, 0),
        pending=counts.get(Status.PENDING, 0),
        not_published=counts.get(Status.REJECTED, 0) + counts.get(Status.HIDDEN, 0),
        merged=counts.get(Status.MERGED, 0),
        withdrawn=withdrawn,
    )


@statistic(
    "outcomes",
    _("Esiti dei contributi"),
    _(
        "Esiti: la risposta ufficiale registrata dallo staff per ciascun contributo pubblicato (accolto, "
        "parzialmente accolto, non accolto, già previsto, fuori ambito), per asse. I contributi pubblicati "
        "senza una risposta registrata contano come «esito non ancora registrato». Un esito dato con una "
        "risposta tematica conta come gli altri."
    ),
)
def outcome_figures(scope: Scope, ref: Reference) -> OutcomeFigures:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    rows = grouped_contributions(scope)
    keys = list(Outcome.values) + [""]
    by_outcome, by_axis, cross = Counter(), Counter(), Counter()
    for row in rows:
        by_outcome[row["outcome"]] += row["n"]
        by_axis[row["axis_id"]] += row["n"]
        cross[(row["axis_id"], row["outcome"])] += row["n"]
    columns = _rows(by_outcome, keys, lambda key: Outcome(key).label if key in Outcome.values else NO_OUTCOME)
    axes = _rows(by_axis, ref.working_axes, ref.axis_label)
    return OutcomeFigures(
        with_outcome=sum(n for key, n in by_outcome.items() if key),
        by_outcome=columns,
        by_axis=Matrix(
            rows=axes, columns=columns, cells=[[cross.get((int(axis.key), col.key), 0) for col in columns] for axis in axes]
        ),
    )


@statistic(
    "top_supported",
    _("Contributi più sostenuti"),
    _(
        "Contributi più sostenuti: i contributi pubblicati con più sostegni (un sostegno per persona e "
        "contributo), dal più sostenuto; a parità di sostegni, il più vecchio prima. Sono esclusi quelli "
        "senza alcun sostegno."
    ),
)
def top_supported(scope: Scope, ref: Reference, *, limit: int = 10) -> list[SupportedContribution]:
    """Public definition in the decorator (dashboard, final report, API; translated)."""
    rows = (
        scope.contributions()
        .filter(support_count__gt=0)
        .order_by("-support_count", "created_at", "id")
        .values("reference", "title", "kind", "axis_id", "support_count", "outcome")[:limit]
    )
    return [
        SupportedContribution(
            reference=row["reference"] or "",
            title=row["title"],
            kind=str(ContributionKind(row["kind"]).label),
            axis=ref.axis_label(row["axis_id"]),
            support_count=row["support_count"],
            outcome=str(Outcome(row["outcome"]).label) if row["outcome"] else "",
        )
        for row in rows
    ]


@statistic(
    "territory",
    _("Vista territoriale"),
    _(
        "Vista territoriale: per ogni zona omogenea e per ogni macro-area, i contributi pubblicati che vi "
        "sono localizzati (come nei «Contributi pubblicati») e le schede degli esercizi di priorità il cui "
        "votante ha dichiarato quella zona. I contributi senza zona sono riportati a parte."
    ),
)
def contributions_by_zone(scope: Scope) -> Counter:
    contributions: Counter = Counter()
    for row in grouped_contributions(scope):
        contributions[row["zona_id"]] += row["n"]
    return contributions


def territorial_figures(scope: Scope, ref: Reference, *, by_zone: Counter | None = None) -> TerritorialFigures:
    """Public definition in the decorator (dashboard, final report, API; translated). `by_zone`:
    the public contributions per zone, when already counted."""
    contributions = contributions_by_zone(scope) if by_zone is None else by_zone
    ballots = Counter(dict(scope.ballots().values_list("zona_id").annotate(n=Count("id")).order_by()))
    zones, areas = [], {}
    for pk, zone in ref.zones.items():
        zones.append(
            {
                "number": zone.number,
                "name": zone.name,
                "macro_area": zone.macro_area.code if zone.macro_area_id else "",
                "contributions": contributions.get(pk, 0),
                "ballots": ballots.get(pk, 0),
            }
        )
        if zone.macro_area_id:
            area = areas.setdefault(
                zone.macro_area.code,
                {"code": zone.macro_area.code, "name": zone.macro_area.name, "contributions": 0, "ballots": 0},
            )
            area["contributions"] += contributions.get(pk, 0)
            area["ballots"] += ballots.get(pk, 0)
    if contributions.get(None):
        zones.append({"number": None, "name": str(NO_ZONE), "macro_area": "", "contributions": contributions[None], "ballots": 0})
    return TerritorialFigures(zones=zones, macro_areas=[areas[code] for code in sorted(areas)])
