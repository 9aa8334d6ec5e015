from functools import partial

from django.db import transaction

from .. import broadcast


def session_changed(session_id: int) -> None:
    """After commit, push the new state of the session to every process (never per vote)."""
    transaction.on_commit(partial(broadcast.session_changed, session_id), robust=True)
