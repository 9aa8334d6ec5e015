"""The kinds of live question, described once. Data, not code: a new kind is an entry here (plus
its phone and results renderers in frontend/src/js/lib/live/kinds/), never an `if` on its name.

Each entry says: its family (answered with a ballot of option ids, or with moderated texts), where
its options come from, which form fields it uses, how a ballot is checked and tallied and which
figures it has (consultazione.live.shapes). docs/live.md has the table and the how-to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext

from consultazione.core.exceptions import InvalidInput

from . import shapes

BALLOT = "ballot"  # answered with one ballot of option ids (words become options)
ENTRY = "entry"  # answered with texts the facilitator moderates

# Where the options come from.
PRESET = "preset"  # typed by the facilitator (or generated from the consultation)
GENERATED = "generated"  # made by the kind from its settings (a scale's values, yes/no/abstain)
WORDS = "words"  # created by the answers (one option per normalised word)
NONE = ""

# The question form's kind-specific fields (forms.QuestionForm, the API).
OPTIONS = "options"
MAX_CHOICES = "max_choices"
SCALE = "scale"  # scale_max, scale_min_label, scale_max_label
QUORUM = "quorum"

FORM_FIELDS = {
    OPTIONS: ("options",),
    MAX_CHOICES: ("max_choices",),
    SCALE: ("scale_max", "scale_min_label", "scale_max_label"),
    QUORUM: ("quorum",),
}


def _scale_values(spec) -> list[str]:
    return [str(value) for value in range(1, (spec.scale_max or 0) + 1)]


def _yes_no_abstain(_spec) -> list[str]:
    return [_("Sì"), _("No"), _("Astensione")]


def _no_strings() -> dict:
    return {}


def _multiple_strings() -> dict:
    forms = [npgettext("live", "Percentuali su %(n)s rispondente", "Percentuali su %(n)s rispondenti", n) for n in (1, 2)]
    return {"share_of_respondents": dict(zip(("one", "other"), forms, strict=True))}


def _yesno_strings() -> dict:
    return {
        # The three options are stored in the language of whoever created the question; every
        # screen names them in its own language, by position (lib/live/kinds/yesno.js).
        "yesno_labels": _yes_no_abstain(None),
        "quorum_reached": _("Quorum %(n)s: raggiunto"),
        "quorum_missed": _("Quorum %(n)s: non raggiunto"),
        "outcome": _("Esito: %(outcome)s"),
        "outcome_approved": _("approvata"),
        "outcome_rejected": _("respinta"),
        "outcome_tie": _("parità"),
        "outcome_no_quorum": _("quorum non raggiunto"),
    }


@dataclass(frozen=True)
class KindSpec:
    code: str
    label: str
    family: str
    figures: Callable[[shapes.Counts], dict]
    options: str = NONE
    fields: frozenset[str] = field(default_factory=frozenset)
    generate: Callable | None = None  # GENERATED: spec → option labels
    max_options: int = 20
    ranked: bool = False  # a ballot orders every option (Borda points)
    upvotes: bool = False  # approved texts can be upvoted
    value_label: str = gettext_lazy("Voti")  # what a row's number is, for tables
    from_sources: bool = False  # options can come from the consultation (contributions, strategies…)
    strings: Callable[[], dict] = _no_strings  # what its renderers say, translated here (views/_strings.py)

    @property
    def uses_ballots(self) -> bool:
        return self.family == BALLOT

    @property
    def shows_options(self) -> bool:
        """Phones get the options to choose from (not the words of a cloud)."""
        return self.options in (PRESET, GENERATED)

    def uses(self, form_field: str) -> bool:
        return form_field in self.fields

    def points(self, choices: list[int]) -> dict[int, int]:
        """What one ballot adds to each option: 1 per choice; in a ranking of n, n points to the first."""
        if self.ranked:
            return {option_id: len(choices) - index for index, option_id in enumerate(choices)}
        return dict.fromkeys(choices, 1)

    def check_choices(self, *, choices: list[int] | None, option_ids: list[int], max_choices: int) -> list[int]:
        """A ballot of option ids, as the kind allows it (InvalidInput otherwise)."""
        choices = list(choices or [])
        if not choices:
            raise InvalidInput(_("Scegli almeno un'opzione."), code="empty")
        if len(set(choices)) != len(choices):
            raise InvalidInput(_("Hai scelto due volte la stessa opzione."), code="duplicate_choice")
        if not set(choices) <= set(option_ids):
            raise InvalidInput(_("Una delle opzioni scelte non appartiene a questa domanda."), code="unknown_option")
        if self.ranked and len(choices) != len(option_ids):
            raise InvalidInput(_("Metti in ordine tutte le opzioni."), code="incomplete_ranking")
        if not self.ranked and len(choices) > max_choices:
            raise InvalidInput(_("Puoi scegliere al massimo %(n)d opzioni.") % {"n": max_choices}, code="too_many_choices")
        return choices

    def problems(self, question) -> dict[str, str]:
        """The model's own checks of a question of this kind (Question.clean)."""
        found = {}
        if self.uses(SCALE) and question.scale_max not in (5, 10):
            found["scale_max"] = _("Una scala va da 1 a 5 o da 1 a 10.")
        if not self.uses(SCALE) and question.scale_max is not None:
            found["scale_max"] = _("Solo le domande a scala hanno un valore massimo.")
        if not self.uses(MAX_CHOICES) and not self.ranked and question.max_choices != 1:
            found["max_choices"] = _("Questo tipo di domanda ammette una sola scelta.")
        if not self.uses(QUORUM) and question.quorum is not None:
            found["quorum"] = _("Solo le votazioni sì / no / astensione hanno un quorum.")
        return found


