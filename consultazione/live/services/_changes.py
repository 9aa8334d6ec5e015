from django.db import transaction

from .. import broadcast


def session_changed(session_id: int) -> None:
    """After commit, push the new state of the session to every process (never per vote).

    `robust`: a failure to publish is logged and does not undo the committed change; screens
    catch up on their next tick or reconnect.
    """
    transaction.on_commit(lambda: broadcast.session_changed(session_id), robust=True)
