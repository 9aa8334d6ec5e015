from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped


class Unit(models.TextChoices):
    """Closed list of units, so a value measured in another unit is refused instead of mixed in."""

    PERCENT = "percent", _("%")
    NUMBER = "number", _("numero")
    EUR = "eur", _("euro")
    KM = "km", _("km")
    HECTARE = "ha", _("ettari")
    SQUARE_METRE = "m2", _("m²")
    MWH = "mwh", _("MWh")
    TONNES_CO2 = "tco2", _("t CO₂")
    DAYS = "days", _("giorni")


class Indicator(TimeStamped):
    tracking = models.ForeignKey(
        "monitoring.ActionTracking", verbose_name=_("azione"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("nome dell'indicatore"), max_length=200)
    description = models.TextField(_("come si misura"), blank=True)
    unit = models.CharField(_("unità di misura"), max_length=10, choices=Unit.choices)
    baseline = models.DecimalField(_("valore di partenza"), max_digits=16, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("data del valore di partenza"), null=True, blank=True)
    target = models.DecimalField(_("obiettivo"), max_digits=16, decimal_places=4, null=True, blank=True)
    target_date = models.DateField(_("data dell'obiettivo"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("posizione"), default=0)

    class Meta:
        ordering = ["tracking_id", "position", "id"]
        verbose_name = _("indicatore")
        verbose_name_plural = _("indicatori")
        constraints = [
            models.UniqueConstraint(fields=["tracking", "name"], name="monitoring_indicator_name_unique"),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="monitoring_indicator_unit_valid"),
            models.CheckConstraint(
                condition=Q(baseline_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=models.F("baseline_date")),
                name="monitoring_indicator_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_unit_display()})"

    def clean(self):
        errors: dict[str, str] = {}
        if self.unit == Unit.PERCENT:
            for field in ("baseline", "target"):
                value = getattr(self, field)
                if value is not None and not 0 <= value <= 100:
                    errors[field] = _("Una percentuale è tra 0 e 100.")
        if self.baseline_date and self.target_date and self.target_date < self.baseline_date:
            errors["target_date"] = _("La data dell'obiettivo precede quella del valore di partenza.")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """One measurement. The unit is repeated on purpose: whoever records a value states the unit,
    and a value in another unit than the indicator's is refused (no silent mixing)."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicatore"), on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("data della misura"))
    value = models.DecimalField(_("valore"), max_digits=16, decimal_places=4)
    unit = models.CharField(_("unità di misura"), max_length=10, choices=Unit.choices)
    note = models.CharField(_("nota o fonte"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("registrato il"), auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "date"]
        verbose_name = _("valore misurato")
        verbose_name_plural = _("valori misurati")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="monitoring_value_one_per_date"),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="monitoring_value_unit_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.date}: {self.value}"

    def clean(self):
        errors: dict[str, str] = {}
        indicator = self.indicator if self.indicator_id else None
        if indicator and self.unit and self.unit != indicator.unit:
            errors["unit"] = _("L'indicatore «%(name)s» si misura in «%(expected)s», non in «%(given)s».") % {
                "name": indicator.name,
                "expected": indicator.get_unit_display(),
                "given": Unit(self.unit).label if self.unit in Unit.values else self.unit,
            }
        if self.date:
            if self.date > timezone.localdate():
                errors["date"] = _("La data della misura (%(d)s) è nel futuro.") % {"d": self.date.isoformat()}
            elif indicator and indicator.baseline_date and self.date < indicator.baseline_date:
                errors["date"] = _("La data della misura precede quella del valore di partenza (%(d)s).") % {
                    "d": indicator.baseline_date.isoformat()
                }
        if self.unit == Unit.PERCENT and self.value is not None and not 0 <= self.value <= 100:
            errors["value"] = _("Una percentuale è tra 0 e 100.")
        if errors:
            raise ValidationError(errors)
