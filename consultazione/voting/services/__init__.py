"""Write operations of the voting app (one module per entity, re-exported here)."""

from .ballots import ballot_cast
from .exercises import exercise_close, exercise_create, exercise_open, exercise_update
from .supports import support_add, support_remove, supports_move

__all__ = [
    "ballot_cast",
    "exercise_close",
    "exercise_create",
    "exercise_open",
    "exercise_update",
    "support_add",
    "support_remove",
    "supports_move",
]
