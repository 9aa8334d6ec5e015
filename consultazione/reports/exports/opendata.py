"""The anonymised open-data package of a process: a ZIP of CSV + JSON files (UTF-8, ISO dates),
a Frictionless Data Package `datapackage.json` (licence, and a typed Table Schema for each file:
tableschema.py) and the DCAT-AP_IT record. Each JSON file is tabular, an array of row objects, so
the same schema applies to it as to its CSV twin.

Anonymisation is by construction: only public contributions, and no column ever holds a name,
an email, a pseudonym or an organisation's name (only its stakeholder category). Text that
moderators flagged as containing personal data is replaced by REDACTED.

The CSV files go through the same formula-neutralising writer as staff exports (core.spreadsheets):
people open open data in spreadsheets too, and contribution titles are written by anyone. Numbers
(and numeric strings, negative ones included) are untouched; the JSON twin of each file keeps the
exact text for machines."""

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from consultazione.contributions.models import Channel, ContributionKind, Outcome
from consultazione.contributions.selectors import plans_open_to_any_kind
from consultazione.meetings.models import Attendance, Meeting
from consultazione.plan.models import Action, Axis, Plan, Strategy
from consultazione.process.models import Process
from consultazione.territory.models import Comune

from ..selectors import Scope, dashboard
from ..selectors.figures import Row
from ..selectors.opendata import open_data_dates
from .columns import Table, col, label_of, table
from .dcat import dcat_record, licence_notice
from .tableschema import schema_for
from .writers import write_csv, write_json

REDACTED = "[testo rimosso: dati personali]"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def _masked(flag, text) -> str:
    return REDACTED if flag else text


def _plan(process: Process) -> Table:
    """Every plan contributions of the process may point at (the plan being built and the plan in
    force it revises), each row naming its plan: codes repeat from one plan to the next."""
    roles = {plan_id: role for role, plan_id in plans_open_to_any_kind(process).items()}
    headers = ["piano", "nome_piano", "ruolo_piano", "livello", "codice", "codice_superiore", "titolo"]

    def rows() -> Iterator[list]:
        for plan in Plan.objects.filter(pk__in=roles).order_by("-period_start"):
            head = [plan.slug, plan.title, str(roles[plan.pk])]
            for code, title in Axis.objects.filter(plan=plan).order_by("code").values_list("code", "title"):
                yield [*head, "asse", str(code), "", title]
            strategies = Strategy.objects.filter(axis__plan=plan).order_by("axis__code", "code")
            for code, axis, title in strategies.values_list("code", "axis__code", "title"):
                yield [*head, "strategia", code, str(axis), title]
            actions = Action.objects.filter(strategy__axis__plan=plan).order_by("strategy__axis__code", "code")
            for code, strategy, title in actions.values_list("code", "strategy__code", "title"):
                yield [*head, "azione", code, strategy, title]

    return Table(headers=headers, rows=rows())


def _axis_key(slug, code) -> str:
    """An axis named with its plan: "psm-2021-2023:1"."""
    return f"{slug}:{code}"


def _territory(process: Process) -> Table:
    return table(
        Comune.objects.order_by("istat_code"),
        [
            col("codice_istat", "istat_code"),
            col("comune", "name"),
            col("zona_omogenea", "zona__number"),
            col("nome_zona_omogenea", "zona__name"),
            col("macro_area", "zona__macro_area__code"),
            col("nome_macro_area", "zona__macro_area__name"),
        ],
        personal_data=False,
    )


