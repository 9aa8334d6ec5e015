"""What the staff exports contain: one dataset per content type of a process.

Personal columns (emails, names of registered people, names typed in registrations) are
written only when the export was requested with personal data by someone allowed to.
Pseudonyms are public on the site, so they are always present.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from consultazione.accounts.models import public_pseudonym
from consultazione.contributions.models import (
    Alignment,
    Channel,
    Comment,
    CommentStatus,
    Contribution,
    ContributionKind,
    Outcome,
    Status,
)
from consultazione.contributions.selectors import plan_label
from consultazione.live.figures import rows as figure_rows
from consultazione.live.kinds import QuestionKind
from consultazione.live.models import Question, State
from consultazione.meetings.models import (
    Meeting,
    MeetingFormat,
    MeetingKind,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from consultazione.moderation.models import OutcomeRecord
from consultazione.plan.models import Plan
from consultazione.process.features import PhaseKind
from consultazione.process.models import Process
from consultazione.voting.models import Allocation, Method, Support

from .columns import Table, col, label_of, table, yes_no


def _plan_of(process: Process):
    """Cells of the «Piano» column: the plan's name and the part it plays in the process (the same
    words as on the site, contributions.selectors.plan_label), so the plan in force's 1.1 is never
    read as the new plan's 1.1."""
    plans = {plan.pk: plan_label(plan, process) for plan in Plan.objects.all()}
    return lambda plan_id: plans.get(plan_id, "")


def _contributions(process: Process, personal_data: bool) -> Table:
    qs = Contribution.objects.filter(process=process).order_by("id")
    return table(
        qs,
        [
            col("ID", "id"),
            col("Codice", "reference"),
            col("Stato", "status", convert=label_of(Status.choices)),
            col("Tipo", "kind", convert=label_of(ContributionKind.choices)),
            col("Piano", "axis__plan_id", convert=_plan_of(process)),
            col("Asse", "axis__code"),
            col("Strategia", "strategy__code"),
            col("Azione", "action__code"),
            col("Zona omogenea", "zona__number"),
            col("Comune (ISTAT)", "comune__istat_code"),
            col("Comune", "comune__name"),
            col("Fase", "phase__kind", convert=label_of(PhaseKind.choices)),
            col("Canale", "channel", convert=label_of(Channel.choices)),
            col("Titolo", "title"),
            col("Testo", "body"),
            col("Contiene dati personali", "contains_personal_data", convert=yes_no),
            col("Riservato ai moderatori", "is_private", convert=yes_no),
            col("A nome di", "organisation__name"),
            col("Categoria", "organisation__category__label"),
            col("Autore (pseudonimo)", "author__pseudonym", "author__deleted_at", convert=public_pseudonym),
            col("Email dell'autore", "author__email", personal=True),
            col("Inserito da", "entered_by__pseudonym", "entered_by__deleted_at", convert=public_pseudonym),
            col("Provenienza", "source"),
            col("Sostegni", "support_count"),
            col("Commenti", "comment_count"),
            col("Segnalazioni", "report_count"),
            col("Esito", "outcome", convert=label_of(Outcome.choices)),
            col("Unito in", "merged_into__reference"),
            col("Creato il", "created_at"),
            col("Pubblicato il", "published_at"),
        ],
        personal_data=personal_data,
    )


def _comments(process: Process, personal_data: bool) -> Table:
    qs = Comment.objects.filter(contribution__process=process).order_by("id")
    return table(
        qs,
        [
            col("ID", "id"),
            col("Contributo", "contribution__reference"),
            col("Risposta al commento", "parent_id"),
            col("Livello", "depth"),
            col("Stato", "status", convert=label_of(CommentStatus.choices)),
            col("Posizione", "alignment", convert=label_of(Alignment.choices)),
            col("Testo", "body"),
            col("Contiene dati personali", "contains_personal_data", convert=yes_no),
            col("Autore (pseudonimo)", "author__pseudonym", "author__deleted_at", convert=public_pseudonym),
            col("Email dell'autore", "author__email", personal=True),
            col("Creato il", "created_at"),
        ],
        personal_data=personal_data,
    )


def _supports(process: Process, personal_data: bool) -> Table:
    qs = Support.objects.filter(contribution__process=process).order_by("id")
    return table(
        qs,
        [
            col("Contributo", "contribution__reference"),
            col("Persona (pseudonimo)", "user__pseudonym", "user__deleted_at", convert=public_pseudonym),
            col("Email", "user__email", personal=True),
            col("Dato il", "created_at"),
        ],
        personal_data=personal_data,
    )


