from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MacroArea(models.Model):
    """One of the territorial tables of co-planning: a group of zone omogenee."""

    code = models.CharField(_("codice"), max_length=4, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    venue_comune = models.ForeignKey(
        "territory.Comune",
        verbose_name=_("comune sede del tavolo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("macro-area")
        verbose_name_plural = _("macro-aree")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class ZonaOmogenea(models.Model):
    number = models.PositiveSmallIntegerField(_("numero"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)])
    name = models.CharField(_("nome"), max_length=120)
    macro_area = models.ForeignKey(
        MacroArea, verbose_name=_("macro-area"), null=True, blank=True, on_delete=models.PROTECT, related_name="zones"
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("zona omogenea")
        verbose_name_plural = _("zone omogenee")
        constraints = [models.CheckConstraint(condition=models.Q(number__gte=1), name="territory_zone_number_positive")]

    def __str__(self) -> str:
        return f"ZO{self.number} · {self.name}"


class Comune(models.Model):
    istat_code = models.CharField(
        _("codice ISTAT"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("Il codice ISTAT ha 6 cifre."))],
    )
    name = models.CharField(_("nome"), max_length=120, db_index=True)
    zona = models.ForeignKey(
        ZonaOmogenea,
        verbose_name=_("zona omogenea"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comuni",
    )
    zone_source = models.CharField(_("fonte dell'assegnazione alla zona"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")

    def __str__(self) -> str:
        return self.name
