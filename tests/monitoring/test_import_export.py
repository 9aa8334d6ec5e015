import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from consultazione.core.exceptions import PermissionDenied
from consultazione.monitoring.models import ActionTracking, ActionTrackingChange, Indicator, IndicatorValue
from consultazione.monitoring.selectors import tracking_export_csv, tracking_export_xlsx
from consultazione.monitoring.services import (
    ImportRefused,
    indicator_save,
    indicator_value_record,
    tracking_import,
    tracking_update,
    trackings_start_for_plan,
)
from consultazione.monitoring.tabular import read_csv, read_upload, read_xlsx
from consultazione.stakeholders.models import Category, Organisation


@pytest.fixture
def filled(mini, staff):
    """The mini plan with office, partners, budget, dates, an indicator and two values."""
    trackings_start_for_plan(actor=staff, plan=mini.plan, source="admin")
    category = Category.objects.first()
    partners = [
        Organisation.objects.create(name="Associazione Boschi", category=category, verified=True),
        Organisation.objects.create(name="=Consorzio formule", category=category, verified=True),
    ]
    tracking_update(
        actor=staff,
        action=mini.actions["1.1.2"],
        data={
            "responsible_office": "+Ufficio dati",
            "partners": partners,
            "budget": Decimal("1234.50"),
            "funding_source": "PNRR M1C1",
            "start_date": date(2024, 1, 15),
            "end_date": date(2026, 6, 30),
        },
        source="admin",
    )
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    indicator = indicator_save(
        actor=staff,
        indicator=Indicator(
            tracking=tracking,
            name="Dataset",
            unit="number",
            baseline=Decimal(3),
            baseline_date=date(2024, 1, 1),
            target=Decimal(40),
        ),
        source="admin",
    )
    for day, value in ((date(2024, 6, 30), "12"), (date(2024, 12, 31), "19.5")):
        indicator_value_record(actor=staff, indicator=indicator, date=day, value=Decimal(value), unit="number", source="admin")
    return mini


def _state(plan):
    trackings = ActionTracking.objects.filter(action__strategy__axis__plan=plan).order_by("action__code")
    return [
        (
            t.action.code,
            t.status,
            t.progress,
            t.merged_into.code if t.merged_into else "",
            t.responsible_office,
            sorted(p.name for p in t.partners.all()),
            t.budget,
            t.funding_source,
            t.start_date,
            t.end_date,
            [
                (i.name, i.unit, i.baseline, i.target, [(v.date, v.value, v.unit) for v in i.values.order_by("date")])
                for i in t.indicators.all()
            ],
        )
        for t in trackings
    ]


def _wipe(plan, staff):
    """Blank every field the import sets, so a round trip has something to restore."""
    for tracking in ActionTracking.objects.filter(action__strategy__axis__plan=plan):
        tracking_update(
            actor=staff,
            action=tracking.action,
            data={
                "status": "in_progress",
                "progress": 1,
                "merged_into": None,
                "responsible_office": "",
                "partners": [],
                "budget": None,
                "funding_source": "",
                "start_date": None,
                "end_date": None,
            },
            source="admin",
        )
    IndicatorValue.objects.filter(indicator__tracking__action__strategy__axis__plan=plan).delete()


def test_csv_round_trip(filled, staff):
    plan = filled.plan
    before = _state(plan)
    sheets = {name: read_csv(tracking_export_csv(plan=plan, sheet=name)) for name in ("azioni", "indicatori", "valori")}
    _wipe(plan, staff)
    assert _state(plan) != before
    report = tracking_import(actor=staff, plan=plan, sheets=sheets)
    assert _state(plan) == before
    assert (report.actions, report.indicators, report.values) == (6, 1, 2)
    assert report.changes > 0


def test_xlsx_round_trip(filled, staff):
    plan = filled.plan
    before = _state(plan)
    content = tracking_export_xlsx(plan=plan)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["azioni", "indicatori", "valori"]
    # a text starting with "=" is stored as text, never as a formula
    partner_cells = [row[7] for row in workbook["azioni"].iter_rows(min_row=2, values_only=True) if row[1] == "1.1.2"]
    assert partner_cells == ["=Consorzio formule; Associazione Boschi"]
    assert all(cell.data_type != "f" for row in workbook["azioni"].iter_rows() for cell in row)
    _wipe(plan, staff)
    tracking_import(actor=staff, plan=plan, sheets=read_xlsx(content))
    assert _state(plan) == before


def test_csv_export_neutralises_formulas_and_import_restores_them(filled):
    text = tracking_export_csv(plan=filled.plan).decode("utf-8-sig")
    assert "'+Ufficio dati" in text
    row = dict(next(r for n, r in read_csv(text.encode()) if r["codice_azione"] == "1.1.2"))
    assert row["ufficio_responsabile"] == "+Ufficio dati"


