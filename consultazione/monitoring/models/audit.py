from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultazione.core.audit import AppendOnlyModel


class ChangeSource(models.TextChoices):
    ADMIN = "admin", _("Amministrazione")
    API = "api", _("API")
    IMPORT = "import", _("Importazione da foglio di calcolo")
    DEMO = "demo", _("Dati dimostrativi")


class ActionTrackingChange(AppendOnlyModel):
    """Append-only audit log of every change to an action's tracking, written by the services.

    `changes` maps a field (or "indicator:<name>", "update:<id>"…) to [old, new] as strings.
    """

    tracking = models.ForeignKey(
        "monitoring.ActionTracking", verbose_name=_("azione"), on_delete=models.PROTECT, related_name="changes"
    )
    at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("canale"), max_length=10, choices=ChangeSource.choices)
    summary = models.CharField(_("sintesi"), max_length=300)
    changes = models.JSONField(_("campi modificati"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("modifica al monitoraggio")
        verbose_name_plural = _("registro delle modifiche al monitoraggio")
        constraints = [
            models.CheckConstraint(condition=models.Q(source__in=ChangeSource.values), name="monitoring_change_source_valid")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"
