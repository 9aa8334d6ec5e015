from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped
from consultazione.process.models import PlanRole


class ContributionKind(models.TextChoices):
    IDEA = "idea", _("Idea / proposta")
    CRITICITA = "criticita", _("Criticità")
    BISOGNO = "bisogno", _("Bisogno")


@dataclass(frozen=True)
class KindRule:
    """Everything that varies by contribution kind, in one place (docs/contributions.md):

    - `code`: the kind's part of the public reference (PSM-IDEA-2026-00001); unique, and never
      changed once contributions exist (references are stored and cited);
    - `badge_class`: the Bootstrap Italia class of the kind's badge on cards and pages;
    - `plans`: the roles of the process's plans (working plan, plan in force being revised) whose
      axes a contribution of this kind may point at, in the order forms offer them; read through
      selectors.plans_open_to.

    A kind = its `ContributionKind` member, its entry here and the translation of its label;
    tests/contributions/test_kinds.py fails until a new member has its entry."""

    code: str
    badge_class: str
    plans: tuple[PlanRole, ...]


KIND_RULES: dict[str, KindRule] = {
    ContributionKind.IDEA: KindRule(code="IDEA", badge_class="bg-primary", plans=(PlanRole.WORKING,)),
    # A criticità may criticise how the plan in force was implemented.
    ContributionKind.CRITICITA: KindRule(code="CRIT", badge_class="bg-warning", plans=(PlanRole.WORKING, PlanRole.REVISED)),
    ContributionKind.BISOGNO: KindRule(code="BISO", badge_class="bg-info", plans=(PlanRole.WORKING,)),
}


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    TAVOLO = "tavolo", _("Tavolo di lavoro")
    EMAIL = "email", _("Email")
    CARTACEO = "cartaceo", _("Cartaceo")


class Status(models.TextChoices):
    PENDING = "pending", _("In attesa di moderazione")
    PUBLISHED = "published", _("Pubblicato")
    HIDDEN = "hidden", _("Nascosto")
    REJECTED = "rejected", _("Respinto")
    WITHDRAWN = "withdrawn", _("Ritirato")
    MERGED = "merged", _("Unito ad altro contributo")


class Outcome(models.TextChoices):
    """The official answer (esito), recorded by staff in the moderation app and mirrored here."""

    ACCOLTO = "accolto", _("Accolto")
    PARZIALE = "parziale", _("Parzialmente accolto")
    NON_ACCOLTO = "non_accolto", _("Non accolto")
    GIA_PREVISTO = "gia_previsto", _("Già previsto")
    FUORI_AMBITO = "fuori_ambito", _("Fuori ambito")


PUBLIC_ROWS = Q(status="published", is_private=False)


class ContributionQuerySet(models.QuerySet):
    def without_blocked_authors(self):
        """A subquery on the (few) blocked accounts rather than a join on every author: counting the
        public rows then reads only the contrib_public_count index."""
        blocked = get_user_model().objects.filter(blocked_at__isnull=False).values("pk")
        return self.exclude(author__in=blocked)

    def readable_by_anyone(self, states=None):
        """In a public lifecycle state (or in `states`, a subset of them), not reserved to
        moderators, author not blocked. Which states are public is said once, in lifecycle.py."""
        from . import lifecycle

        return self.filter(lifecycle.q_for(states or lifecycle.PUBLIC), is_private=False).without_blocked_authors()

    def public(self):
        """What the lists show to anyone: the listed public states (published), not private, author not blocked."""
        from . import lifecycle

        return self.readable_by_anyone(lifecycle.LISTED)

    def for_process(self, process):
        return self.filter(process=process)

    def for_axis(self, axis):
        return self.filter(axis=axis)