def test_refused_rows_are_all_reported_and_nothing_is_stored(filled, staff):
    plan = filled.plan
    before = _state(plan)
    changes_before = ActionTrackingChange.objects.count()
    csv_text = (
        "codice_azione;stato;avanzamento\n"
        "1.1.1;completed;100\n"  # valid
        "9.9.9;in_progress;10\n"  # unknown code
        "1.1.2;in_progress;150\n"  # outside 0-100
        "1.1.3;boh;10\n"  # unknown status
        "1.2.1;completed;70\n"  # completed below 100 (model rule)
        "1.1.1;completed;100\n"  # repeated row
    )
    with pytest.raises(ImportRefused) as refused:
        tracking_import(actor=staff, plan=plan, sheets={"azioni": read_csv(csv_text.encode())})
    rows = {row: reason for _sheet, row, reason in refused.value.rows}
    assert set(rows) == {3, 4, 5, 6, 7}
    assert "9.9.9" in rows[3] and "non esiste" in rows[3]
    assert "0–100" in rows[4]
    assert "stato" in rows[5]
    assert rows[6].startswith("avanzamento:")
    assert "riga 2" in rows[7]
    assert _state(plan) == before
    assert ActionTrackingChange.objects.count() == changes_before


def test_value_with_wrong_unit_or_future_date_refuses_the_import(filled, staff):
    plan = filled.plan
    csv_text = (
        "codice_azione,indicatore,unita,data,valore\n"
        "1.1.2,Dataset,number,2025-01-31,22\n"
        "1.1.2,Dataset,percent,2025-02-28,23\n"
        "1.1.2,Dataset,number,2999-01-01,24\n"
        "1.1.2,Inesistente,number,2025-01-31,1\n"
    )
    with pytest.raises(ImportRefused) as refused:
        tracking_import(actor=staff, plan=plan, sheets={"valori": read_csv(csv_text.encode())})
    rows = {row: reason for _sheet, row, reason in refused.value.rows}
    assert set(rows) == {3, 4, 5}
    assert rows[3].startswith("unita:") and "numero" in rows[3]
    assert rows[4].startswith("data:") and "futuro" in rows[4]
    assert "Inesistente" in rows[5]
    assert IndicatorValue.objects.filter(indicator__name="Dataset").count() == 2


def test_italian_formats_are_understood(filled, staff):
    csv_text = "codice_azione;stato;avanzamento;budget_euro;data_avvio\n1.1.3;In corso;45%;1.234,50;01/03/2025\n"
    tracking_import(actor=staff, plan=filled.plan, sheets={"azioni": read_csv(csv_text.encode())})
    tracking = ActionTracking.objects.get(action=filled.actions["1.1.3"])
    assert (tracking.status, tracking.progress, tracking.budget, tracking.start_date) == (
        "in_progress",
        45,
        Decimal("1234.50"),
        date(2025, 3, 1),
    )


def test_rows_of_another_plan_are_refused(filled, staff):
    csv_text = "piano,codice_azione,avanzamento\npsm-2024-2026,1.1.2,10\n"
    with pytest.raises(ImportRefused) as refused:
        tracking_import(actor=staff, plan=filled.plan, sheets={"azioni": read_csv(csv_text.encode())})
    assert "psm-2024-2026" in refused.value.rows[0][2]


def test_only_staff_import(filled, steering_member):
    with pytest.raises(PermissionDenied):
        tracking_import(actor=steering_member, plan=filled.plan, sheets={"azioni": [(2, {"codice_azione": "1.1.1"})]})


def test_upload_checks(settings):
    from consultazione.core.exceptions import InvalidInput

    with pytest.raises(InvalidInput):
        read_upload(io.BytesIO(b"a,b\n"), filename="dati.csv")  # which sheet?
    with pytest.raises(InvalidInput):
        read_upload(io.BytesIO(b"x"), filename="dati.ods")
    with pytest.raises(InvalidInput):
        read_upload(io.BytesIO(b"not a zip"), filename="dati.xlsx")
    settings.MONITORING_IMPORT_MAX_BYTES = 10
    with pytest.raises(InvalidInput):
        read_upload(io.BytesIO(b"codice_azione\n1.1.1\n1.1.2\n"), filename="dati.csv", sheet="azioni")


def test_xlsx_sheets_are_matched_by_name_and_blank_rows_skipped():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Azioni"
    sheet.append(["Codice azione", "Avanzamento"])
    sheet.append(["1.1.1", 40])
    sheet.append([None, None])
    sheet.append(["1.1.2", 10])
    workbook.create_sheet("altro").append(["x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheets = read_xlsx(buffer.getvalue())
    assert list(sheets) == ["azioni"]
    assert sheets["azioni"] == [
        (2, {"codice_azione": "1.1.1", "avanzamento": 40}),
        (4, {"codice_azione": "1.1.2", "avanzamento": 10}),
    ]
