"""Plain, picklable containers for the figures (they are cached and serialised to JSON)."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Row:
    """A labelled count. `key` is stable (a code), `label` is for people."""

    key: str
    label: str
    count: int


@dataclass
class Matrix:
    """Counts of a cross-tabulation: one row per `rows` entry, one column per `columns` entry."""

    rows: list[Row]
    columns: list[Row]
    cells: list[list[int]]


@dataclass
class ParticipantFigures:
    people_online: int
    organisations: list[Row]
    organisations_total: int
    institutions: list[Row]
    institutions_total: int


@dataclass
class ContributionFigures:
    total: int
    by_kind: list[Row]
    by_axis: list[Row]
    by_zone: list[Row]
    by_macro_area: list[Row]
    by_phase: list[Row]
    by_channel: list[Row]
    kind_by_axis: Matrix


@dataclass
class StatusFigures:
    received: int
    published: int
    pending: int
    not_published: int
    merged: int
    withdrawn: int


@dataclass
class OutcomeFigures:
    with_outcome: int
    by_outcome: list[Row]
    by_axis: Matrix


@dataclass(frozen=True)
class SupportedContribution:
    reference: str
    title: str
    kind: str
    axis: str
    support_count: int
    outcome: str


@dataclass(frozen=True)
class PriorityItem:
    rank: int
    code: str
    title: str
    score: int
    voters: int


@dataclass
class PriorityResult:
    exercise_id: int
    title: str
    method: str
    axis: str
    closed: bool
    participants: int | None  # None: fewer than 5 ballots in the filtered slice
    items: list[PriorityItem]
    top_by_zone: list[tuple[str, str]] = field(default_factory=list)
    hidden: bool = False  # a zone/category filter left fewer than 5 ballots: no ranking shown


@dataclass(frozen=True)
class MeetingRow:
    title: str
    kind: str
    date: str
    comune: str
    attendance: int


@dataclass
class MeetingFigures:
    held: int
    upcoming: int
    by_kind: list[Row]
    attendance_total: int
    attendance_by_category: list[Row]
    held_meetings: list[MeetingRow]


@dataclass
class TerritorialFigures:
    zones: list[dict]
    macro_areas: list[dict]


def as_dict(figures) -> dict:
    return asdict(figures)
