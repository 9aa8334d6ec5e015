"""Dashboard figures against the hand-computed world of conftest.py."""

from consultazione.reports.selectors import STATISTICS, Reference, dashboard
from tests.reports.conftest import build_world


def _counts(rows) -> dict:
    return {row.key: row.count for row in rows if row.count}


def test_contribution_figures(world):
    d = dashboard(process=world.psm.process)
    zone_a = world.psm.comune("Pinerolo").zona
    zone_b = world.contributions["c4"].zona
    c = d.contributions
    assert c.total == 5  # c1 c2 c3 c4 c9: published, not private, author not blocked
    assert _counts(c.by_kind) == {"idea": 3, "criticita": 1, "bisogno": 1}
    axis1, axis2 = str(world.psm.axes[1].pk), str(world.psm.axes[2].pk)
    assert _counts(c.by_axis) == {axis1: 3, axis2: 2}
    assert _counts(c.by_channel) == {"online": 3, "email": 1, "tavolo": 1}
    assert _counts(c.by_zone) == {str(zone_a.pk): 3, str(zone_b.pk): 1, "": 1}
    assert sum(row.count for row in c.by_macro_area) == 5
    assert [row.count for row in c.by_phase if row.count] == [5]
    matrix = {row.key: cells for row, cells in zip(c.kind_by_axis.rows, c.kind_by_axis.cells, strict=True)}
    kinds = [col.key for col in c.kind_by_axis.columns]
    assert dict(zip(kinds, matrix[axis1], strict=True)) == {"idea": 2, "criticita": 1, "bisogno": 0}
    assert dict(zip(kinds, matrix[axis2], strict=True)) == {"idea": 1, "criticita": 0, "bisogno": 1}


def test_funnel_outcomes_and_top_supported(world):
    d = dashboard(process=world.psm.process)
    f = d.moderation_funnel
    assert (f.received, f.published, f.pending, f.not_published, f.merged, f.withdrawn) == (9, 7, 1, 1, 0, 1)
    assert d.outcomes.with_outcome == 2
    assert _counts(d.outcomes.by_outcome) == {"accolto": 1, "non_accolto": 1, "": 3}
    assert [(t.reference, t.support_count) for t in d.top_supported] == [("PSM-R-1", 2), ("PSM-R-3", 1)]


def test_participants_meetings_priorities_territory(world):
    d = dashboard(process=world.psm.process)
    p = d.participants
    assert p.people_online == 6  # alice bob erin frank (authors) carol (comment) judy (ballot)
    assert (p.organisations_total, p.institutions_total) == (2, 1)
    assert _counts(p.organisations) == {"cooperazione": 1, "sindacati": 1}
    assert _counts(p.institutions) == {"enti_locali": 1}
    m = d.meetings
    assert (m.held, m.upcoming, m.attendance_total) == (1, 1, 3)
    assert _counts(m.attendance_by_category) == {"sindacati": 1, "": 2}
    assert [(row.title, row.attendance) for row in m.held_meetings] == [("Incontro svolto", 3)]
    [exercise] = d.priorities
    assert exercise.participants == 2
    assert [(item.rank, item.score, item.voters) for item in exercise.items] == [(1, 6, 2), (2, 3, 1)]
    assert [label.split(" ")[0] for _zone, label in exercise.top_by_zone] == [
        world.strategies[0].code if zone == str(world.psm.comune("Pinerolo").zona) else world.strategies[1].code
        for zone, _label in exercise.top_by_zone
    ]
    zones = {row["number"]: row for row in d.territory.zones}
    zone_a = world.psm.comune("Pinerolo").zona
    assert (zones[zone_a.number]["contributions"], zones[zone_a.number]["ballots"]) == (3, 1)
    assert zones[None]["contributions"] == 1


def test_axis_filter_applies_to_every_figure(world):
    d = dashboard(process=world.psm.process, axis=world.psm.axes[1])
    assert d.contributions.total == 3
    assert d.participants.people_online == 3  # alice, bob (authors), carol (comment, support)
    assert d.priorities == []  # the plan-wide exercise has no axis
    assert (d.meetings.held, d.meetings.upcoming) == (1, 0)
    assert d.moderation_funnel.received == 6  # c1 c2 c5 c7 c9 c10


def test_zone_filter(world):
    zone_a = world.psm.comune("Pinerolo").zona
    d = dashboard(process=world.psm.process, zona=zone_a)
    assert d.contributions.total == 3
    # one ballot in the zone: not shown (issue 16 item 9g)
    assert d.priorities[0].participants is None and d.priorities[0].hidden and d.priorities[0].items == []
    assert d.meetings.held == 1


def test_query_count_does_not_grow_with_data(world, psm, django_assert_num_queries):
    ref = Reference.load(psm.process)
    with django_assert_num_queries(12):
        dashboard(process=psm.process, ref=ref)
    build_world(psm, suffix="-bis")  # a second copy of every row: more people, meetings, ballots
    with django_assert_num_queries(12):
        dashboard(process=psm.process, ref=ref)


def test_every_statistic_has_a_definition():
    assert {
        "participants",
        "contributions",
        "moderation_funnel",
        "outcomes",
        "top_supported",
        "priorities",
        "meetings",
        "territory",
    } <= set(STATISTICS)
    for stat in STATISTICS.values():
        assert len(stat.definition) > 80, stat.key
