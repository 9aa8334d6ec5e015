"""Monitoring of approved plans: tracking of each action, indicators, updates, audit log, lineage."""

from .audit import ActionTrackingChange, ChangeSource
from .indicators import Indicator, IndicatorValue, Unit
from .lineage import LineageRelation, StrategyLineage
from .tracking import ActionTracking, TrackingStatus
from .updates import ActionUpdate, SteeringComment, UpdateKind

__all__ = [
    "ActionTracking",
    "ActionTrackingChange",
    "ActionUpdate",
    "ChangeSource",
    "Indicator",
    "IndicatorValue",
    "LineageRelation",
    "SteeringComment",
    "StrategyLineage",
    "TrackingStatus",
    "Unit",
    "UpdateKind",
]
