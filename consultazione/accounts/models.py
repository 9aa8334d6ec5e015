import secrets

import rules
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultazione.core.names import skeleton
from consultazione.core.permissions import is_rule_only, rule_allows

from .managers import UserManager

DELETED_NAME = _("utente eliminato")


def public_pseudonym(pseudonym: str, deleted_at) -> str:
    """User.display_name from two columns (exports read values, not model instances)."""
    return str(DELETED_NAME) if deleted_at is not None else (pseudonym or "")


def generate_pseudonym() -> str:
    return f"partecipante-{secrets.token_hex(3)}"


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Public pages only ever show the pseudonym; the real name is optional and private."""

    email = models.EmailField(_("email"), unique=True)
    pseudonym = models.CharField(
        _("pseudonimo"),
        max_length=40,
        unique=True,
        default=generate_pseudonym,
        help_text=_("Il nome con cui compari pubblicamente. Non usare il tuo nome e cognome."),
    )
    #: TR39 confusable skeleton of the pseudonym (core.names.skeleton), kept in step by save():
    #: unique, so two look-alike pseudonyms cannot both be stored even by concurrent sign-ups.
    #: Null only for an old account whose skeleton collided with an older one when the column
    #: was added (migration 0002); it gets one when its pseudonym changes.
    pseudonym_skeleton = models.CharField(
        _("forma di confronto dello pseudonimo"), max_length=1000, unique=True, null=True, editable=False
    )
    first_name = models.CharField(_("nome"), max_length=150, blank=True)
    last_name = models.CharField(_("cognome"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("accesso all'amministrazione"), default=False)
    is_active = models.BooleanField(_("attivo"), default=True)
    date_joined = models.DateTimeField(_("iscritto il"), default=timezone.now)
    deleted_at = models.DateTimeField(_("account eliminato il"), null=True, blank=True)
    blocked_at = models.DateTimeField(_("bloccato il"), null=True, blank=True)
    blocked_reason = models.TextField(_("motivo del blocco"), blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.UniqueConstraint(Lower("pseudonym"), name="accounts_user_pseudonym_ci_unique"),
        ]
        indexes = [
            # The public lists leave out blocked authors (contributions.models.without_blocked_authors):
            # the few blocked accounts, read from this index instead of a scan of every account.
            models.Index(fields=["blocked_at"], name="accounts_user_blocked", condition=models.Q(blocked_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.display_name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_pseudonym = instance.__dict__.get("pseudonym")
        return instance

    def save(self, *args, **kwargs):
        """Keep the skeleton in step with the pseudonym (a derived column, like a slug)."""
        if self._state.adding or self.pseudonym != getattr(self, "_saved_pseudonym", None):
            self.pseudonym_skeleton = skeleton(self.pseudonym)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "pseudonym" in update_fields:
                kwargs["update_fields"] = {*update_fields, "pseudonym_skeleton"}
        super().save(*args, **kwargs)
        self._saved_pseudonym = self.pseudonym

    def clean(self):
        """The pseudonym rule for the Django admin (services call accounts.pseudonyms directly)."""
        super().clean()
        if self._state.adding or self.pseudonym != getattr(self, "_saved_pseudonym", None):
            from .pseudonyms import pseudonym_checked

            self.pseudonym = pseudonym_checked(self.pseudonym, user=self if self.pk else None)

    @property
    def display_name(self) -> str:
        """The name shown to others: the pseudonym, or «utente eliminato» once the account is
        deleted (the row keeps a unique internal pseudonym that no page, export or API shows)."""
        return str(DELETED_NAME) if self.deleted_at is not None else self.pseudonym

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None

    def has_perm(self, perm, obj=None) -> bool:
        """Django's superuser shortcut does not apply to rule-only permissions (core.permissions)."""
        if is_rule_only(perm):
            return self.is_active and rule_allows(self, perm, obj)
        if obj is None and self.is_active and not hasattr(self, "_user_perm_cache"):
            if rules.has_perm(perm, self):  # what the rules backend answers first: no permission read
                return True
            # Django's backends read these attributes before querying: give them the permissions
            # read once per change (selectors.principal) instead of two queries per request.
            from .selectors import principal  # here: the selectors import this module

            user_perms, group_perms = principal(self, "permissions")
            self._user_perm_cache, self._group_perm_cache = set(user_perms), set(group_perms)
        return super().has_perm(perm, obj)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.pseudonym


class SignInMethod(models.TextChoices):
    """Sign-in methods other than email and password (accounts/saml/methods.py describes each)."""

    SPID = "spid", "SPID"
    CIE = "cie", "CIE"


class ExternalIdentity(models.Model):
    """A SPID or CIE identity linked to an account: one person can link SPID, CIE and email.

    The identity is the fiscal code, stored only as an HMAC (accounts.saml.identity.fiscal_code_hash):
    the same person signing in again finds the same row, but the code itself is never stored,
    shown or exported.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    method = models.CharField(_("metodo"), max_length=8, choices=SignInMethod.choices)
    subject_hash = models.CharField(_("impronta del codice fiscale"), max_length=64, editable=False)
    linked_at = models.DateTimeField(_("collegato il"), default=timezone.now)
    last_used_at = models.DateTimeField(_("ultimo accesso"), null=True, blank=True)

    class Meta:
        verbose_name = _("identità SPID/CIE")
        verbose_name_plural = _("identità SPID/CIE")
        constraints = [
            models.UniqueConstraint(fields=["method", "subject_hash"], name="accounts_identity_method_subject_unique"),
            models.UniqueConstraint(fields=["user", "method"], name="accounts_identity_user_method_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.user}"
