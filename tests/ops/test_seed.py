import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from consultazione.plan.models import Action, Axis, Plan, Strategy
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea


def _counts():
    return {
        "plans": Plan.objects.count(),
        "axes": Axis.objects.count(),
        "strategies": Strategy.objects.count(),
        "actions": Action.objects.count(),
        "zones": ZonaOmogenea.objects.count(),
        "comuni": Comune.objects.count(),
        "macro": MacroArea.objects.count(),
        "phases": Phase.objects.count(),
        "categories": Category.objects.count(),
    }


def test_seed_loads_plan_territory_process(psm):
    assert psm.plan.axes.count() == 6
    assert ZonaOmogenea.objects.count() == 11
    assert Comune.objects.count() == 312
    assert Comune.objects.filter(zona__isnull=True).count() == 0
    assert MacroArea.objects.count() == 6
    assert psm.process.phases.count() == 4
    assert [p.kind for p in psm.process.phases.order_by("position")] == [
        "analisi",
        "ascolto",
        "co_pianificazione",
        "approvazione",
    ]
    assert Category.objects.count() == 10
    assert psm.process.plan_revised == psm.previous_plan
    assert psm.process.plan_produced == psm.plan
    torino = Comune.objects.get(istat_code="001272")
    assert torino.name == "Torino" and torino.zona.number == 1 and torino.zona.macro_area.code == "A"
    assert Strategy.objects.filter(axis__plan=psm.plan).count() == 5
    assert Action.objects.filter(strategy__axis__plan=psm.plan).count() == 11
    assert Action.objects.get(strategy__axis__plan=psm.plan, code="1.1.3").title_is_partial


def test_seed_is_idempotent(psm):
    before = _counts()
    call_command("seed", verbosity=0)
    assert _counts() == before


def test_seed_keeps_a_zone_corrected_by_staff(psm):
    comune = Comune.objects.get(name="Pinerolo")
    comune.zona = psm.zones[6]
    comune.save()
    call_command("seed", verbosity=0)
    comune.refresh_from_db()
    assert comune.zona.number == 6


@pytest.fixture
def data_copy(tmp_path, settings):
    source = settings.BASE_DIR / "data" / "seed"
    target = tmp_path / "seed"
    shutil.copytree(source, target)
    return target


def test_malformed_zone_file_names_file_and_row_and_writes_nothing(db, data_copy):
    Process.objects.all().delete()
    lines = (data_copy / "zone_omogenee.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = "001120,Grugliasco,due,AMT Ovest,x"
    (data_copy / "zone_omogenee.csv").write_text("\n".join(lines), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("seed", data_dir=data_copy, verbosity=0)
    assert "zone_omogenee.csv" in str(excinfo.value)
    assert "riga 6" in str(excinfo.value)
    assert _counts() == before


def test_malformed_plan_file_rolls_back(db, data_copy):
    data = json.loads((data_copy / "psm_2024_2026.json").read_text(encoding="utf-8"))
    data["axes"][1]["strategies"][0]["code"] = "9.9"
    (data_copy / "psm_2024_2026.json").write_text(json.dumps(data), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("seed", data_dir=data_copy, verbosity=0)
    assert "psm_2024_2026.json" in str(excinfo.value)
    assert "axes[1].strategies[0]" in str(excinfo.value)
    assert _counts() == before


def test_duplicate_action_code_is_refused(db, data_copy):
    data = json.loads((data_copy / "psm_2024_2026.json").read_text(encoding="utf-8"))
    actions = data["axes"][0]["strategies"][0]["actions"]
    actions.append(dict(actions[0]))
    (data_copy / "psm_2024_2026.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="ripetuto"):
        call_command("seed", data_dir=data_copy, verbosity=0)


def test_demo_is_refused_without_development_settings(db, settings):
    settings.CREATE_DEMO_ADMIN = False
    with pytest.raises(CommandError, match="development"):
        call_command("seed", demo=True, verbosity=0)
