"""What each kind of phase lets people do. Data, not code: add a feature here, not an `if`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    ANALISI = "analisi", _("Analisi")
    ASCOLTO = "ascolto", _("Ascolto")
    CO_PIANIFICAZIONE = "co_pianificazione", _("Co-pianificazione")
    APPROVAZIONE = "approvazione", _("Approvazione")


class Feature(models.TextChoices):
    SUBMIT = "submit", _("inviare contributi")
    COMMENT = "comment", _("commentare")
    SUPPORT = "support", _("sostenere contributi")
    PRIORITISE = "prioritise", _("indicare le priorità")


PHASE_FEATURES: dict[str, frozenset[str]] = {
    PhaseKind.ANALISI: frozenset(),
    PhaseKind.ASCOLTO: frozenset({Feature.SUBMIT, Feature.COMMENT, Feature.SUPPORT}),
    PhaseKind.CO_PIANIFICAZIONE: frozenset({Feature.SUBMIT, Feature.COMMENT, Feature.SUPPORT, Feature.PRIORITISE}),
    PhaseKind.APPROVAZIONE: frozenset({Feature.COMMENT}),
}
