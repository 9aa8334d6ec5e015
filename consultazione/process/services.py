from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from .features import PhaseKind
from .models import Phase, Process

# Dates of the PSM 2024-2026 revision (sources: psm_2024_2026.SOURCES.md): guidelines approved by
# the Consiglio metropolitano in May 2023; public launch and listening from 27 September 2023;
# territorial tables of co-planning from 5 December 2023; approval by the Conferenza metropolitana
# on 19 July 2024. Planned dates are the process calendar; actual dates are filled where known.
PSM_PHASES = [
    (PhaseKind.ANALISI, "Analisi e linee di indirizzo", date(2023, 5, 1), date(2023, 9, 26), date(2023, 5, 1), date(2023, 9, 26)),
    (PhaseKind.ASCOLTO, "Ascolto del territorio", date(2023, 9, 27), date(2023, 11, 30), date(2023, 9, 27), date(2023, 12, 4)),
    (
        PhaseKind.CO_PIANIFICAZIONE,
        "Co-pianificazione e tavoli territoriali",
        date(2023, 12, 1),
        date(2024, 3, 31),
        date(2023, 12, 5),
        None,
    ),
    (PhaseKind.APPROVAZIONE, "Approvazione del Piano", date(2024, 4, 1), date(2024, 7, 31), None, date(2024, 7, 19)),
]


@transaction.atomic
def psm_process_load(*, plan_revised, plan_produced) -> Process:
    process, _ = Process.objects.update_or_create(
        slug="psm-2024-2026",
        defaults={
            "title": "Verso il Piano Strategico Metropolitano 2024-2026",
            "objective": (
                "Rivedere il Piano Strategico Metropolitano con i territori, le parti sociali e i cittadini: "
                "raccogliere criticità sull'attuazione del piano in vigore, idee e bisogni, e definire insieme "
                "le priorità di ciascuna zona omogenea."
            ),
            "open_to_change": (
                "Strategie e azioni dei sei assi, le priorità territoriali per zona omogenea e i modi di "
                "attuazione. Restano fissi i sei assi, allineati alle missioni del PNRR."
            ),
            "responsible_office": "Direzione Sviluppo economico – Piano strategico",
            "reference_prefix": "PSM",
            "plan_revised": plan_revised,
            "plan_produced": plan_produced,
        },
    )
    for position, (kind, title, p_start, p_end, a_start, a_end) in enumerate(PSM_PHASES):
        Phase.objects.update_or_create(
            process=process,
            kind=kind,
            defaults={
                "title": title,
                "position": position,
                "planned_start": p_start,
                "planned_end": p_end,
                "actual_start": a_start,
                "actual_end": a_end,
            },
        )
    return process


@transaction.atomic
def phase_force_active(*, process: Process, kind: str | None) -> None:
    """Make one phase active regardless of dates (None: back to the calendar)."""
    Phase.objects.filter(process=process).update(force_active=False)
    if kind:
        Phase.objects.filter(process=process, kind=kind).update(force_active=True)
    pagecache.changed(pagecache.SITE)  # every page says what the phase allows


@transaction.atomic
def phase_activate(*, actor, process: Process, phase_id: int | None) -> Process:
    """Staff make one phase of a process the active one (Decidim's "Activate"), or, with
    `phase_id=None`, let the calendar decide again. The previous forced phase is cleared first, so
    the one-forced-phase constraint holds at every step."""
    check_perm(actor, "process.change_process", process)
    phases = {phase.pk: phase for phase in Phase.objects.select_for_update().filter(process=process)}
    phase = None
    if phase_id is not None:
        phase = phases.get(phase_id)
        if phase is None:
            foreign = Phase.objects.filter(pk=phase_id).first()
            if foreign is None:
                raise InvalidInput(_("Fase sconosciuta: scegli una delle fasi dell'elenco."))
            raise InvalidInput(_("La fase «%(phase)s» non appartiene a questo processo.") % {"phase": foreign})
    phase_force_active(process=process, kind=phase.kind if phase else None)
    return Process.objects.prefetch_related("phases").get(pk=process.pk)
