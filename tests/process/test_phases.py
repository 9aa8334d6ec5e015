from datetime import date

import pytest

from consultazione.process.features import PHASE_FEATURES
from consultazione.process.selectors import active_phase, phase_allows


@pytest.mark.parametrize(
    ("day", "expected_kind"),
    [
        (date(2023, 4, 30), None),
        (date(2023, 6, 15), "analisi"),
        (date(2023, 9, 27), "ascolto"),
        (date(2023, 12, 4), "ascolto"),  # actual end overrides the planned 30 Nov
        (date(2023, 12, 5), "co_pianificazione"),
        (date(2024, 3, 31), "co_pianificazione"),
        (date(2024, 4, 1), "approvazione"),
        (date(2024, 7, 19), "approvazione"),
        (date(2024, 7, 20), None),  # actual end 19 July
        (date(2026, 11, 25), None),
    ],
)
def test_active_phase_by_date(psm, day, expected_kind):
    phase = active_phase(psm.process, on=day)
    assert (phase.kind if phase else None) == expected_kind


@pytest.mark.parametrize(
    ("kind", "feature", "allowed"),
    [
        ("analisi", "submit", False),
        ("ascolto", "submit", True),
        ("ascolto", "comment", True),
        ("ascolto", "support", True),
        ("ascolto", "prioritise", False),
        ("co_pianificazione", "submit", True),
        ("co_pianificazione", "prioritise", True),
        ("approvazione", "submit", False),
        ("approvazione", "comment", True),
    ],
)
def test_phase_allows_feature(psm, kind, feature, allowed):
    psm.set_phase(kind)
    assert phase_allows(psm.process, feature) is allowed
    assert (feature in PHASE_FEATURES[kind]) is allowed


def test_forced_phase_wins_over_dates(psm):
    psm.set_phase("ascolto")
    assert active_phase(psm.process, on=date(2024, 5, 1)).kind == "ascolto"


def test_no_phase_allows_nothing(psm):
    assert phase_allows(None, "submit") is False
    assert not phase_allows(psm.process, "submit", on=date(2026, 11, 25))