def _ballots(process: Process, personal_data: bool) -> Table:
    qs = Allocation.objects.filter(ballot__exercise__process=process).order_by("ballot_id", "rank", "id")
    return table(
        qs,
        [
            col("Scheda", "ballot_id"),
            col("Esercizio", "ballot__exercise__title"),
            col("Metodo", "ballot__exercise__method", convert=label_of(Method.choices)),
            col("Piano", "item__strategy__axis__plan_id", convert=_plan_of(process)),
            col("Voce", "item__strategy__code", "item__contribution__reference", convert=lambda s, c: s or c or ""),
            col("Punti", "points"),
            col("Posizione", "rank"),
            col("Zona omogenea dichiarata", "ballot__zona__number"),
            col("Comune (ISTAT)", "ballot__comune__istat_code"),
            col("A nome di", "ballot__organisation__name"),
            col("Categoria", "ballot__category__label"),
            col("Persona (pseudonimo)", "ballot__user__pseudonym", "ballot__user__deleted_at", convert=public_pseudonym),
            col("Email", "ballot__user__email", personal=True),
            col("Aggiornata il", "ballot__updated_at"),
        ],
        personal_data=personal_data,
    )


def _outcomes(process: Process, personal_data: bool) -> Table:
    qs = OutcomeRecord.objects.filter(contribution__process=process).order_by("contribution_id")
    return table(
        qs,
        [
            col("Contributo", "contribution__reference"),
            col("Piano", "contribution__axis__plan_id", convert=_plan_of(process)),
            col("Asse", "contribution__axis__code"),
            col("Esito", "outcome", convert=label_of(Outcome.choices)),
            col("Motivazione", "motivation", "thematic_response__text", convert=lambda m, t: m or t or ""),
            col("Risposta tematica", "thematic_response__title"),
            col("Piano della strategia", "strategy__axis__plan_id", convert=_plan_of(process)),
            col("Strategia del piano", "strategy__code"),
            col("Azione del piano", "action__code"),
            col("Registrato da", "recorded_by__pseudonym", "recorded_by__deleted_at", convert=public_pseudonym),
            col("Registrato il", "recorded_at"),
        ],
        personal_data=personal_data,
    )


def _meetings(process: Process, personal_data: bool) -> Table:
    qs = Meeting.objects.filter(process=process).annotate(attendance=Count("attendances")).order_by("starts_at", "id")
    return table(
        qs,
        [
            col("Incontro", "slug"),
            col("Titolo", "title"),
            col("Tipo", "kind", convert=label_of(MeetingKind.choices)),
            col("Modalità", "format", convert=label_of(MeetingFormat.choices)),
            col("Inizio", "starts_at"),
            col("Fine", "ends_at"),
            col("Comune (ISTAT)", "venue_comune__istat_code"),
            col("Comune", "venue_comune__name"),
            col("Luogo", "venue_name"),
            col("Macro-area", "macro_area__code"),
            col("Posti", "capacity"),
            col("Iscritti confermati", "confirmed_count"),
            col("Presenze", "attendance"),
        ],
        personal_data=personal_data,
    )


def _registrations(process: Process, personal_data: bool) -> Table:
    qs = Registration.objects.filter(meeting__process=process).order_by("meeting__starts_at", "id")
    return table(
        qs,
        [
            col("Incontro", "meeting__slug"),
            col("Stato", "status", convert=label_of(RegistrationStatus.choices)),
            col("Provenienza", "source", convert=label_of(RegistrationSource.choices)),
            col("Categoria", "category__label"),
            col("Comune (ISTAT)", "comune__istat_code"),
            col("Iscritta il", "created_at"),
            col("Annullata il", "cancelled_at"),
            col("Nome", "first_name", personal=True),
            col("Cognome", "last_name", personal=True),
            col("Email", "email", personal=True),
            col("Organizzazione indicata", "organisation_name", personal=True),
        ],
        personal_data=personal_data,
    )


def _live_results(process: Process, personal_data: bool) -> Table:
    """One row per option of each closed live question (its final results)."""
    headers = ["Incontro", "Sessione", "Domanda", "Tipo", "Risposte", "Opzione", "Conteggio"]
    kinds = label_of(QuestionKind.choices)
    questions = (
        Question.objects.filter(session__meeting__process=process, state=State.CLOSED)
        .order_by("session__created_at", "position", "id")
        .values_list("session__meeting__slug", "session__title", "text", "kind", "results")
    )

    def rows():
        for slug, session, text, kind, results in questions.iterator(chunk_size=500):
            results = results or {}
            # The figures kept at close (live/figures.py); results kept before them had options only.
            found = figure_rows(results) if results.get("kind") else results.get("options", [])
            for row in found:
                yield [slug, session, text, kinds(kind), results.get("total", 0), row.get("label", ""), row.get("count", 0)]

    return Table(headers=headers, rows=rows())


@dataclass(frozen=True)
class Dataset:
    key: str
    label: str
    build: Callable[[Process, bool], Table]


DATASETS: dict[str, Dataset] = {
    dataset.key: dataset
    for dataset in [
        Dataset("contributions", _("Contributi"), _contributions),
        Dataset("comments", _("Commenti"), _comments),
        Dataset("supports", _("Sostegni"), _supports),
        Dataset("ballots", _("Schede priorità"), _ballots),
        Dataset("outcomes", _("Esiti"), _outcomes),
        Dataset("meetings", _("Incontri"), _meetings),
        Dataset("registrations", _("Iscrizioni"), _registrations),
        Dataset("live_results", _("Risultati live"), _live_results),
    ]
}
