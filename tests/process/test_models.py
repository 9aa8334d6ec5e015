from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultazione.process.models import Phase


def test_phase_end_before_start_is_invalid(psm):
    phase = Phase(process=psm.process, kind="ascolto", planned_start=date(2024, 5, 1), planned_end=date(2024, 4, 1))
    with pytest.raises(ValidationError) as excinfo:
        phase.full_clean(validate_unique=False, validate_constraints=False)
    assert "planned_end" in excinfo.value.message_dict
    phase = psm.process.phases.get(kind="ascolto")
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(pk=phase.pk).update(planned_end=date(2020, 1, 1))


def test_unknown_phase_kind_is_invalid(psm):
    phase = Phase(process=psm.process, kind="votazione", planned_start=date(2024, 1, 1), planned_end=date(2024, 2, 1))
    with pytest.raises(ValidationError) as excinfo:
        phase.full_clean(validate_unique=False, validate_constraints=False)
    assert "kind" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(pk=psm.process.phases.first().pk).update(kind="votazione")


def test_only_one_forced_phase_per_process(psm):
    psm.set_phase("ascolto")
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(process=psm.process, kind="approvazione").update(force_active=True)
