"""Shared by the core tests that submit a contribution through the web form."""

import pytest


@pytest.fixture
def listening(psm):
    """The process in its listening phase: submitting is open."""
    psm.set_phase("ascolto")
    return psm


def idea_form(psm, title: str) -> dict:
    """The contribution form's fields for a valid idea with this title."""
    return {"kind": "idea", "title": title, "body": "Corse ogni quindici minuti al mattino.", "axis": psm.axes[3].pk}
