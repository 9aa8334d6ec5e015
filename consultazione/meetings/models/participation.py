"""Who takes part in a meeting: registrations (personal data) and attendance."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped

CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(8))


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confermata")
    WAITING = "waiting", _("In lista d'attesa")
    CANCELLED = "cancelled", _("Annullata")


class RegistrationSource(models.TextChoices):
    FORM = "form", _("Modulo online")
    IMPORT = "import", _("Elenco caricato dallo staff")
    WALK_IN = "walk_in", _("Registrata all'ingresso")


class Registration(TimeStamped):
    """A person's registration. Personal data: only staff and the person see it."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting_registrations"
    )
    first_name = models.CharField(_("nome"), max_length=150)
    last_name = models.CharField(_("cognome"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    organisation_name = models.CharField(_("organizzazione (facoltativa)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "stakeholders.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting_registrations"
    )
    category = models.ForeignKey(
        "stakeholders.Category",
        verbose_name=_("categoria"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Vuoto: a titolo personale."),
    )
    comune = models.ForeignKey(
        "territory.Comune", verbose_name=_("comune"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent = models.BooleanField(_("consenso al trattamento dei dati"), default=False)
    status = models.CharField(_("stato"), max_length=10, choices=RegistrationStatus.choices, db_index=True)
    source = models.CharField(_("provenienza"), max_length=10, choices=RegistrationSource.choices)
    checkin_code = models.CharField(_("codice di ingresso"), max_length=8, unique=True, default=generate_checkin_code)
    cancelled_at = models.DateTimeField(_("annullata il"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonimizzata il"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"], condition=~Q(email=""), name="meetings_registration_email_unique"
            ),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="meetings_registration_status_valid"),
            models.CheckConstraint(condition=Q(source__in=RegistrationSource.values), name="meetings_registration_source_valid"),
            models.CheckConstraint(
                condition=~Q(source=RegistrationSource.FORM) | Q(consent=True),
                name="meetings_registration_form_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · #{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AttendanceMethod(models.TextChoices):
    LIST = "lista", _("Spunta dall'elenco")
    CODE = "codice", _("Codice di ingresso")
    LIVE = "live", _("Collegamento alla sessione live")
    WALK_IN = "sul_posto", _("Registrata all'ingresso")


class Attendance(models.Model):
    """One presence at a meeting. Category and organisation are copied at check-in so that
    public counts survive the erasure of the person's data."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting_attendances"
    )
    method = models.CharField(_("modalità di registrazione"), max_length=10, choices=AttendanceMethod.choices)
    category = models.ForeignKey("stakeholders.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "stakeholders.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("presente dalle"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "checked_in_at", "id"]
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"],
                condition=Q(registration__isnull=False),
                name="meetings_attendance_registration_unique",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="meetings_attendance_user_unique"
            ),
            models.CheckConstraint(condition=Q(method__in=AttendanceMethod.values), name="meetings_attendance_method_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_method_display()}"