def _meetings(process: Process) -> Table:
    meetings = Meeting.objects.filter(process=process).annotate(presenze=Count("attendances")).order_by("starts_at", "id")
    axes, zones = {}, {}
    treated = Meeting.axes.through.objects.filter(meeting__process=process)
    for meeting_id, slug, code in treated.values_list("meeting_id", "axis__plan__slug", "axis__code"):
        axes.setdefault(meeting_id, []).append(_axis_key(slug, code))
    for meeting_id, number in Meeting.zones.through.objects.filter(meeting__process=process).values_list(
        "meeting_id", "zonaomogenea__number"
    ):
        zones.setdefault(meeting_id, []).append(str(number))
    return table(
        meetings,
        [
            col("incontro", "slug"),
            col("titolo", "title"),
            col("tipo", "kind"),
            col("modalita", "format"),
            col("inizio", "starts_at"),
            col("fine", "ends_at"),
            col("comune_istat", "venue_comune__istat_code"),
            col("macro_area", "macro_area__code"),
            col("assi", "id", convert=lambda pk: ";".join(sorted(axes.get(pk, [])))),
            col("zone_omogenee", "id", convert=lambda pk: ";".join(sorted(zones.get(pk, []), key=int))),
            col("iscritti_confermati", "confirmed_count"),
            col("presenze", "presenze"),
        ],
        personal_data=False,
    )


def _attendance(process: Process) -> Table:
    rows = (
        Attendance.objects.filter(meeting__process=process)
        .values_list("meeting__slug", "category__code", "category__label")
        .annotate(n=Count("id"))
        .order_by("meeting__slug", "category__code")
    )
    headers = ["incontro", "categoria", "nome_categoria", "presenze"]
    return Table(headers=headers, rows=([slug, code or "", label or "A titolo personale", n] for slug, code, label, n in rows))


def _contributions(process: Process) -> Table:
    return table(
        Scope(process=process).contributions().order_by("published_at", "id"),
        [
            col("codice", "reference"),
            col("data_pubblicazione", "published_at"),
            col("tipo", "kind"),
            col("nome_tipo", "kind", convert=label_of(ContributionKind.choices)),
            col("piano", "axis__plan__slug"),
            col("nome_piano", "axis__plan__title"),
            col("asse", "axis__code"),
            col("strategia", "strategy__code"),
            col("azione", "action__code"),
            col("zona_omogenea", "zona__number"),
            col("comune_istat", "comune__istat_code"),
            col("categoria_portatore_interesse", "organisation__category__code"),
            col("fase", "phase__kind"),
            col("canale", "channel"),
            col("nome_canale", "channel", convert=label_of(Channel.choices)),
            col("stato", "status"),
            col("esito", "outcome"),
            col("nome_esito", "outcome", convert=label_of(Outcome.choices)),
            col("data_esito", "outcome_at"),
            col("titolo", "contains_personal_data", "title", convert=_masked),
            col("testo", "contains_personal_data", "body", convert=_masked),
            col("sostegni", "support_count"),
            col("commenti", "comment_count"),
        ],
        personal_data=False,
    )


def _figure_rows(figures, axis_keys: dict[str, str]) -> Iterator[list]:
    """`axis_keys` turns the dashboard's axis keys (ids) into keys naming the plan."""

    def rows(indicator: str, items: list[Row]):
        for row in items:
            key = axis_keys.get(row.key, row.key) if indicator == "contributi_per_asse" else row.key
            yield [indicator, key, row.label, row.count]

    p, c, m, f = figures.participants, figures.contributions, figures.meetings, figures.moderation_funnel
    yield ["partecipanti_online", "", "Persone distinte attive online", p.people_online]
    yield ["organizzazioni", "", "Organizzazioni (non istituzionali)", p.organisations_total]
    yield from rows("organizzazioni_per_categoria", p.organisations)
    yield ["istituzioni", "", "Istituzioni", p.institutions_total]
    yield from rows("istituzioni_per_categoria", p.institutions)
    yield ["contributi_ricevuti", "", "Contributi ricevuti", f.received]
    yield ["contributi_pubblicati", "", "Contributi pubblicati", c.total]
    for name, items in [
        ("contributi_per_tipo", c.by_kind),
        ("contributi_per_asse", c.by_axis),
        ("contributi_per_zona", c.by_zone),
        ("contributi_per_macro_area", c.by_macro_area),
        ("contributi_per_fase", c.by_phase),
        ("contributi_per_canale", c.by_channel),
        ("esiti", figures.outcomes.by_outcome),
        ("incontri_per_tipo", m.by_kind),
        ("presenze_per_categoria", m.attendance_by_category),
    ]:
        yield from rows(name, items)
    yield ["incontri_svolti", "", "Incontri svolti", m.held]
    yield ["presenze", "", "Presenze agli incontri", m.attendance_total]


