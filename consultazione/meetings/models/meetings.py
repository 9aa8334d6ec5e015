"""Meetings of a process: the event, its agenda and its parallel tables.

Registrations and attendance live in participation.py, table outputs and the
restituzione draft in outputs.py; the package re-exports them all.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped
from consultazione.core.names import NameKind, clean_model_names, model_name_errors


class MeetingKind(models.TextChoices):
    CABINA_REGIA = "cabina_regia", _("Cabina di regia")
    PUBLIC_EVENT = "evento_pubblico", _("Evento pubblico")
    AXIS_TABLE = "tavolo_asse", _("Tavolo per asse")
    TERRITORIAL_TABLE = "tavolo_territoriale", _("Tavolo territoriale")
    PLENARY = "plenaria", _("Plenaria")
    ONLINE = "online", _("Incontro online")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_presenza", _("In presenza")
    ONLINE = "online", _("Online")
    HYBRID = "ibrido", _("Ibrido (in presenza e online)")


class RegistrationMode(models.TextChoices):
    OPEN = "aperta", _("Iscrizione aperta a tutti")
    CLOSED = "chiusa", _("Su invito (elenco caricato dallo staff)")
    NONE = "nessuna", _("Senza iscrizione")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now):
        return self.filter(ends_at__gte=now).order_by("starts_at")

    def past(self, now):
        return self.filter(ends_at__lt=now).order_by("-starts_at")


class Meeting(TimeStamped):
    process = models.ForeignKey("process.Process", verbose_name=_("processo"), on_delete=models.PROTECT, related_name="meetings")
    phase = models.ForeignKey(
        "process.Phase", verbose_name=_("fase"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    kind = models.CharField(_("tipo di incontro"), max_length=20, choices=MeetingKind.choices)
    description = models.TextField(_("descrizione"), blank=True)
    objectives = models.TextField(_("obiettivi"), blank=True)
    starts_at = models.DateTimeField(_("inizio"), db_index=True)
    ends_at = models.DateTimeField(_("fine"))
    format = models.CharField(_("modalità"), max_length=12, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON)
    venue_comune = models.ForeignKey(
        "territory.Comune", verbose_name=_("comune sede"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    venue_name = models.CharField(_("luogo"), max_length=200, blank=True, help_text=_("Es. Sala consiglio, Palazzo Cisterna."))
    venue_address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    online_url = models.URLField(_("collegamento online"), blank=True)
    axes = models.ManyToManyField("plan.Axis", verbose_name=_("assi trattati"), blank=True, related_name="meetings")
    zones = models.ManyToManyField("territory.ZonaOmogenea", verbose_name=_("zone omogenee"), blank=True, related_name="meetings")
    macro_area = models.ForeignKey(
        "territory.MacroArea",
        verbose_name=_("macro-area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    is_institutional = models.BooleanField(
        _("incontro istituzionale"),
        default=False,
        help_text=_("Solo per gli incontri istituzionali la restituzione può riportare i nomi degli enti presenti."),
    )
    registration_mode = models.CharField(
        _("iscrizione"), max_length=8, choices=RegistrationMode.choices, default=RegistrationMode.OPEN
    )
    capacity = models.PositiveIntegerField(_("posti disponibili"), null=True, blank=True, help_text=_("Vuoto: senza limite."))
    registration_opens_at = models.DateTimeField(_("apertura iscrizioni"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("chiusura iscrizioni"), null=True, blank=True)
    confirmed_count = models.PositiveIntegerField(_("iscritti confermati"), default=0, editable=False)
    next_steps = models.TextField(_("prossimi passi"), blank=True)
    cancelled_at = models.DateTimeField(_("annullato il"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("motivo dell'annullamento"), blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("incontro")
        verbose_name_plural = _("incontri")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meetings_meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="meetings_meeting_capacity_not_exceeded",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="meetings_meeting_registration_window_ordered",
            ),
            models.CheckConstraint(condition=Q(kind__in=MeetingKind.values), name="meetings_meeting_kind_valid"),
            models.CheckConstraint(condition=Q(format__in=MeetingFormat.values), name="meetings_meeting_format_valid"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancellation_reason=""),
                name="meetings_meeting_cancellation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_online(self) -> bool:
        return self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def clean(self):
        errors: dict[str, Any] = model_name_errors(self, title=NameKind.TITLE, venue_name=NameKind.NAME)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fine deve seguire l'inizio.")
        if self.is_in_person and not self.venue_comune_id:
            errors["venue_comune"] = _("Indica il comune sede per un incontro in presenza o ibrido.")
        if self.is_online and not self.online_url:
            errors["online_url"] = _("Indica il collegamento per un incontro online o ibrido.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("La chiusura delle iscrizioni deve seguire l'apertura.")
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            errors["phase"] = _("La fase non appartiene al processo dell'incontro.")
        if self.capacity is not None and self.capacity < self.confirmed_count:
            errors["capacity"] = _("Ci sono già %(n)s iscritti confermati: i posti non possono essere meno.") % {
                "n": self.confirmed_count
            }
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("incontro"), on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("posizione"))
    title = models.CharField(_("titolo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durata (minuti)"), default=15)
    in_tables = models.BooleanField(
        _("si svolge nei tavoli"), default=False, help_text=_("Punto discusso in parallelo nei tavoli di lavoro.")
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("punto dell'ordine del giorno")
        verbose_name_plural = _("ordine del giorno")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="meetings_agenda_position_unique"),
            models.CheckConstraint(condition=Q(duration_minutes__gte=1), name="meetings_agenda_duration_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def clean(self):
        clean_model_names(self, title=NameKind.TITLE)


class MeetingTable(models.Model):
    """A parallel working table inside a meeting (one per axis at the launch, one per macro-area...)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("incontro"), on_delete=models.CASCADE, related_name="tables")
    position = models.PositiveSmallIntegerField(_("posizione"), default=1)
    title = models.CharField(_("titolo"), max_length=200)
    axis = models.ForeignKey(
        "plan.Axis", verbose_name=_("asse"), null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_tables"
    )
    macro_area = models.ForeignKey(
        "territory.MacroArea",
        verbose_name=_("macro-area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_tables",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitatore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_tables",
    )
    summary = models.TextField(_("sintesi del tavolo"), blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("tavolo di lavoro")
        verbose_name_plural = _("tavoli di lavoro")
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="meetings_table_position_unique")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        clean_model_names(self, title=NameKind.TITLE)

    @property
    def source_label(self) -> str:
        """Provenance written on contributions entered at this table (readable on the public page)."""
        return f"{self.meeting.title} ({self.meeting.starts_at:%d/%m/%Y}) · {self.title}"[:300]
