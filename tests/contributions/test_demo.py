from consultazione.contributions.demo import demo_load
from consultazione.contributions.models import Comment, Contribution
from consultazione.ops.demo import demo_users_ensure


def test_demo_spreads_over_axes_zones_and_kinds_and_is_idempotent(open_psm):
    users = demo_users_ensure()
    open_psm.set_phase("co_pianificazione")
    created = demo_load(process=open_psm.process, users=users)
    assert 50 <= created <= 60
    public = Contribution.objects.public()
    assert public.count() == created
    assert set(public.values_list("kind", flat=True)) == {"idea", "criticita", "bisogno"}
    assert public.values("axis").distinct().count() == 6
    assert public.exclude(zona=None).values("zona").distinct().count() >= 8
    assert public.filter(channel="tavolo").exists() and public.exclude(organisation=None).exists()
    assert Comment.objects.filter(contribution__in=public).count() >= 15
    assert demo_load(process=open_psm.process, users=users) == 0
