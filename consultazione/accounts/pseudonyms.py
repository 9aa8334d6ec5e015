"""The pseudonym rule, in one place: the sign-up form, the services (`user_create`), the Django
admin (`User.clean`) and management commands all call `pseudonym_checked`.

A pseudonym is a public identity, so on top of the rules for every name (core.names: NFKC,
no invisible or control characters, something visible) it must not pose as someone else:

- not the same as another person's, ignoring case;
- not a look-alike of another person's: same TR39 confusable skeleton (`сittadina-torino` with a
  Cyrillic `с`, `cittadina-torin0`, fullwidth `ｃｉｔｔａｄｉｎａ-torino`…);
- not a mix of scripts that share look-alike letters (Latin with Cyrillic or Greek): a name
  written entirely in Cyrillic or Greek is fine, one that mixes them with Latin letters is the
  classic spoofing trick and has no honest use in a pseudonym.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from consultazione.core.names import NameKind, clean_name, mixes_lookalike_scripts, name_problems, skeleton

from .models import User

MIN_CHARS = 3
MAX_CHARS = User._meta.get_field("pseudonym").max_length
#: Given by the platform to erased accounts (accounts.services.user_delete_account): nobody may
#: pick one, or a look-alike, so that an erasure can never collide with a chosen pseudonym.
RESERVED_PREFIX = "utente-eliminato"


def taken_message() -> str:
    return _("Questo pseudonimo è già in uso: scegline un altro.")


def _others(user: User | None):
    users = User.objects.all()
    return users.exclude(pk=user.pk) if user is not None and user.pk else users


def pseudonym_problems(value: str, *, user: User | None = None) -> list[str]:
    """What is wrong with a normalised pseudonym (`user`: the person changing their own)."""
    if problems := name_problems(value, kind=NameKind.PSEUDONYM):
        return problems
    if not MIN_CHARS <= len(value) <= MAX_CHARS:
        return [_("Lo pseudonimo deve avere da %(min)s a %(max)s caratteri.") % {"min": MIN_CHARS, "max": MAX_CHARS}]
    if "@" in value:
        return [_("Lo pseudonimo non può contenere un indirizzo email.")]
    if mixes_lookalike_scripts(value):
        return [
            _("Lo pseudonimo mescola alfabeti diversi (per esempio lettere latine e cirilliche): scrivilo con un solo alfabeto.")
        ]
    if skeleton(value).startswith(skeleton(RESERVED_PREFIX)):
        return [_("Gli pseudonimi che iniziano con «%(prefix)s» sono riservati.") % {"prefix": RESERVED_PREFIX}]
    others = _others(user)
    if others.filter(pseudonym__iexact=value).exists():
        return [taken_message()]
    lookalike = others.filter(pseudonym_skeleton=skeleton(value)).values_list("pseudonym", flat=True).first()
    if lookalike is not None:
        return [_("Questo pseudonimo si confonde con «%(other)s», già in uso: scegline uno diverso.") % {"other": lookalike}]
    return []


def pseudonym_checked(value: str | None, *, user: User | None = None) -> str:
    """The normalised pseudonym, or ValidationError({"pseudonym": [...]})."""
    normalised, _problems = clean_name(value, kind=NameKind.PSEUDONYM)
    if problems := pseudonym_problems(normalised, user=user):
        raise ValidationError({"pseudonym": problems})
    return normalised
