import json
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core import pagecache, personal_data
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from . import lockout
from .models import User
from .pseudonyms import pseudonym_checked, taken_message
from .roles import Role
from .selectors import forget_principal


def roles_ensure_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@transaction.atomic
def user_create(*, email: str, password: str | None, pseudonym: str | None = None, verified: bool = False, roles=()) -> User:
    """A new account; a chosen pseudonym follows the pseudonym rule (accounts.pseudonyms)."""
    fields: dict[str, Any] = {}
    if pseudonym:
        fields["pseudonym"] = pseudonym_checked(pseudonym)
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=str(role))[0])
    return user


def user_change_pseudonym(*, actor: User, user: User, pseudonym: str) -> User:
    """A person picks a new public pseudonym: the sign-up rule (accounts.pseudonyms: unique
    ignoring case, no look-alike, no reserved prefix). ValidationError({"pseudonym": [...]})
    when refused, also when a concurrent change took it first (the unique constraints)."""
    if actor.pk != user.pk or not user.is_active or user.deleted_at is not None:
        raise InvalidInput(_("Puoi cambiare solo il tuo pseudonimo."))
    new = pseudonym_checked(pseudonym, user=user)
    if new == user.pseudonym:
        return user
    user.pseudonym = new
    try:
        with transaction.atomic():
            user.save(update_fields=["pseudonym"])
    except IntegrityError:
        user.refresh_from_db(fields=["pseudonym", "pseudonym_skeleton"])
        raise ValidationError({"pseudonym": [taken_message()]}) from None
    pagecache.changed(pagecache.SITE)  # the name on everything they wrote
    return user


def user_grant_role(*, user: User, role: Role) -> None:
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    forget_principal(user)


def user_export_data(*, actor: User, user: User) -> str:
    """The person's data as a JSON document (GDPR art. 15/20)."""
    check_perm(actor, "accounts.view_own_data")
    if actor.pk != user.pk:
        raise InvalidInput(_("Puoi scaricare solo i tuoi dati."))
    payload = {
        "account": {
            "email": user.email,
            "pseudonym": user.pseudonym,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "email_verified": EmailAddress.objects.filter(user=user, verified=True).exists(),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        **personal_data.export_for(user),
    }
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def user_delete_account(*, actor: User, user: User) -> None:
    """Erase the person and keep what they contributed, anonymised.

    The row stays (so contributions, supports and ballots keep their counts and links) but every
    personal field is wiped and the account can no longer log in.
    """
    check_perm(actor, "accounts.delete_own_account")
    if actor.pk != user.pk:
        raise InvalidInput(_("Puoi eliminare solo il tuo account."))
    personal_data.erase_for(user)
    EmailAddress.objects.filter(user=user).delete()
    lockout.lockout_forget(user)
    user.email = f"deleted-{user.pk}@invalid.invalid"
    user.pseudonym = f"utente-eliminato-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    pagecache.changed(pagecache.SITE)  # the name on everything they wrote is no longer theirs
