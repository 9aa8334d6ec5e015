"""Writes of the monitoring app. Views, admin, API and import all go through these functions."""

from .importing import ImportRefused, ImportReport, tracking_import
from .indicators import indicator_delete, indicator_save, indicator_value_delete, indicator_value_record, indicator_value_save
from .lineage import lineage_delete, lineage_save, lineage_set
from .polls import proposal_poll_create
from .tracking import tracking_ensure, tracking_save, tracking_update, trackings_start_for_plan
from .updates import action_update_delete, action_update_save, steering_comment_create

__all__ = [
    "ImportRefused",
    "ImportReport",
    "action_update_delete",
    "action_update_save",
    "indicator_delete",
    "indicator_save",
    "indicator_value_delete",
    "indicator_value_record",
    "indicator_value_save",
    "lineage_delete",
    "lineage_save",
    "lineage_set",
    "proposal_poll_create",
    "steering_comment_create",
    "tracking_ensure",
    "tracking_import",
    "tracking_save",
    "tracking_update",
    "trackings_start_for_plan",
]
