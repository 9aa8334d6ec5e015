"""Follows, per-person preferences and the notifications waiting to be (or already) emailed.

This app sits below contributions in the import graph: it points at contributions and comments
by foreign keys only, and asks the contributions app's named rules whether they are public.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import Delivery, EventKind


class Follow(models.Model):
    """A person following a contribution. Unfollowing keeps the row (`active` False) so that an
    automatic follow (supporting it again) does not bring it back."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    contribution = models.ForeignKey(
        "contributions.Contribution", verbose_name=_("contributo"), on_delete=models.CASCADE, related_name="follows"
    )
    active = models.BooleanField(_("segue"), default=True)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("contributo seguito")
        verbose_name_plural = _("contributi seguiti")
        constraints = [models.UniqueConstraint(fields=["user", "contribution"], name="follow_unique_user_contribution")]
        indexes = [models.Index(fields=["contribution", "active"], name="follow_contribution_active")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.contribution_id} ({'on' if self.active else 'off'})"


class Preference(models.Model):
    """How a person wants one kind of event delivered; no row = the default (immediate)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(_("tipo di notifica"), max_length=24, choices=EventKind.choices)
    delivery = models.CharField(_("invio"), max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("preferenza di notifica")
        verbose_name_plural = _("preferenze di notifica")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifpref_unique_user_kind"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="notifpref_kind_valid"),
            models.CheckConstraint(condition=Q(delivery__in=Delivery.values), name="notifpref_delivery_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}={self.delivery}"


class NotificationState(models.TextChoices):
    PENDING = "pending", _("Da inviare")
    SENT = "sent", _("Inviata")
    SKIPPED = "skipped", _("Non inviata")  # the content is no longer public, or the person switched it off


class NotificationQuerySet(models.QuerySet):
    def pending_digest(self):
        return self.filter(state=NotificationState.PENDING, delivery=Delivery.DIGEST)


class Notification(models.Model):
    """One event for one person, written in the same transaction as the event."""

    State = NotificationState

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("tipo"), max_length=24, choices=EventKind.choices)
    delivery = models.CharField(_("invio"), max_length=10, choices=Delivery.choices)
    contribution = models.ForeignKey("contributions.Contribution", on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey("contributions.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("stato"), max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("inviata il"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notifica")
        verbose_name_plural = _("notifiche")
        indexes = [models.Index(fields=["state", "delivery", "recipient"], name="notif_pending_digest")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="notif_kind_valid"),
            models.CheckConstraint(condition=~Q(delivery=Delivery.OFF), name="notif_delivery_not_off"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
