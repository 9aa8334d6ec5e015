from consultazione.monitoring.selectors import plan_progress


def test_rollup_matches_hand_computation(mini, django_assert_num_queries):
    with django_assert_num_queries(2):
        rollup = plan_progress(plan=mini.plan)
    strategies = {s.strategy.code: s for axis in rollup.axes for s in axis.strategies}
    # strategy = plain average of its actions, the merged 1.2.2 left out, untracked 1.1.3 counts 0
    assert strategies["1.1"].progress == 50.0  # (100 + 50 + 0) / 3
    assert strategies["1.2"].progress == 20.0  # 1.2.2 merged: only 1.2.1
    assert strategies["1.3"].progress is None  # no action
    assert strategies["2.1"].progress == 30.0
    axes = {item.axis.code: item for item in rollup.axes}
    assert axes[1].progress == 35.0  # (50 + 20) / 2, strategy 1.3 without actions left out
    assert axes[2].progress == 30.0
    assert axes[3].progress is None
    assert rollup.progress == 32.5  # (35 + 30) / 2


def test_status_counts_roll_up(mini):
    rollup = plan_progress(plan=mini.plan)
    assert rollup.axis(1).status_counts == {
        "not_started": 1,
        "in_progress": 2,
        "completed": 1,
        "suspended": 0,
        "merged": 1,
    }
    assert rollup.action_count == 6
    assert rollup.status_counts["suspended"] == 1


def test_rollup_of_one_axis(mini):
    rollup = plan_progress(plan=mini.plan, axis=mini.axes[2])
    assert [item.axis.code for item in rollup.axes] == [2]
    assert rollup.axes[0].progress == 30.0


def test_rollup_follows_a_change(mini, staff):
    from consultazione.monitoring.services import tracking_update

    tracking_update(actor=staff, action=mini.actions["1.1.3"], data={"status": "in_progress", "progress": 40}, source="api")
    rollup = plan_progress(plan=mini.plan)
    assert rollup.axis(1).strategies[0].progress == 63.3  # (100 + 50 + 40) / 3 = 63.33
