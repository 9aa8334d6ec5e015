from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped
from consultazione.core.names import NameKind, clean_model_names

from .references import validate_ipa_code, validate_vat_number


class Category(models.Model):
    code = models.SlugField(_("codice"), max_length=40, unique=True)
    label = models.CharField(_("etichetta"), max_length=120)
    is_institutional = models.BooleanField(_("istituzionale"), default=False)
    position = models.PositiveSmallIntegerField(_("posizione"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("categoria di portatori di interesse")
        verbose_name_plural = _("categorie di portatori di interesse")

    def __str__(self) -> str:
        return self.label


class Organisation(TimeStamped):
    name = models.CharField(_("nome"), max_length=200, unique=True)
    category = models.ForeignKey(Category, verbose_name=_("categoria"), on_delete=models.PROTECT, related_name="organisations")
    comune = models.ForeignKey(
        "territory.Comune", verbose_name=_("comune"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified = models.BooleanField(_("verificata"), default=False)
    ipa_code = models.CharField(
        _("codice IPA"),
        max_length=20,
        blank=True,
        validators=[validate_ipa_code],
        help_text=_("Per gli enti pubblici: il codice nell'Indice PA (indicepa.gov.it)."),
    )
    vat_number = models.CharField(
        _("partita IVA o codice fiscale numerico"),
        max_length=11,
        blank=True,
        validators=[validate_vat_number],
        help_text=_("11 cifre; per le associazioni anche il codice fiscale numerico."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposta da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Chi l'ha proposta con una richiesta di rappresentanza (in attesa della verifica dello staff)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizzazione")
        verbose_name_plural = _("organizzazioni")
        constraints = [
            models.UniqueConstraint(
                fields=["ipa_code"], condition=~models.Q(ipa_code=""), name="stakeholders_organisation_ipa_unique"
            ),
            models.UniqueConstraint(
                fields=["vat_number"], condition=~models.Q(vat_number=""), name="stakeholders_organisation_vat_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        clean_model_names(self, name=NameKind.NAME)


class Membership(TimeStamped):
    """A person who represents an organisation. Only staff-verified memberships count."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In attesa di verifica")
        VERIFIED = "verified", _("Verificata")
        REJECTED = "rejected", _("Rifiutata")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role_title = models.CharField(_("ruolo nell'organizzazione"), max_length=120, blank=True)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Set by the staff decision, verification or refusal alike (who and when).
    verified_at = models.DateTimeField(_("esaminata il"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("esaminata da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refused_reason = models.TextField(_("motivo del rifiuto"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("rappresentanza")
        verbose_name_plural = _("rappresentanze")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="stakeholders_membership_unique"),
            # A refusal always tells the person why.
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(refused_reason=""),
                name="stakeholders_membership_refusal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="stakeholders_membership_queue")]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"

    def clean(self):
        clean_model_names(self, role_title=NameKind.NAME, refused_reason=NameKind.TEXT)
