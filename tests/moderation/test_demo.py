"""The moderation demo runs on the contributions demo through the real services; idempotent."""

from consultazione.accounts.roles import Role
from consultazione.contributions.demo import demo_load as contributions_demo_load
from consultazione.contributions.models import Comment, Contribution
from consultazione.moderation.demo import demo_load
from consultazione.moderation.models import Decision, ModeratorScope, Report, ThematicResponse
from consultazione.ops.demo import demo_users_ensure
from tests.conftest import make_user


def test_demo_fills_every_corner_of_the_moderator_ui(open_psm):
    users = demo_users_ensure()
    make_user(roles=[Role.STAFF])
    open_psm.set_phase("co_pianificazione")
    contributions_demo_load(process=open_psm.process, users=users)
    written = demo_load(process=open_psm.process, users=users)
    assert written == Decision.objects.count() >= 9
    actions = set(Decision.objects.values_list("action", flat=True))
    assert {"auto_hide", "hide", "merge", "outcome"} <= actions
    assert Report.objects.open().exists()
    assert Contribution.objects.filter(status="hidden", contains_personal_data=True).exists()
    assert Contribution.objects.filter(status="merged").count() == 1
    assert ThematicResponse.objects.get().records.count() >= 2
    assert Comment.objects.filter(status="pending").count() == 2
    assert ModeratorScope.objects.filter(zona__number=5).exists()
    assert demo_load(process=open_psm.process, users=users) == 0
