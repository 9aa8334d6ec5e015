from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In elaborazione")
        IN_FORCE = "in_force", _("In vigore")
        EXPIRED = "expired", _("Concluso")

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    short_name = models.CharField(_("nome breve"), max_length=40)
    vision = models.CharField(_("visione"), max_length=200, blank=True)
    vision_summary = models.TextField(_("sintesi della visione"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("anno di inizio"))
    period_end = models.PositiveSmallIntegerField(_("anno di fine"))
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approval_date = models.DateField(_("data di approvazione"), null=True, blank=True)
    approval_body = models.CharField(_("organo che lo ha approvato"), max_length=200, blank=True)
    official_counts = models.JSONField(_("conteggi ufficiali"), default=dict, blank=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("piano")
        verbose_name_plural = _("piani")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="plan_period_ordered")
        ]

    def __str__(self) -> str:
        return self.short_name

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("L'anno di fine precede l'anno di inizio.")})


class Axis(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("piano"), on_delete=models.CASCADE, related_name="axes")
    code = models.PositiveSmallIntegerField(_("numero"), validators=[MinValueValidator(1), MaxValueValidator(20)])
    title = models.CharField(_("titolo (slogan)"), max_length=200)
    name = models.CharField(_("nome tematico"), max_length=200, blank=True)
    pnrr_mission = models.CharField(_("missione PNRR"), max_length=200, blank=True)
    description = models.TextField(_("descrizione breve"), blank=True)
    colour = models.CharField(
        _("colore"),
        max_length=7,
        default="#0066CC",
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Usa un colore esadecimale come #0066CC."))],
    )

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("asse")
        verbose_name_plural = _("assi")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plan_axis_code_unique"),
            models.CheckConstraint(condition=models.Q(code__gte=1), name="plan_axis_code_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


CODE_STRATEGY = RegexValidator(r"^\d+\.\d+$", _("Il codice di una strategia ha la forma A.S (es. 1.2)."))
CODE_ACTION = RegexValidator(r"^\d+\.\d+\.\d+$", _("Il codice di un'azione ha la forma A.S.N (es. 1.2.3)."))


class Strategy(models.Model):
    axis = models.ForeignKey(Axis, verbose_name=_("asse"), on_delete=models.CASCADE, related_name="strategies")
    code = models.CharField(_("codice"), max_length=10, validators=[CODE_STRATEGY])
    title = models.TextField(_("titolo"))
    title_is_partial = models.BooleanField(_("titolo incompleto"), default=False)
    summary = models.TextField(_("sintesi"), blank=True)

    class Meta:
        ordering = ["axis__code", "code"]
        verbose_name = _("strategia")
        verbose_name_plural = _("strategie")
        constraints = [models.UniqueConstraint(fields=["axis", "code"], name="plan_strategy_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def clean(self):
        if self.axis_id and self.code and not self.code.startswith(f"{self.axis.code}."):
            raise ValidationError(
                {"code": _("Il codice deve iniziare con il numero dell'asse (%(n)s.).") % {"n": self.axis.code}}
            )


class Action(models.Model):
    strategy = models.ForeignKey(Strategy, verbose_name=_("strategia"), on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("codice"), max_length=14, validators=[CODE_ACTION])
    title = models.TextField(_("titolo"))
    title_is_partial = models.BooleanField(_("titolo incompleto"), default=False)
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        ordering = ["strategy__axis__code", "code"]
        verbose_name = _("azione")
        verbose_name_plural = _("azioni")
        constraints = [models.UniqueConstraint(fields=["strategy", "code"], name="plan_action_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def clean(self):
        if self.strategy_id and self.code and not self.code.startswith(f"{self.strategy.code}."):
            raise ValidationError(
                {"code": _("Il codice deve iniziare con quello della strategia (%(c)s.).") % {"c": self.strategy.code}}
            )
