import pytest

from consultazione.stakeholders.models import Category, Organisation

VALID_VAT = "01114601006"
OTHER_VALID_VAT = "00743110157"


@pytest.fixture
def category(psm) -> Category:
    return Category.objects.get(code="altri")


@pytest.fixture
def organisation(psm, category) -> Organisation:
    """An organisation entered by staff (no proposer): anyone may find it and ask."""
    return Organisation.objects.create(name="Associazione Valli Unite", category=category, vat_number=VALID_VAT)
