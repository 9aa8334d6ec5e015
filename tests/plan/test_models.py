import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultazione.plan.models import Action, Axis, Strategy


def test_axis_code_unique_within_plan(psm):
    with pytest.raises(IntegrityError), transaction.atomic():
        Axis.objects.create(plan=psm.plan, code=1, title="Doppione")
    Axis.objects.create(plan=psm.previous_plan, code=7, title="Altro piano, altro codice")


def test_strategy_code_unique_within_axis_and_prefixed(psm):
    axis = psm.axes[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.create(axis=axis, code="1.1", title="Doppione")
    wrong = Strategy(axis=axis, code="2.9", title="Prefisso sbagliato")
    with pytest.raises(ValidationError) as excinfo:
        wrong.full_clean()
    assert "code" in excinfo.value.message_dict
    bad_format = Strategy(axis=axis, code="1-9", title="Formato")
    with pytest.raises(ValidationError):
        bad_format.full_clean()


def test_action_code_must_extend_strategy(psm):
    strategy = Strategy.objects.get(axis=psm.axes[1], code="1.1")
    with pytest.raises(ValidationError):
        Action(strategy=strategy, code="1.2.1", title="x").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(strategy=strategy, code="1.1.1", title="Doppione")
