"""The figures of a question: one selector, one definition per kind (shapes.py, named by the kinds
registry). The frames (projector, phones, presenter), the results CSV, the API, `Question.results`
stored at close and the restituzione all take their numbers from here; each screen only formats.
"""

from collections import Counter

from . import conf
from .kinds import KINDS, WORDS
from .models import Ballot, Entry, EntryStatus, Option, Question, State
from .selectors import Tally
from .shapes import Counts


def _entry(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "text": entry.text,
        "pinned": entry.pinned,
        "answered": entry.answered,
        "upvotes": entry.upvote_count,
    }


def recount(question: Question) -> Counts:
    """The counts from what is stored (at close): the ballots recounted, every approved text."""
    spec = question.spec
    if not spec.uses_ballots:
        entries = Entry.objects.filter(question=question)
        approved = entries.filter(status=EntryStatus.APPROVED).order_by("-pinned", "-upvote_count", "created_at")
        return Counts(question.kind, entries.count(), entries=[_entry(entry) for entry in approved])
    points: Counter[int] = Counter()
    total = 0
    for choices in Ballot.objects.filter(question=question).values_list("choices", flat=True).iterator(chunk_size=2000):
        total += 1
        points.update(spec.points(choices))
    options = list(Option.objects.filter(question=question).order_by("position", "id"))
    return Counts(
        question.kind,
        total,
        options=[(option.pk, option.label, points.get(option.pk, 0)) for option in options],
        words=[(option.word, points.get(option.pk, 0)) for option in options if option.word],
        quorum=question.quorum,
    )


def live_counts(tally: Tally) -> Counts:
    """The counts of the question on screen, from the live counters (selectors.live_tally)."""
    question = tally.question
    return Counts(
        question.kind,
        tally.total,
        options=[(option.pk, option.label, option.count) for option in tally.options],
        words=tally.words,
        entries=tally.entries,
        quorum=question.quorum,
    )


def figures(question: Question) -> dict:
    """Recounted now from the stored answers (what close_and_count keeps in `Question.results`)."""
    return question.spec.figures(recount(question))


def live_figures(tally: Tally) -> dict:
    figures = tally.question.spec.figures(live_counts(tally))
    if tally.question.spec.options == WORDS:
        figures["words"] = figures["words"][: conf.get("LIVE_TOP_ITEMS")]
    return figures


def kept_figures(question: Question) -> dict:
    """The figures of a closed question as kept at close. Results kept before the figures existed
    ({"total", "options": [{"id"|"entry_id", "label", "count"}]}) are read through the kind's
    figures (what was decided at close stays); a question closed without results is recounted."""
    kept = question.results or {}
    if kept.get("kind") == question.kind:
        return kept
    if "options" not in kept:
        return figures(question)
    rows = kept["options"]
    counts = Counts(
        question.kind,
        kept.get("total", 0),
        options=[(row.get("id"), row["label"], row["count"]) for row in rows],
        words=[(row["label"], row["count"]) for row in rows],
        entries=[
            {"id": row.get("entry_id"), "text": row["label"], "upvotes": row["count"], "pinned": False, "answered": False}
            for row in rows
        ],
        quorum=question.quorum,
    )
    return question.spec.figures(counts)


def closed_figures(questions) -> list[tuple[Question, dict]]:
    return [(question, kept_figures(question)) for question in questions if question.state == State.CLOSED]


def display(question: Question, figures: dict) -> dict:
    """A closed question's figures as the tables show them (presenter, restituzione: live/includes/figures.html)."""
    table = rows(figures)
    return {
        "question": question.text,
        "kind": question.kind,
        "kind_label": question.get_kind_display(),
        "value_label": str(question.spec.value_label),
        "figures": figures,
        "total": int(figures.get("total") or 0),
        "entries": figures.get("entries"),
        "rows": table,
        "bars": "options" in figures,
        "shares": any(row["share"] is not None for row in table),
        "ranked": any(row["rank"] is not None for row in table),
        "mean": figures.get("mean"),
        "quorum": figures.get("quorum"),
        "quorum_reached": figures.get("quorum_reached"),
        "outcome": outcome_label(question.kind, figures),
    }


def meeting_poll_results(meeting) -> list[dict]:
    """Closed questions of the meeting's live sessions, for the meeting's record (restituzione):
    each item is `display()` of the question's kept figures."""
    questions = Question.objects.filter(session__meeting=meeting, state=State.CLOSED).order_by("session__created_at", "position")
    return [display(question, figures) for question, figures in closed_figures(questions)]


# --- rows, for tables and spreadsheets -------------------------------------------------------------


def rows(figures: dict) -> list[dict]:
    """One row per option, word or text: {label, count (votes, points or upvotes), share, rank}."""
    if "entries" in figures:
        return [{"label": e["text"], "count": e["upvotes"], "share": None, "rank": None} for e in figures["entries"]]
    if "words" in figures:
        return [{"label": w["word"], "count": w["count"], "share": None, "rank": None} for w in figures["words"]]
    return [
        {"label": o["label"], "count": o.get("count", o.get("points")), "share": o.get("share"), "rank": o.get("rank")}
        for o in figures.get("options", [])
    ]


def outcome_label(kind: str, figures: dict) -> str:
    """The outcome in words (yes/no), as the projector says it."""
    outcome = figures.get("outcome")
    return KINDS[kind].strings().get(f"outcome_{outcome}", "") if outcome else ""
