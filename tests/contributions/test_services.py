from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.contributions.models import Comment, CommentStatus, Contribution, Status
from consultazione.contributions.services import (
    comment_create,
    comment_delete,
    comment_update,
    contribution_update,
    contribution_withdraw,
)
from consultazione.core.exceptions import Conflict, PermissionDenied
from consultazione.stakeholders.models import Category, Membership, Organisation


def test_submit_publishes_and_assigns_reference(submit, citizen):
    contribution = submit(citizen)
    contribution.refresh_from_db()
    assert contribution.status == Status.PUBLISHED
    assert contribution.published_at is not None
    year = timezone.localtime(contribution.created_at).year
    assert contribution.reference == f"PSM-IDEA-{year}-{contribution.pk:05d}"
    assert contribution.phase.kind == "ascolto"


@pytest.mark.parametrize(("kind", "code"), [("idea", "IDEA"), ("criticita", "CRIT"), ("bisogno", "BISO")])
def test_reference_kind_codes(submit, citizen, kind, code):
    assert f"-{code}-" in submit(citizen, kind=kind).reference


def test_pre_moderation_and_private_stay_pending(submit, citizen, open_psm):
    private = submit(citizen, is_private=True)
    assert (private.status, private.published_at, private.is_private) == (Status.PENDING, None, True)
    open_psm.process.contribution_moderation = "pre"
    open_psm.process.save()
    assert submit(citizen).status == Status.PENDING


def test_comune_fills_its_zone(submit, citizen, open_psm):
    pinerolo = open_psm.comune("Pinerolo")
    contribution = submit(citizen, comune=pinerolo)
    assert contribution.zona_id == pinerolo.zona_id


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Breve"}, "title"),
        ({"title": "<b>Titolo in grassetto</b> lungo"}, "title"),
        ({"body": ""}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": "Ciao <script>alert(1)</script>"}, "body"),
        ({"body": 'Guarda <img src="x" onerror="alert(1)">'}, "body"),
        ({"kind": "proposta"}, "kind"),
    ],
)
def test_bad_text_is_refused_and_nothing_stored(submit, citizen, overrides, field):
    with pytest.raises(ValidationError) as info:
        submit(citizen, **overrides)
    assert field in info.value.message_dict
    assert not Contribution.objects.exists()


def test_script_message_names_the_tag(submit, citizen):
    with pytest.raises(ValidationError) as info:
        submit(citizen, body="Testo <script>alert(1)</script>")
    assert "<script>" in info.value.message_dict["body"][0]


def test_allowed_markup_is_sanitised(submit, citizen):
    contribution = submit(
        citizen, body='Vedi <a href="javascript:alert(1)" onclick="x()">qui</a> e <strong>subito</strong> a < b'
    )
    assert "javascript" not in contribution.body
    assert "onclick" not in contribution.body
    assert "<strong>subito</strong>" in contribution.body
    assert "a &lt; b" in contribution.body


def test_strategy_of_another_axis_is_refused(submit, citizen, open_psm):
    strategy_of_axis_1 = open_psm.axes[1].strategies.first()
    with pytest.raises(ValidationError) as info:
        submit(citizen, axis=open_psm.axes[3], strategy=strategy_of_axis_1)
    assert "strategy" in info.value.message_dict
    assert not Contribution.objects.exists()


def test_action_of_another_strategy_is_refused(submit, citizen, open_psm):
    axis = open_psm.axes[1]
    action_elsewhere = open_psm.axes[3].strategies.first().actions.first()
    with pytest.raises(ValidationError) as info:
        submit(citizen, axis=axis, strategy=axis.strategies.first(), action=action_elsewhere)
    assert "action" in info.value.message_dict


def test_comune_outside_zone_is_refused(submit, citizen, open_psm):
    with pytest.raises(ValidationError) as info:
        submit(citizen, zona=open_psm.zones[1], comune=open_psm.comune("Pinerolo"))
    assert "comune" in info.value.message_dict
    assert not Contribution.objects.exists()