class Contribution(TimeStamped):
    reference = models.CharField(_("codice"), max_length=40, unique=True, null=True, blank=True)
    process = models.ForeignKey(
        "process.Process", verbose_name=_("processo"), on_delete=models.PROTECT, related_name="contributions"
    )
    phase = models.ForeignKey("process.Phase", verbose_name=_("fase"), on_delete=models.PROTECT, related_name="contributions")
    kind = models.CharField(_("tipo"), max_length=10, choices=ContributionKind.choices)
    title = models.CharField(_("titolo"), max_length=150)
    body = models.TextField(_("testo"))
    axis = models.ForeignKey("plan.Axis", verbose_name=_("asse"), on_delete=models.PROTECT, related_name="contributions")
    strategy = models.ForeignKey(
        "plan.Strategy",
        verbose_name=_("strategia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    action = models.ForeignKey(
        "plan.Action", verbose_name=_("azione"), null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    zona = models.ForeignKey(
        "territory.ZonaOmogenea",
        verbose_name=_("zona omogenea"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    comune = models.ForeignKey(
        "territory.Comune",
        verbose_name=_("comune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("a nome di"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    channel = models.CharField(_("canale"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inserito da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("provenienza"), max_length=300, blank=True, help_text=_("Incontro, tavolo, email o documento di origine.")
    )
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    is_private = models.BooleanField(_("riservato ai moderatori"), default=False)
    contains_personal_data = models.BooleanField(_("contiene dati personali"), default=False)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("unito in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # Merged while published: the page stays readable with a notice pointing at the kept contribution.
    # Merged while pending or hidden: it stays non-public (see lifecycle.State.MERGED_UNPUBLISHED).
    merged_after_publication = models.BooleanField(_("unito dopo la pubblicazione"), default=False)
    published_at = models.DateTimeField(_("pubblicato il"), null=True, blank=True)
    edited_at = models.DateTimeField(_("modificato il"), null=True, blank=True)
    moderation_edited_at = models.DateTimeField(_("modificato dalla moderazione il"), null=True, blank=True)
    moderation_edit_reason = models.CharField(
        _("motivo della modifica della moderazione"),
        max_length=500,
        blank=True,
        help_text=_("Pubblico: mostrato sul contributo. L'intervento completo è nel registro della moderazione."),
    )
    withdrawn_at = models.DateTimeField(_("ritirato il"), null=True, blank=True)
    # Under pre-moderation an edit of published text waits here until a moderator approves it;
    # title and body keep the approved text meanwhile (see services.contribution_update).
    pending_title = models.CharField(_("titolo modificato in attesa"), max_length=150, blank=True)
    pending_body = models.TextField(_("testo modificato in attesa"), blank=True)
    pending_edit_at = models.DateTimeField(_("modifica in attesa dal"), null=True, blank=True)
    outcome = models.CharField(_("esito"), max_length=12, choices=Outcome.choices, blank=True, db_index=True)
    outcome_at = models.DateTimeField(_("esito registrato il"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("sostegni"), default=0)
    comment_count = models.PositiveIntegerField(_("commenti"), default=0)
    report_count = models.PositiveIntegerField(_("segnalazioni"), default=0)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contributo")
        verbose_name_plural = _("contributi")
        indexes = [
            models.Index(fields=["process", "status", "-created_at"], name="contrib_proc_status_created"),
            models.Index(fields=["axis", "status", "-support_count"], name="contrib_axis_status_support"),
            # The public list: partial indexes on the public rows, one per sort (ORDER BY … LIMIT 20
            # walks the index) and per axis, and covering indexes to count them, also by axis, zone
            # and comune (SQLite and PostgreSQL answer COUNT(*) from them without reading the table).
            # The sort indexes lead with `status`: SQLite's planner otherwise prefers the status
            # index for `status = 'published'` and sorts 50,000 rows (26 ms) instead of walking 20.
            # The author closes each sort index: a deep page's ids (contributions/pagecache.py,
            # DEEP_PAGE_OFFSET) check the author's block from the index, without the table.
            models.Index(
                fields=["status", "-published_at", "-id", "author"], condition=PUBLIC_ROWS, name="contrib_public_recent"
            ),
            models.Index(fields=["status", "is_private", "author"], name="contrib_public_count"),
            models.Index(fields=["axis", "status", "is_private", "author"], name="contrib_count_axis"),
            models.Index(fields=["zona", "status", "is_private", "author"], name="contrib_count_zona"),
            models.Index(fields=["comune", "status", "is_private", "author"], name="contrib_count_comune"),
            models.Index(
                fields=["status", "-support_count", "-published_at", "-id", "author"],
                condition=PUBLIC_ROWS,
                name="contrib_public_supported",
            ),
            models.Index(
                fields=["status", "-comment_count", "-published_at", "-id", "author"],
                condition=PUBLIC_ROWS,
                name="contrib_public_commented",
            ),
            models.Index(
                fields=["axis", "status", "-published_at", "-id"], condition=PUBLIC_ROWS, name="contrib_public_axis_recent"
            ),
            # An axis with more filters (zone, kind, comune) sorted by supports or comments: the
            # status-led sort index walks ~90 public rows for each one that matches (1.9 ms for a
            # page of 20 at 50,000 rows); led by the axis it walks that axis's rows only (0.15 ms).
            models.Index(
                fields=["axis", "status", "-support_count", "-published_at", "-id"],
                condition=PUBLIC_ROWS,
                name="contrib_public_axis_supported",
            ),
            models.Index(
                fields=["axis", "status", "-comment_count", "-published_at", "-id"],
                condition=PUBLIC_ROWS,
                name="contrib_public_axis_commented",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContributionKind.values), name="contrib_kind_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="contrib_channel_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="contrib_status_valid"),
            models.CheckConstraint(condition=Q(outcome="") | Q(outcome__in=Outcome.values), name="contrib_outcome_valid"),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="contrib_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return f"{self.reference or '—'} {self.title}"

    def clean(self):
        errors = {}
        if self.strategy_id and self.axis_id and self.strategy.axis_id != self.axis_id:
            errors["strategy"] = _("La strategia scelta non appartiene all'asse indicato.")
        if self.action_id:
            if self.strategy_id and self.action.strategy_id != self.strategy_id:
                errors["action"] = _("L'azione scelta non appartiene alla strategia indicata.")
            elif self.axis_id and self.action.strategy.axis_id != self.axis_id:
                errors["action"] = _("L'azione scelta non appartiene all'asse indicato.")
        if self.comune_id and self.zona_id and self.comune.zona_id != self.zona_id:
            errors["comune"] = _("Il comune scelto non appartiene alla zona omogenea indicata.")
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            errors["phase"] = _("La fase non appartiene al processo.")
        if errors:
            raise ValidationError(errors)


def contribution_upload_path(instance, filename: str) -> str:
    return f"contributi/{instance.contribution_id}/{filename}"


class ContributionImage(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("immagine"), upload_to=contribution_upload_path, width_field="width", height_field="height")
    thumbnail = models.ImageField(_("miniatura"), upload_to=contribution_upload_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("testo alternativo"), max_length=250)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("immagine")
        verbose_name_plural = _("immagini")

    def __str__(self) -> str:
        return self.alt_text


class ContributionDocument(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("documento PDF"), upload_to=contribution_upload_path)
    title = models.CharField(_("titolo"), max_length=200)
    size = models.PositiveIntegerField(_("dimensione (byte)"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("documento")
        verbose_name_plural = _("documenti")

    def __str__(self) -> str:
        return self.title


class Alignment(models.IntegerChoices):
    IN_FAVOUR = 1, _("A favore")
    NEUTRAL = 0, _("Neutro")
    AGAINST = -1, _("Contro")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("In attesa di moderazione")
    PUBLISHED = "published", _("Pubblicato")
    HIDDEN = "hidden", _("Nascosto")
    REJECTED = "rejected", _("Respinto")
    DELETED = "deleted", _("Eliminato dall'autore")


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Published comments and deleted ones (shown blanked so that the thread stays readable)."""
        return self.filter(status__in=[CommentStatus.PUBLISHED, CommentStatus.DELETED]).exclude(author__blocked_at__isnull=False)


class Comment(TimeStamped):
    MAX_DEPTH = 3

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField(_("testo"))
    alignment = models.SmallIntegerField(_("posizione"), choices=Alignment.choices, default=Alignment.NEUTRAL)
    status = models.CharField(
        _("stato"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    contains_personal_data = models.BooleanField(_("contiene dati personali"), default=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderation_edited_at = models.DateTimeField(_("modificato dalla moderazione il"), null=True, blank=True)
    moderation_edit_reason = models.CharField(_("motivo della modifica della moderazione"), max_length=500, blank=True)
    # Under pre-moderation an edit of a published comment waits here (body keeps the approved text).
    pending_body = models.TextField(_("testo modificato in attesa"), blank=True)
    pending_edit_at = models.DateTimeField(_("modifica in attesa dal"), null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("commento")
        verbose_name_plural = _("commenti")
        indexes = [models.Index(fields=["contribution", "parent", "created_at"], name="comment_thread")]
        constraints = [
            models.CheckConstraint(condition=Q(depth__gte=1) & Q(depth__lte=3), name="comment_depth_range"),
            models.CheckConstraint(condition=Q(alignment__in=[-1, 0, 1]), name="comment_alignment_valid"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} on {self.contribution_id}"
