"""Writes for SPID/CIE sign-in: find the account of an identity, link one, open an account with one."""

import secrets

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput

from ..models import ExternalIdentity, User
from ..pseudonyms import pseudonym_checked


def identity_account(*, method: str, subject_hash: str) -> User | None:
    """The account this fiscal code signs into, or None (first sign-in).

    The fiscal code is the person: an account linked with SPID is also found by CIE with the same
    code, and gets the CIE link added."""
    link = ExternalIdentity.objects.select_related("user").filter(subject_hash=subject_hash).order_by("pk").first()
    if link is None:
        return None
    user = link.user
    if not user.is_active:
        raise InvalidInput(_("Questo account non è più attivo."))
    with transaction.atomic():
        updated = ExternalIdentity.objects.filter(user=user, method=method, subject_hash=subject_hash).update(
            last_used_at=timezone.now()
        )
        if not updated and not ExternalIdentity.objects.filter(user=user, method=method).exists():
            ExternalIdentity.objects.create(user=user, method=method, subject_hash=subject_hash, last_used_at=timezone.now())
    return user


@transaction.atomic
def identity_link(*, user: User, method: str, subject_hash: str) -> ExternalIdentity:
    """Link a SPID/CIE identity to a signed-in account (from the profile)."""
    others = ExternalIdentity.objects.filter(subject_hash=subject_hash).exclude(user=user)
    if others.exists():
        raise Conflict(_("Questa identità è già collegata a un altro account."))
    existing = ExternalIdentity.objects.filter(user=user, method=method).first()
    if existing is not None:
        if existing.subject_hash != subject_hash:
            raise Conflict(_("Il tuo account è già collegato a un'altra identità di questo tipo."))
        return existing
    try:
        with transaction.atomic():
            return ExternalIdentity.objects.create(user=user, method=method, subject_hash=subject_hash)
    except IntegrityError:
        raise Conflict(_("Questa identità è già collegata a un altro account.")) from None


@transaction.atomic
def identity_unlink(*, user: User, method: str) -> None:
    """Remove a SPID/CIE link, unless it is the account's only way in (no password, no other link)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    link = ExternalIdentity.objects.filter(user=user, method=method).first()
    if link is None:
        raise InvalidInput(_("Questo metodo di accesso non è collegato al tuo account."))
    others = ExternalIdentity.objects.filter(user=user).exclude(pk=link.pk).exists()
    if not others and not user.has_usable_password():
        raise Conflict(_("È l'unico modo per accedere al tuo account: imposta prima una password."))
    link.delete()


def email_available(email: str) -> bool:
    return bool(email) and not User.objects.filter(email__iexact=email).exists()


@transaction.atomic
def identity_account_create(
    *, method: str, subject_hash: str, pseudonym: str, email: str = "", first_name: str = "", last_name: str = ""
) -> User:
    """A new account for a first SPID/CIE sign-in: the pseudonym follows the one rule (as at sign-up).

    The email the IdP gave (verified by the IdP) becomes the account's email when no account has it
    yet; otherwise (or with CIE, which gives none) the account has a placeholder and signs in only
    with SPID/CIE until the person adds an email."""
    if ExternalIdentity.objects.filter(subject_hash=subject_hash).exists():
        raise Conflict(_("Questa identità è già collegata a un account: accedi di nuovo."))
    checked = pseudonym_checked(pseudonym)
    use_email = email_available(email)
    address = email if use_email else f"{method}-{secrets.token_hex(8)}@nessuna-email.invalid"
    user = User.objects.create_user(email=address, password=None, pseudonym=checked, first_name=first_name, last_name=last_name)
    if use_email:
        EmailAddress.objects.create(user=user, email=address, primary=True, verified=True)
    ExternalIdentity.objects.create(user=user, method=method, subject_hash=subject_hash, last_used_at=timezone.now())
    return user


def identities_export(user: User) -> list[dict]:
    """For the data download: which methods are linked and when; never the fiscal code or its hash."""
    return [
        {"method": method, "linked_at": linked_at, "last_used_at": last_used_at}
        for method, linked_at, last_used_at in ExternalIdentity.objects.filter(user=user)
        .order_by("method")
        .values_list("method", "linked_at", "last_used_at")
    ]


def identities_erase(user: User) -> None:
    ExternalIdentity.objects.filter(user=user).delete()
