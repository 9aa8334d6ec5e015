from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped
from consultazione.core.names import NameKind, clean_model_names


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizzazione")
        verbose_name_plural = _("organizzazioni")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        clean_model_names(self, name=NameKind.NAME)


class Membership(TimeStamped):
    """A person who represents an organisation. Only staff-verified memberships count."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In attesa di verifica")
        VERIFIED = "verified", _("Verificata")
        REJECTED = "rejected", _("Respinta")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role_title = models.CharField(_("ruolo nell'organizzazione"), max_length=120, blank=True)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.PENDING)
    verified_at = models.DateTimeField(_("verificata il"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("rappresentanza")
        verbose_name_plural = _("rappresentanze")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="stakeholders_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
