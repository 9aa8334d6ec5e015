from .curation import DuplicateOfForm, MergeForm, OutcomeForm, RetagForm, ThematicResponseForm
from .decisions import BlockForm, DecisionForm, DismissForm, ReportForm
from .netiquette import NetiquetteEditForm
from .queue import BulkDecisionForm, QueueFilterForm, parse_item_token

__all__ = [
    "BlockForm",
    "BulkDecisionForm",
    "DecisionForm",
    "DismissForm",
    "DuplicateOfForm",
    "MergeForm",
    "NetiquetteEditForm",
    "OutcomeForm",
    "QueueFilterForm",
    "ReportForm",
    "RetagForm",
    "ThematicResponseForm",
    "parse_item_token",
]
