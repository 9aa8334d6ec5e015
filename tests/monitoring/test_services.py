from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.core.audit import AppendOnlyError
from consultazione.core.exceptions import DomainError, PermissionDenied
from consultazione.monitoring.models import ActionTracking, ActionTrackingChange, ActionUpdate, Indicator, IndicatorValue
from consultazione.monitoring.services import (
    action_update_save,
    indicator_save,
    indicator_value_record,
    steering_comment_create,
    tracking_update,
    trackings_start_for_plan,
)


def test_every_change_is_logged_with_old_and_new_values(mini, staff):
    action = mini.actions["1.1.2"]
    before = ActionTrackingChange.objects.filter(tracking__action=action).count()
    tracking_update(actor=staff, action=action, data={"progress": 65, "responsible_office": "Ufficio prova"}, source="api")
    change = ActionTrackingChange.objects.filter(tracking__action=action).first()
    assert ActionTrackingChange.objects.filter(tracking__action=action).count() == before + 1
    assert change.actor == staff and change.source == "api"
    assert change.changes == {"progress": ["50", "65"], "responsible_office": ["", "Ufficio prova"]}


def test_a_change_that_changes_nothing_is_not_logged(mini, staff):
    action = mini.actions["1.1.2"]
    before = ActionTrackingChange.objects.count()
    tracking_update(actor=staff, action=action, data={"progress": 50}, source="api")
    assert ActionTrackingChange.objects.count() == before


def test_first_change_creates_the_tracking_and_logs_it(mini, staff):
    action = mini.actions["1.1.3"]
    tracking_update(actor=staff, action=action, data={"status": "in_progress", "progress": 5}, source="admin")
    change = ActionTrackingChange.objects.get(tracking__action=action)
    assert "Monitoraggio avviato" in change.summary
    assert change.changes["progress"] == ["", "5"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "completed", "progress": 80}, "progress"),
        ({"status": "not_started", "progress": 10}, "progress"),
        ({"progress": 120}, "progress"),
        ({"status": "merged"}, "merged_into"),
        ({"start_date": date(2031, 5, 1), "end_date": date(2031, 1, 1)}, "end_date"),
    ],
)
def test_inconsistent_values_are_refused_and_nothing_is_stored(mini, staff, data, field):
    action = mini.actions["1.1.2"]
    before = ActionTrackingChange.objects.count()
    with pytest.raises(ValidationError) as error:
        tracking_update(actor=staff, action=action, data=data, source="api")
    assert field in error.value.message_dict
    assert ActionTracking.objects.get(action=action).progress == 50
    assert ActionTrackingChange.objects.count() == before


def test_merged_into_must_be_another_action_of_the_same_plan(mini, staff, psm):
    other_plan_action = psm.previous_plan.axes.get(code=2).strategies.get(code="2.1").actions.first()
    with pytest.raises(ValidationError) as error:
        tracking_update(
            actor=staff,
            action=mini.actions["1.1.2"],
            data={"status": "merged", "merged_into": other_plan_action},
            source="api",
        )
    assert "stesso piano" in error.value.message_dict["merged_into"][0]


def test_only_staff_change_tracking(mini, citizen, steering_member):
    for user in (citizen, steering_member):
        with pytest.raises(PermissionDenied):
            tracking_update(actor=user, action=mini.actions["1.1.2"], data={"progress": 60}, source="api")


def test_audit_log_is_append_only(mini):
    change = ActionTrackingChange.objects.first()
    change.summary = "riscritto"
    with pytest.raises(DomainError):
        change.save()
    with pytest.raises(DomainError):
        change.delete()
    with pytest.raises(DomainError):
        ActionTrackingChange.objects.filter(pk=change.pk).update(summary="x")
    with pytest.raises(DomainError):
        ActionTrackingChange.objects.all().delete()
    with pytest.raises(AppendOnlyError):  # the one mechanism shared with the moderation log
        ActionTrackingChange.objects.bulk_update([change], ["summary"])
    assert ActionTrackingChange.objects.get(pk=change.pk).summary != "riscritto"


@pytest.fixture
def indicator(mini, staff) -> Indicator:
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    return indicator_save(
        actor=staff,
        indicator=Indicator(
            tracking=tracking, name="Dataset pubblicati", unit="number", baseline=Decimal(10), baseline_date=date(2024, 1, 1)
        ),
        source="admin",
    )


def test_indicator_value_in_another_unit_is_refused_with_a_clear_message(indicator, staff):
    with pytest.raises(ValidationError) as error:
        indicator_value_record(
            actor=staff, indicator=indicator, date=date(2024, 6, 1), value=Decimal(5), unit="percent", source="api"
        )
    message = error.value.message_dict["unit"][0]
    assert "Dataset pubblicati" in message and "numero" in message and "%" in message
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_indicator_value_dates_are_checked(indicator, staff):
    future = timezone.localdate() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        indicator_value_record(actor=staff, indicator=indicator, date=future, value=Decimal(5), unit="number", source="api")
    assert "futuro" in error.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as error:
        indicator_value_record(
            actor=staff, indicator=indicator, date=date(2023, 12, 31), value=Decimal(5), unit="number", source="api"
        )
    assert "precede" in error.value.message_dict["date"][0]


def test_recording_the_same_date_twice_replaces_the_value_and_logs_both(indicator, staff):
    day = date(2024, 6, 30)
    indicator_value_record(actor=staff, indicator=indicator, date=day, value=Decimal(12), unit="number", source="api")
    indicator_value_record(actor=staff, indicator=indicator, date=day, value=Decimal(14), unit="number", source="api")
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal(14)]
    change = ActionTrackingChange.objects.filter(tracking=indicator.tracking).first()
    assert change.changes == {"valore:Dataset pubblicati:2024-06-30": ["12", "14"]}


def test_percent_values_stay_within_0_100(mini, staff):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.1"])
    indicator = indicator_save(
        actor=staff, indicator=Indicator(tracking=tracking, name="Copertura", unit="percent"), source="api"
    )
    with pytest.raises(ValidationError) as error:
        indicator_value_record(
            actor=staff, indicator=indicator, date=date(2024, 1, 2), value=Decimal(140), unit="percent", source="api"
        )
    assert "value" in error.value.message_dict


def test_update_records_author_and_is_logged(mini, staff):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.1"])
    update = action_update_save(
        actor=staff,
        update=ActionUpdate(tracking=tracking, date=date(2024, 3, 1), title="Collaudo", text="Collaudo concluso."),
        source="admin",
    )
    assert update.author == staff
    assert ActionTrackingChange.objects.filter(tracking=tracking, summary__contains="Collaudo").exists()


def test_steering_comment_permissions(mini, staff, steering_member, citizen):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.1"])
    update = action_update_save(
        actor=staff, update=ActionUpdate(tracking=tracking, date=date(2024, 3, 1), title="T", text="X"), source="admin"
    )
    assert steering_comment_create(author=steering_member, update=update, body=" Bene. ").body == "Bene."
    assert steering_comment_create(author=staff, update=update, body="Ok").pk
    with pytest.raises(PermissionDenied):
        steering_comment_create(author=citizen, update=update, body="Io no")
    with pytest.raises(ValidationError):
        steering_comment_create(author=steering_member, update=update, body="   ")
    assert update.comments.count() == 2


def test_start_tracking_for_a_whole_plan(mini, staff):
    assert trackings_start_for_plan(actor=staff, plan=mini.plan, source="admin") == 1  # only 1.1.3 was missing
    assert trackings_start_for_plan(actor=staff, plan=mini.plan, source="admin") == 0
