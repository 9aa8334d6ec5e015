from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from consultazione.core.models import TimeStamped

COMMENT_MAX_LENGTH = 2000


class UpdateKind(models.TextChoices):
    PROGRESS = "progress", _("Aggiornamento sull'attuazione")
    PROPOSAL = "proposal", _("Proposta di modifica (per la Cabina di regia)")


class ActionUpdate(TimeStamped):
    """A dated entry of an action's timeline. Progress reports are public; proposed changes stay
    in the steering committee's area until the committee decides."""

    tracking = models.ForeignKey(
        "monitoring.ActionTracking", verbose_name=_("azione"), on_delete=models.CASCADE, related_name="updates"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=UpdateKind.choices, default=UpdateKind.PROGRESS)
    date = models.DateField(_("data"))
    title = models.CharField(_("titolo"), max_length=200)
    text = models.TextField(_("testo"))
    documents = models.ManyToManyField(
        get_document_model_string(),
        verbose_name=_("documenti"),
        blank=True,
        related_name="+",
        help_text=_("Documenti caricati nella libreria documenti del CMS (/cms-admin/documents/)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inserito da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("aggiornamento")
        verbose_name_plural = _("aggiornamenti (cronologia)")
        constraints = [models.CheckConstraint(condition=Q(kind__in=UpdateKind.values), name="monitoring_update_kind_valid")]
        indexes = [models.Index(fields=["kind", "-date"], name="monitoring_update_kind_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.kind == UpdateKind.PROGRESS

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("La data di un aggiornamento non può essere nel futuro.")})


class SteeringComment(TimeStamped):
    """A remark of a steering committee member on an action update (visible only in the committee's area)."""

    update = models.ForeignKey(ActionUpdate, verbose_name=_("aggiornamento"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autore"), on_delete=models.CASCADE, related_name="steering_comments"
    )
    body = models.TextField(_("commento"), max_length=COMMENT_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("commento della Cabina di regia")
        verbose_name_plural = _("commenti della Cabina di regia")

    def __str__(self) -> str:
        return f"{self.author} · {self.body[:60]}"

    def clean(self):
        if not (self.body or "").strip():
            raise ValidationError({"body": _("Scrivi il testo del commento.")})