def test_axis_of_another_plan_is_refused(submit, citizen, open_psm):
    old_axis = open_psm.previous_plan.axes.first()
    with pytest.raises(ValidationError) as info:
        submit(citizen, axis=old_axis)
    assert "axis" in info.value.message_dict


def test_wrong_phase_is_refused(submit, citizen, open_psm):
    open_psm.set_phase("approvazione")
    with pytest.raises(PermissionDenied):
        submit(citizen)
    assert not Contribution.objects.exists()


def _organisation(user=None, status=Membership.Status.VERIFIED):
    category = Category.objects.get(code="sindacati")
    organisation = Organisation.objects.create(name="Camera del Lavoro Val Susa", category=category, verified=True)
    if user is not None:
        Membership.objects.create(user=user, organisation=organisation, status=status)
    return organisation


def test_on_behalf_of_requires_verified_membership(submit, citizen):
    pending = _organisation(citizen, status=Membership.Status.PENDING)
    with pytest.raises(ValidationError) as info:
        submit(citizen, organisation=pending)
    assert "organisation" in info.value.message_dict
    Membership.objects.filter(organisation=pending).update(status=Membership.Status.VERIFIED)
    assert submit(citizen, organisation=pending).organisation == pending


def test_facilitated_entry_records_provenance(submit, facilitator, open_psm):
    open_psm.set_phase("approvazione")  # facilitators may enter late contributions in any phase
    contribution = submit(None, channel="tavolo", entered_by=facilitator, source="Tavolo ZO5 Pinerolo, 12/12/2023")
    assert contribution.author is None
    assert contribution.entered_by == facilitator
    assert contribution.source == "Tavolo ZO5 Pinerolo, 12/12/2023"
    assert contribution.phase.kind == "approvazione"


def test_facilitated_entry_needs_source_and_role(submit, facilitator, citizen):
    with pytest.raises(ValidationError) as info:
        submit(None, channel="email", entered_by=facilitator, source="  ")
    assert "source" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        submit(None, channel="tavolo", entered_by=citizen, source="Tavolo")


def test_online_submit_needs_an_author(submit):
    with pytest.raises(PermissionDenied):
        submit(None)


def test_update_within_window(submit, citizen, open_psm):
    contribution = submit(citizen)
    updated = contribution_update(
        actor=citizen, contribution=contribution, title="Treni ogni quarto d'ora sulla SFM2", body="Testo <em>nuovo</em>"
    )
    assert updated.title == "Treni ogni quarto d'ora sulla SFM2"
    assert updated.edited_at is not None
    assert updated.reference == contribution.reference