_SPECS = (
    KindSpec(
        "single",
        gettext_lazy("Scelta singola"),
        BALLOT,
        shapes.choice_figures,
        options=PRESET,
        fields=frozenset({OPTIONS}),
        from_sources=True,
    ),
    KindSpec(
        "multiple",
        gettext_lazy("Scelta multipla"),
        BALLOT,
        shapes.choice_figures,
        options=PRESET,
        fields=frozenset({OPTIONS, MAX_CHOICES}),
        from_sources=True,
        strings=_multiple_strings,
    ),
    KindSpec(
        "scale",
        gettext_lazy("Scala di valutazione"),
        BALLOT,
        shapes.scale_figures,
        options=GENERATED,
        fields=frozenset({SCALE}),
        generate=_scale_values,
    ),
    KindSpec(
        "ranking",
        gettext_lazy("Classifica (ordina le opzioni)"),
        BALLOT,
        shapes.ranking_figures,
        options=PRESET,
        fields=frozenset({OPTIONS}),
        max_options=10,
        ranked=True,
        value_label=gettext_lazy("Punti"),
        from_sources=True,
    ),
    KindSpec(
        "wordcloud",
        gettext_lazy("Nuvola di parole"),
        BALLOT,
        shapes.word_figures,
        options=WORDS,
        fields=frozenset({MAX_CHOICES}),
    ),
    KindSpec(
        "open_text",
        gettext_lazy("Risposta aperta (moderata)"),
        ENTRY,
        shapes.entry_figures,
        fields=frozenset({MAX_CHOICES}),
        value_label=gettext_lazy("Sostegni"),
    ),
    KindSpec(
        "qa",
        gettext_lazy("Domande del pubblico (Q&A)"),
        ENTRY,
        shapes.entry_figures,
        fields=frozenset({MAX_CHOICES}),
        upvotes=True,
        value_label=gettext_lazy("Sostegni"),
    ),
    KindSpec(
        "yesno",
        gettext_lazy("Sì / no / astensione (con quorum)"),
        BALLOT,
        shapes.yesno_figures,
        options=GENERATED,
        fields=frozenset({QUORUM}),
        generate=_yes_no_abstain,
        strings=_yesno_strings,
    ),
)

KINDS: dict[str, KindSpec] = {spec.code: spec for spec in _SPECS}

# The model field's choices, named with its model (QuestionKind.SINGLE == "single").
QuestionKind = models.TextChoices("QuestionKind", [(spec.code.upper(), (spec.code, spec.label)) for spec in _SPECS])


def kind_of(code: str) -> KindSpec:
    """The registry entry of a kind; an unknown kind is bad input (400), not a crash."""
    spec = KINDS.get(code)
    if spec is None:
        raise InvalidInput(_("Tipo di domanda sconosciuto."), code="unknown_kind")
    return spec


def codes(*, where: Callable[[KindSpec], bool] = lambda spec: True) -> frozenset[str]:
    return frozenset(spec.code for spec in _SPECS if where(spec))


def form_fields_of(code: str) -> tuple[str, ...]:
    """The question form's fields a kind uses beyond text, visibility and changeable."""
    spec = KINDS[code]
    return tuple(name for key in FORM_FIELDS if spec.uses(key) for name in FORM_FIELDS[key])


def screen_strings() -> dict:
    """Every kind's strings for the live scripts (merged into views/_strings.screen_strings)."""
    found: dict = {}
    for spec in _SPECS:
        found |= spec.strings()
    return found
