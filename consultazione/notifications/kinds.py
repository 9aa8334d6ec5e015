"""The kinds of event a person can be told about: one entry each, with its preference label, the
subject of its email and the line that describes it. Adding a kind = one entry + a call from the
service where the event happens (see services/events.py)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    COMMENT_REPLY = "comment_reply", _("Risposte ai miei commenti")
    CONTRIBUTION_COMMENT = "contribution_comment", _("Commenti sui contributi che seguo")
    OUTCOME = "outcome", _("Esiti dei contributi che seguo")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Subito (una email per ogni novità)")
    DIGEST = "digest", _("Riepilogo giornaliero (una email al giorno)")
    OFF = "off", _("Nessuna email")


@dataclass(frozen=True)
class KindRule:
    subject: str  # "%(ref)s" and "%(title)s" are the contribution's
    line: str  # one line in a digest: "%(actor)s", "%(ref)s", "%(title)s", "%(outcome)s"
    help_text: str  # under the preference on the profile


KINDS: dict[str, KindRule] = {
    EventKind.COMMENT_REPLY: KindRule(
        subject=_("Nuova risposta al tuo commento su %(ref)s"),
        line=_("%(actor)s ha risposto al tuo commento su %(ref)s «%(title)s»"),
        help_text=_("Quando qualcuno risponde a un tuo commento."),
    ),
    EventKind.CONTRIBUTION_COMMENT: KindRule(
        subject=_("Nuovo commento su %(ref)s"),
        line=_("%(actor)s ha commentato %(ref)s «%(title)s»"),
        help_text=_("I tuoi contributi li segui automaticamente; anche quelli che sostieni, se non smetti di seguirli."),
    ),
    EventKind.OUTCOME: KindRule(
        subject=_("Esito registrato per %(ref)s"),
        line=_("L'ente ha registrato l'esito di %(ref)s «%(title)s»: %(outcome)s"),
        help_text=_("Quando l'ente risponde a un contributo che segui o sostieni."),
    ),
}

DEFAULT_DELIVERY = Delivery.IMMEDIATE