def test_update_after_window_is_refused(submit, citizen, settings):
    contribution = submit(citizen)
    Contribution.objects.filter(pk=contribution.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    contribution.refresh_from_db()
    with pytest.raises(PermissionDenied):
        contribution_update(actor=citizen, contribution=contribution, title="Titolo cambiato troppo tardi")
    settings.CONTRIBUTION_EDIT_WINDOW_MINUTES = 60
    contribution_update(actor=citizen, contribution=contribution, title="Titolo cambiato in tempo")


def test_update_validates_like_submit(submit, citizen, open_psm):
    contribution = submit(citizen)
    with pytest.raises(ValidationError) as info:
        contribution_update(actor=citizen, contribution=contribution, body="<iframe src=x></iframe>")
    assert "body" in info.value.message_dict
    with pytest.raises(ValidationError):
        contribution_update(actor=citizen, contribution=contribution, strategy=open_psm.axes[1].strategies.first())
    contribution.refresh_from_db()
    assert "iframe" not in contribution.body


def test_update_refuses_other_fields_and_other_people(submit, citizen, user_factory):
    contribution = submit(citizen)
    with pytest.raises(Exception, match="non si possono modificare"):
        contribution_update(actor=citizen, contribution=contribution, kind="bisogno")
    with pytest.raises(PermissionDenied):
        contribution_update(actor=user_factory(), contribution=contribution, title="Non sono l'autore io")


def test_withdraw_any_time_once(submit, citizen, open_psm):
    contribution = submit(citizen)
    open_psm.set_phase(None)
    contribution_withdraw(actor=citizen, contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.status == Status.WITHDRAWN
    assert contribution.withdrawn_at is not None
    with pytest.raises(PermissionDenied):
        contribution_withdraw(actor=citizen, contribution=contribution)


def test_withdraw_race_is_a_conflict(submit, citizen):
    contribution = submit(citizen)
    Contribution.objects.filter(pk=contribution.pk).update(status=Status.WITHDRAWN)
    with pytest.raises(Conflict):
        contribution_withdraw(actor=citizen, contribution=contribution)


def test_comments_thread_counts_and_depth(submit, citizen, user_factory):
    contribution = submit(citizen)
    other = user_factory()
    first = comment_create(author=other, contribution=contribution, body="Sono d'accordo", alignment=1)
    reply = comment_create(author=citizen, contribution=contribution, body="Grazie", parent=first)
    third = comment_create(author=other, contribution=contribution, body="Prego", parent=reply, alignment=-1)
    assert (first.depth, reply.depth, third.depth) == (1, 2, 3)
    with pytest.raises(ValidationError) as info:
        comment_create(author=citizen, contribution=contribution, body="Troppo in fondo", parent=third)
    assert "parent" in info.value.message_dict
    contribution.refresh_from_db()
    first.refresh_from_db()
    assert contribution.comment_count == 3
    assert first.reply_count == 1


def test_comment_pre_moderation_does_not_count(submit, citizen, open_psm):
    contribution = submit(citizen)
    open_psm.process.comment_moderation = "pre"
    open_psm.process.save()
    contribution.process.comment_moderation = "pre"
    comment = comment_create(author=citizen, contribution=contribution, body="In attesa")
    contribution.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert contribution.comment_count == 0


def test_comment_bad_input(submit, citizen):
    contribution = submit(citizen)
    with pytest.raises(ValidationError) as info:
        comment_create(author=citizen, contribution=contribution, body="<script>x</script>", alignment=7)
    assert {"body", "alignment"} <= set(info.value.message_dict)
    with pytest.raises(ValidationError):
        comment_create(author=citizen, contribution=contribution, body="y" * 2001)
    assert not Comment.objects.exists()


def test_comment_edit_window_and_delete_keeps_thread(submit, citizen, user_factory):
    contribution = submit(citizen)
    other = user_factory()
    parent = comment_create(author=other, contribution=contribution, body="Primo commento")
    reply = comment_create(author=citizen, contribution=contribution, body="Risposta", parent=parent)
    comment_update(actor=other, comment=parent, body="Primo commento, corretto", alignment=1)
    parent.refresh_from_db()
    assert (parent.body, parent.alignment) == ("Primo commento, corretto", 1)
    Comment.objects.filter(pk=parent.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    parent.refresh_from_db()
    with pytest.raises(PermissionDenied):
        comment_update(actor=other, comment=parent, body="Troppo tardi")
    comment_delete(actor=other, comment=parent)
    parent.refresh_from_db()
    reply.refresh_from_db()
    contribution.refresh_from_db()
    assert (parent.status, parent.body) == (CommentStatus.DELETED, "")
    assert reply.parent_id == parent.pk
    assert contribution.comment_count == 1
    with pytest.raises(PermissionDenied):
        comment_delete(actor=other, comment=parent)


def test_counters_use_atomic_updates(submit, citizen):
    contribution = submit(citizen)
    first = comment_create(author=citizen, contribution=contribution, body="Uno")
    Contribution.objects.filter(pk=contribution.pk).update(comment_count=10)  # someone else commented meanwhile
    comment_create(author=citizen, contribution=contribution, body="Due", parent=first)
    contribution.refresh_from_db()
    assert contribution.comment_count == 11
