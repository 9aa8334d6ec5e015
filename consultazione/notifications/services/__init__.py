from .events import comment_published, outcome_recorded
from .follows import follow_auto, follow_set, follows_move
from .preferences import preferences_update, unsubscribe

__all__ = [
    "comment_published",
    "follow_auto",
    "follow_set",
    "follows_move",
    "outcome_recorded",
    "preferences_update",
    "unsubscribe",
]
