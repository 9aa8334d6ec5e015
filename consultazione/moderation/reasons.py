"""The published list of moderation reasons (also shown at /moderazione/motivi/).

Codes are stable identifiers stored in the audit and in the open data; labels and
descriptions are what people read, and each one points at a rule of the netiquette.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReasonCode(models.TextChoices):
    OFF_TOPIC = "off_topic", _("Fuori tema")
    OFFENSIVE = "offensive", _("Offensivo")
    PERSONAL_DATA = "personal_data", _("Dati personali")
    SPAM = "spam", _("Spam")
    DUPLICATE = "duplicate", _("Duplicato")
    OTHER = "other", _("Altro")


REASON_DESCRIPTIONS = {
    ReasonCode.OFF_TOPIC: _("Il contenuto non riguarda il Piano Strategico Metropolitano o la discussione in corso."),
    ReasonCode.OFFENSIVE: _("Il contenuto contiene insulti, discriminazioni, minacce o linguaggio volgare."),
    ReasonCode.PERSONAL_DATA: _(
        "Il contenuto riporta dati personali (propri o di altre persone): nomi, indirizzi, telefoni, email, "
        "informazioni sulla salute."
    ),
    ReasonCode.SPAM: _("Pubblicità, messaggi ripetuti o inviati in modo automatico."),
    ReasonCode.DUPLICATE: _("Esiste già un contributo con lo stesso contenuto: è stato unito a quello."),
    ReasonCode.OTHER: _("Un altro motivo, sempre spiegato per esteso nella decisione."),
}

# Reasons that require a free-text explanation besides the code.
REASONS_NEEDING_TEXT = frozenset({ReasonCode.OTHER})


def reasons_published() -> list[dict]:
    """The public list: code, label, description."""
    return [{"code": code.value, "label": str(code.label), "description": str(REASON_DESCRIPTIONS[code])} for code in ReasonCode]
