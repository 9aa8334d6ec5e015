"""A person's notification preferences, from the profile, the API or a one-click unsubscribe link."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from ..kinds import Delivery, EventKind
from ..models import Preference
from ..selectors import preferences_of
from ..tokens import BadToken, unsubscribe_read


def _write(user, changes: dict[str, str]) -> None:
    for kind, delivery in changes.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


@transaction.atomic
def preferences_update(*, actor, user, changes: dict[str, str]) -> dict[str, str]:
    """Set the delivery of some kinds (the others keep theirs); returns every kind's delivery."""
    check_perm(actor, "notifications.change_preference", user, message=_("Puoi cambiare solo le tue preferenze."))
    errors = {}
    for kind, delivery in changes.items():
        if kind not in EventKind.values:
            errors[kind] = [_("Tipo di notifica sconosciuto.")]
        elif delivery not in Delivery.values:
            errors[kind] = [_("Scegli «subito», «riepilogo giornaliero» o «nessuna email».")]
    if errors:
        raise ValidationError(errors)
    _write(user, changes)
    return preferences_of(user)


@transaction.atomic
def unsubscribe(*, token: str):
    """Switch off the kinds named in a signed token, without signing in. Returns (user, kinds)."""
    try:
        user_id, kinds = unsubscribe_read(token)
    except BadToken:
        raise InvalidInput(_("Il link per annullare l'iscrizione non è valido: copialo per intero dall'email."), code="bad_token")
    user = get_user_model().objects.filter(pk=user_id, deleted_at__isnull=True).first()
    if user is None:
        raise InvalidInput(_("Questo account non esiste più: non riceverà altre email."), code="no_account")
    _write(user, dict.fromkeys(kinds, Delivery.OFF))
    return user, kinds
