import json

from django.template.loader import render_to_string

from consultazione.core import personal_data
from consultazione.monitoring.demo import demo_load
from consultazione.monitoring.models import ActionTracking, ActionTrackingChange, ActionUpdate, IndicatorValue, SteeringComment
from consultazione.monitoring.selectors import axis_progress_section, plan_comparison, plan_progress
from consultazione.monitoring.services import steering_comment_create


def test_demo_load_fills_both_plans_and_is_idempotent(psm, staff):
    loaded = demo_load(process=psm.process, users={"admin": staff})
    assert loaded > 20
    assert ActionTracking.objects.filter(action__strategy__axis__plan=psm.previous_plan).count() == 10
    assert ActionTracking.objects.filter(action__strategy__axis__plan=psm.plan).count() == 11
    assert IndicatorValue.objects.exists() and ActionUpdate.objects.filter(kind="proposal").exists()
    assert plan_progress(plan=psm.plan).progress > 0
    manual = [row for row in plan_comparison(previous=psm.previous_plan, following=psm.plan).rows if row.manual]
    assert {row.relation for row in manual} == {"merged", "carried_over"}
    changes = ActionTrackingChange.objects.count()
    assert demo_load(process=psm.process, users={"admin": staff}) == loaded
    assert ActionTrackingChange.objects.count() == changes  # nothing changed the second time


def test_axis_section_for_the_cms_axis_page(psm, staff):
    demo_load(process=psm.process, users={"admin": staff})
    axis = psm.axes[1]
    section = axis_progress_section(axis)
    html = render_to_string(section["template"], {"section": section})
    assert "A che punto è l'attuazione" in html
    assert "/monitoraggio/piano/psm-2024-2026/asse-1/" in html and "<progress" in html


def test_personal_data_export_and_erasure(psm, staff, steering_member):
    demo_load(process=psm.process, users={"admin": staff})
    update = ActionUpdate.objects.filter(kind="proposal").first()
    steering_comment_create(author=steering_member, update=update, body="Parere favorevole.")
    exported = personal_data.export_for(steering_member)["monitoring"]
    assert exported["steering_comments"][0]["body"] == "Parere favorevole."
    json.dumps(exported, default=str)
    assert personal_data.export_for(staff)["monitoring"]["action_updates_authored"]
    personal_data.erase_for(steering_member)
    assert not SteeringComment.objects.exists()
    personal_data.erase_for(staff)
    assert not ActionUpdate.objects.filter(author=staff).exists()
