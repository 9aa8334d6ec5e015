from django.db import transaction

from .. import broadcast


def session_changed(session_id: int) -> None:
    """After commit, push the new state of the session to every process (never per vote).

    `robust`: a failure to publish is logged and does not undo the committed change; screens
    catch up on their next tick or reconnect.
    """
    transaction.on_commit(lambda: broadcast.session_changed(session_id), robust=True)


def participant_changed(participant_id: int, question_id: int) -> None:
    """After commit, push a participant's own answers to that question to its phones only
    (a moderator approved or rejected its text): the `mine` frame, never broadcast to others."""
    transaction.on_commit(lambda: broadcast.participant_changed(participant_id, question_id), robust=True)
