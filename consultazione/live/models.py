"""Live sessions: a join code, anonymous participants, questions and what participants answered.

Counters (`Option.count`, `Entry.upvote_count`) change only through F() expressions inside the
service that writes the ballot or upvote; at close the question's results are recomputed from
the ballots and stored in `Question.results`.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped
from consultazione.core.names import NameKind, clean_model_names

from .codes import session_code_validator
from .kinds import KINDS, KindSpec, QuestionKind


class JoinMode(models.TextChoices):
    OPEN = "open", _("Aperta a chiunque abbia il codice")
    LOGIN = "login", _("Solo persone registrate (accesso)")
    CHECKIN = "checkin", _("Con codice personale di accreditamento")


class LiveSession(TimeStamped):
    code = models.CharField(_("codice"), max_length=6, unique=True, validators=[session_code_validator])
    title = models.CharField(_("titolo"), max_length=200)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("incontro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_sessions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creata da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="live_sessions_created",
    )
    join_mode = models.CharField(_("accesso"), max_length=10, choices=JoinMode.choices, default=JoinMode.OPEN)
    current_question = models.ForeignKey(
        "Question", verbose_name=_("domanda corrente"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    show_join = models.BooleanField(_("proiettore: schermata di accesso"), default=True)
    ended_at = models.DateTimeField(_("conclusa il"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sessione live")
        verbose_name_plural = _("sessioni live")
        constraints = [models.CheckConstraint(condition=Q(join_mode__in=JoinMode.values), name="live_session_join_mode_valid")]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def clean(self):
        clean_model_names(self, title=NameKind.TITLE)

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None


class Participant(models.Model):
    """A phone (or a person, when logged in) in one session; the cookie carries a signed `token`."""

    session = models.ForeignKey(LiveSession, verbose_name=_("sessione"), on_delete=models.CASCADE, related_name="participants")
    token = models.UUIDField(_("gettone"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_participations",
    )
    joined_at = models.DateTimeField(_("entrato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("partecipante")
        verbose_name_plural = _("partecipanti")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(user__isnull=False), name="live_participant_user_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session.code}/{self.pk}"


class CheckInCode(models.Model):
    """A one-time code printed on a badge: required to join a session in `checkin` mode."""

    session = models.ForeignKey(LiveSession, verbose_name=_("sessione"), on_delete=models.CASCADE, related_name="check_in_codes")
    code = models.CharField(_("codice"), max_length=12)
    participant = models.OneToOneField(
        Participant, verbose_name=_("usato da"), null=True, blank=True, on_delete=models.SET_NULL, related_name="check_in"
    )
    used_at = models.DateTimeField(_("usato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("codice di accreditamento")
        verbose_name_plural = _("codici di accreditamento")
        constraints = [models.UniqueConstraint(fields=["session", "code"], name="live_checkin_code_unique")]

    def __str__(self) -> str:
        return self.code


# The kinds are described in kinds.py (a registry: one entry per kind).
Kind = QuestionKind  # the former name, still imported by code written before the registry


class State(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    OPEN = "open", _("Aperta")
    CLOSED = "closed", _("Chiusa")


class Visibility(models.TextChoices):
    """When the projector shows the results (the room's shared screen)."""

    LIVE = "live", _("In diretta")
    ON_REVEAL = "on_reveal", _("Nascosti fino alla rivelazione")
    NEVER = "never", _("Mai mostrati")


class PhoneVisibility(models.TextChoices):
    """When a phone shows the results (as Mentimeter and Slido offer): by default only once it answered."""

    AFTER_ANSWER = "after_answer", _("Dopo aver risposto")
    LIVE = "live", _("In diretta, anche prima di rispondere")
    ON_REVEAL = "on_reveal", _("Solo quando rivelati")
    NEVER = "never", _("Mai")


# Who receives a results payload: the console, the projector, a phone that has not answered the
# question on screen yet, a phone that has (frames.py builds one serialised frame for each).
STAFF, PROJECTOR, PHONES, ANSWERED = "staff", "projector", "phones", "answered"


class Question(TimeStamped):
    session = models.ForeignKey(LiveSession, verbose_name=_("sessione"), on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("posizione"))
    kind = models.CharField(_("tipo"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(_("domanda"), max_length=300)
    state = models.CharField(_("stato"), max_length=8, choices=State.choices, default=State.DRAFT)
    visibility = models.CharField(
        _("risultati sul proiettore"), max_length=10, choices=Visibility.choices, default=Visibility.LIVE
    )
    phone_visibility = models.CharField(
        _("risultati sui telefoni"), max_length=12, choices=PhoneVisibility.choices, default=PhoneVisibility.AFTER_ANSWER
    )
    revealed = models.BooleanField(_("risultati rivelati"), default=False)
    changeable = models.BooleanField(_("risposta modificabile"), default=True)
    max_choices = models.PositiveSmallIntegerField(_("scelte massime"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("valore massimo della scala"), null=True, blank=True)
    scale_min_label = models.CharField(_("etichetta del valore minimo"), max_length=40, blank=True)
    scale_max_label = models.CharField(_("etichetta del valore massimo"), max_length=40, blank=True)
    quorum = models.PositiveIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Sì / no / astensione: quante risposte servono perché la votazione sia valida (astensioni comprese)."),
    )
    round = models.PositiveIntegerField(_("azzeramenti"), default=0)
    opened_at = models.DateTimeField(_("aperta il"), null=True, blank=True)
    closed_at = models.DateTimeField(_("chiusa il"), null=True, blank=True)
    results = models.JSONField(_("risultati finali"), default=dict, blank=True)

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("domanda")
        verbose_name_plural = _("domande")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="live_question_position_unique"),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="live_question_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="live_question_state_valid"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="live_question_visibility_valid"),
            models.CheckConstraint(
                condition=Q(phone_visibility__in=PhoneVisibility.values), name="live_question_phone_visibility_valid"
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1, max_choices__lte=20), name="live_question_max_choices_range"),
            models.CheckConstraint(
                condition=Q(scale_max__isnull=True) | Q(scale_max__in=[5, 10]), name="live_question_scale_max_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def spec(self) -> KindSpec:
        """The kind's registry entry (kinds.py): what it asks, checks, counts and shows."""
        return KINDS[self.kind]

    @property
    def uses_ballots(self) -> bool:
        return self.spec.uses_ballots

    @property
    def results_public(self) -> bool:
        """May the projector show the counts now?"""
        return self.results_visible_to(PROJECTOR)

    @property
    def revealable(self) -> bool:
        """Has the console a reveal/hide control (some screen waits for the reveal)?"""
        return Visibility.ON_REVEAL in (self.visibility, self.phone_visibility)

    def results_visible_to(self, audience: str) -> bool:
        """The one rule of who sees the figures (docs/live.md, "Who sees the results").

        A reveal shows them to every screen that is not set to "never"; a phone set to "after
        answering" sees them once it answered (Q&A: always, the list is what one upvotes)."""
        if audience == STAFF:
            return True
        if audience == PROJECTOR:
            setting = self.visibility
            return setting == Visibility.LIVE or (setting == Visibility.ON_REVEAL and self.revealed)
        setting = self.phone_visibility
        if setting == PhoneVisibility.NEVER:
            return False
        if setting == PhoneVisibility.LIVE or self.revealed:
            return True
        if setting == PhoneVisibility.AFTER_ANSWER:
            return audience == ANSWERED or self.spec.upvotes  # Q&A: the list is what one upvotes
        return False

    def clean(self):
        clean_model_names(self, text=NameKind.TEXT)
        spec = KINDS.get(self.kind)
        if spec is None:
            raise ValidationError({"kind": _("Tipo di domanda sconosciuto.")})
        if problems := spec.problems(self):
            raise ValidationError(problems)


class Option(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("domanda"), on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("posizione"), default=0)
    label = models.CharField(_("testo"), max_length=200)
    word = models.CharField(_("parola normalizzata"), max_length=40, blank=True, default="")
    count = models.IntegerField(_("voti"), default=0)
    contribution = models.ForeignKey(
        "contributions.Contribution",
        verbose_name=_("contributo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    strategy = models.ForeignKey(
        "plan.Strategy", verbose_name=_("strategia"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("opzione")
        verbose_name_plural = _("opzioni")
        constraints = [
            models.UniqueConstraint(fields=["question", "word"], condition=~Q(word=""), name="live_option_word_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Ballot(models.Model):
    """One participant's answer to one question: the chosen option ids, in order for rankings."""

    question = models.ForeignKey(Question, verbose_name=_("domanda"), on_delete=models.CASCADE, related_name="ballots")
    participant = models.ForeignKey(Participant, verbose_name=_("partecipante"), on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField(_("scelte"))
    client_vote_id = models.UUIDField(_("identificativo del voto (client)"), null=True, blank=True)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("voto")
        verbose_name_plural = _("voti")
        constraints = [models.UniqueConstraint(fields=["question", "participant"], name="live_ballot_once_per_question")]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.participant_id}"


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("Da moderare")
    APPROVED = "approved", _("Approvata")
    REJECTED = "rejected", _("Respinta")


class Entry(models.Model):
    """An open-text answer or an audience question (Q&A), shown only once approved."""

    question = models.ForeignKey(Question, verbose_name=_("domanda"), on_delete=models.CASCADE, related_name="entries")
    participant = models.ForeignKey(Participant, verbose_name=_("partecipante"), on_delete=models.CASCADE, related_name="entries")
    text = models.CharField(_("testo"), max_length=280)
    status = models.CharField(_("stato"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PENDING)
    pinned = models.BooleanField(_("in evidenza"), default=False)
    answered = models.BooleanField(_("risposta data"), default=False)
    upvote_count = models.PositiveIntegerField(_("voti a favore"), default=0)
    client_id = models.UUIDField(_("identificativo (client)"), null=True, blank=True)
    created_at = models.DateTimeField(_("inviata il"), auto_now_add=True)

    class Meta:
        ordering = ["question", "-pinned", "-upvote_count", "created_at"]
        verbose_name = _("risposta del pubblico")
        verbose_name_plural = _("risposte del pubblico")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EntryStatus.values), name="live_entry_status_valid"),
            models.UniqueConstraint(
                fields=["question", "participant", "client_id"],
                condition=Q(client_id__isnull=False),
                name="live_entry_client_id_once",
            ),
        ]
        indexes = [models.Index(fields=["question", "status"], name="live_entry_question_status")]

    def __str__(self) -> str:
        return self.text


class Upvote(models.Model):
    entry = models.ForeignKey(Entry, verbose_name=_("risposta"), on_delete=models.CASCADE, related_name="upvotes")
    participant = models.ForeignKey(Participant, verbose_name=_("partecipante"), on_delete=models.CASCADE, related_name="upvotes")
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("voto a una domanda del pubblico")
        verbose_name_plural = _("voti alle domande del pubblico")
        constraints = [models.UniqueConstraint(fields=["entry", "participant"], name="live_upvote_once")]

    def __str__(self) -> str:
        return f"{self.entry_id}/{self.participant_id}"
