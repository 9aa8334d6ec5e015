import io

import pytest
from django.contrib.admin.models import ADDITION, LogEntry

from consultazione.accounts.roles import Role
from consultazione.monitoring.models import (
    ActionTracking,
    ActionTrackingChange,
    ActionUpdate,
    Indicator,
    IndicatorValue,
    StrategyLineage,
)
from consultazione.monitoring.services import indicator_save

ADMIN = "/django-admin/monitoring/"


@pytest.fixture
def admin_staff(user_factory):
    user = user_factory(roles=[Role.STAFF])
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_admin_is_for_staff_only(client, admin_staff, user_factory, mini):
    steering_with_admin_flag = user_factory(roles=[Role.STEERING])
    steering_with_admin_flag.is_staff = True
    steering_with_admin_flag.save(update_fields=["is_staff"])
    client.force_login(steering_with_admin_flag)
    assert client.get(f"{ADMIN}actiontracking/").status_code == 403
    client.force_login(admin_staff)
    page = client.get(f"{ADMIN}actiontracking/")
    assert page.status_code == 200
    assert "Importa CSV/XLSX" in page.content.decode()


def test_saving_the_change_form_goes_through_the_audited_services(client, admin_staff, mini):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    client.force_login(admin_staff)
    data = {
        "status": "in_progress",
        "progress": "75",
        "merged_into": "",
        "responsible_office": "Ufficio digitale",
        "budget": "1000",
        "funding_source": "PNRR M1C1",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        **_management("indicators", total=1),
        "indicators-0-name": "Servizi online",
        "indicators-0-unit": "number",
        "indicators-0-baseline": "2",
        "indicators-0-target": "20",
        "indicators-0-position": "0",
        **_management("updates", total=1),
        "updates-0-kind": "progress",
        "updates-0-date": "2025-02-01",
        "updates-0-title": "Gara aggiudicata",
        "updates-0-text": "Aggiudicata la gara.",
    }
    response = client.post(f"{ADMIN}actiontracking/{tracking.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tracking.refresh_from_db()
    assert (tracking.progress, tracking.responsible_office) == (75, "Ufficio digitale")
    summaries = list(ActionTrackingChange.objects.filter(tracking=tracking, source="admin").values_list("summary", flat=True))
    assert any("progress" in s for s in summaries)
    assert any("Servizi online" in s for s in summaries)
    assert any("Gara aggiudicata" in s for s in summaries)
    assert ActionUpdate.objects.get(title="Gara aggiudicata").author == admin_staff


def test_inconsistent_form_is_refused_with_field_errors(client, admin_staff, mini):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    client.force_login(admin_staff)
    data = {"status": "completed", "progress": "60", **_management("indicators"), **_management("updates")}
    response = client.post(f"{ADMIN}actiontracking/{tracking.pk}/change/", data)
    assert response.status_code == 200
    assert "Un&#x27;azione completata ha avanzamento 100%" in response.content.decode()
    tracking.refresh_from_db()
    assert tracking.status == "in_progress"


def test_indicator_value_in_wrong_unit_shows_the_error(client, admin_staff, mini, staff):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    indicator = indicator_save(actor=staff, indicator=Indicator(tracking=tracking, name="Dataset", unit="number"), source="admin")
    client.force_login(admin_staff)
    data = {
        "tracking": tracking.pk,
        "name": "Dataset",
        "unit": "number",
        "position": "0",
        **_management("values", total=1),
        "values-0-date": "2025-01-31",
        "values-0-value": "5",
        "values-0-unit": "percent",
    }
    response = client.post(f"{ADMIN}indicator/{indicator.pk}/change/", data)
    assert response.status_code == 200
    assert "si misura in «numero», non in «%»" in response.content.decode()
    assert not IndicatorValue.objects.exists()
    data["values-0-unit"] = "number"
    assert client.post(f"{ADMIN}indicator/{indicator.pk}/change/", data).status_code == 302
    assert IndicatorValue.objects.get().value == 5


def test_audit_log_is_read_only_in_admin(client, admin_staff, mini):
    change = ActionTrackingChange.objects.first()
    client.force_login(admin_staff)
    assert client.get(f"{ADMIN}actiontrackingchange/").status_code == 200
    client.post(f"{ADMIN}actiontrackingchange/{change.pk}/delete/", {"post": "yes"})
    assert ActionTrackingChange.objects.filter(pk=change.pk).exists()


def test_admin_import_reports_refused_rows_then_imports(client, admin_staff, mini):
    client.force_login(admin_staff)
    bad = io.BytesIO(b"codice_azione,avanzamento,stato\n1.1.1,100,completed\n7.7.7,10,in_progress\n1.1.2,-5,in_progress\n")
    bad.name = "monitoraggio.csv"
    response = client.post(f"{ADMIN}actiontracking/importa/", {"plan": mini.plan.pk, "sheet": "azioni", "file": bad})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="refused-rows"' in html
    assert "7.7.7" in html and "0–100" in html
    good = io.BytesIO(b"codice_azione,avanzamento,stato\n1.1.2,90,in_progress\n")
    good.name = "monitoraggio.csv"
    response = client.post(f"{ADMIN}actiontracking/importa/", {"plan": mini.plan.pk, "sheet": "azioni", "file": good})
    assert response.status_code == 302
    assert ActionTracking.objects.get(action=mini.actions["1.1.2"]).progress == 90
    assert ActionTrackingChange.objects.filter(source="import").count() == 1


def test_admin_starts_tracking_for_a_plan(client, admin_staff, mini):
    client.force_login(admin_staff)
    client.post(f"{ADMIN}actiontracking/avvia-piano/", {"plan": mini.plan.pk})
    assert ActionTracking.objects.filter(action__strategy__axis__plan=mini.plan).count() == 6


def test_lineage_admin_saves_through_service(client, admin_staff, psm):
    previous = psm.previous_plan.axes.get(code=2).strategies.get(code="2.1")
    following = psm.plan.axes.get(code=2).strategies.get(code="2.1")
    client.force_login(admin_staff)
    data = {"previous_strategy": previous.pk, "next_strategy": following.pk, "relation": "new", "note": ""}
    refused = client.post(f"{ADMIN}strategylineage/add/", data)
    assert refused.status_code == 200  # "new" with a previous: refused, the form comes back with the error
    assert refused.context["adminform"].form.errors and not StrategyLineage.objects.exists()
    data["relation"] = "carried_over"
    assert client.post(f"{ADMIN}strategylineage/add/", data).status_code == 302
    lineage = StrategyLineage.objects.get()
    assert (lineage.previous_strategy, lineage.next_strategy, lineage.relation) == (previous, following, "carried_over")
    entry = LogEntry.objects.get(object_id=str(lineage.pk), content_type__model="strategylineage")
    assert (entry.user, entry.action_flag) == (admin_staff, ADDITION)  # the admin's own audit row, by whom


def test_trackings_cannot_be_deleted_in_admin(client, admin_staff, mini):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.1"])
    client.force_login(admin_staff)
    assert client.get(f"{ADMIN}actiontracking/{tracking.pk}/delete/").status_code == 403
    assert client.post(f"{ADMIN}actiontracking/{tracking.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ActionTracking.objects.filter(pk=tracking.pk).exists()