def _participation(process: Process) -> Table:
    axes = Axis.objects.filter(plan_id__in=plans_open_to_any_kind(process).values()).values_list("pk", "plan__slug", "code")
    axis_keys = {str(pk): _axis_key(slug, code) for pk, slug, code in axes}
    headers = ["indicatore", "chiave", "etichetta", "valore"]
    return Table(headers=headers, rows=_figure_rows(dashboard(process=process), axis_keys))


@dataclass(frozen=True)
class OpenDataset:
    name: str
    title: str
    build: Callable[[Process], Table]


OPEN_DATASETS = [
    OpenDataset("piano", "Piani: assi, strategie e azioni del piano in costruzione e del piano in vigore", _plan),
    OpenDataset("territorio", "Comuni con codice ISTAT, zone omogenee e macro-aree", _territory),
    OpenDataset("incontri", "Incontri del processo (solo conteggi)", _meetings),
    OpenDataset("incontri_presenze", "Presenze agli incontri per categoria", _attendance),
    OpenDataset("contributi", "Contributi pubblici", _contributions),
    OpenDataset("partecipazione", "Cifre aggregate della partecipazione", _participation),
]


def build_open_data(path, *, process: Process, progress=lambda percent: None) -> dict[str, int]:
    """Write the ZIP at `path`; returns the row count of each dataset."""
    counts: dict[str, int] = {}
    files: list[dict] = []
    resources: list[dict] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, dataset in enumerate(OPEN_DATASETS):
            for fmt in ("csv", "json"):
                data = dataset.build(process)
                name = f"{dataset.name}.{fmt}"
                with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as stream:
                    if fmt == "csv":
                        counts[dataset.name] = write_csv(stream, data.headers, data.rows)
                    else:
                        write_json(stream, data.headers, data.rows)
                files.append({"name": name, "format": fmt, "title": dataset.title})
                resources.append(
                    {
                        "name": f"{dataset.name}-{fmt}",
                        "path": name,
                        "profile": "tabular-data-resource",
                        "title": dataset.title,
                        "format": fmt,
                        "mediatype": MEDIA_TYPES[fmt],
                        "encoding": "utf-8",
                        "schema": schema_for(dataset.name, data.headers),
                    }
                )
            progress(round(85 * (index + 1) / len(OPEN_DATASETS)))
        dates = open_data_dates(process=process)
        notice = licence_notice()
        package = {
            "profile": "tabular-data-package",
            "name": f"consultazione-{process.slug}",
            "title": f"Consultazione pubblica – {process.title}",
            "licenses": [{"name": notice["licenza"], "path": notice["url"], "title": notice["titolo"]}],
            "attribuzione": notice["attribuzione"],
            "created": timezone.now().isoformat(timespec="seconds"),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
        record = dcat_record(process=process, files=files, issued=dates.issued, modified=dates.modified)
        archive.writestr("metadata.jsonld", json.dumps(record, ensure_ascii=False, indent=2))
        archive.writestr(
            "LEGGIMI.txt",
            f"{package['title']}\n\nLicenza: {notice['titolo']} ({notice['url']}).\n"
            f"Attribuzione: {notice['attribuzione']}.\n\nFile in UTF-8, date in formato ISO 8601. "
            "Le definizioni delle cifre sono nella pagina «Dati» del sito, sezione «Come si calcolano».\n"
            "Ogni colonna ha un tipo (datapackage.json, Table Schema): i codici ISTAT sono testo di 6 cifre.\n"
            "I numeri degli assi e i codici di strategie e azioni si ripetono da un piano all'altro: ogni riga "
            "indica il suo piano (colonna «piano»; negli incontri e nelle cifre, piano:numero). piano.csv "
            "contiene il piano in costruzione e il piano in vigore che il processo revisiona.\n"
            "I file JSON sono tabelle: un elenco di righe, ciascuna un oggetto con le stesse colonne del CSV.\n"
            "Nei file CSV un testo che inizia con = + - @ (una formula per i fogli di calcolo) è preceduto da "
            "un apostrofo; i numeri restano numeri e i file JSON riportano il testo esatto.\n",
        )
    return counts
