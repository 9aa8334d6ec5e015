"""The full snapshot a client gets on (re)connect: the shared state plus the participant's own answers.

During a reconnect storm thousands of phones ask at once: the shared part is read once per
version in each process and reused; only "my answers" is a query per phone.
"""

from . import frames, selectors, shared_state
from .models import ANSWERED, PHONES, PROJECTOR, STAFF

_recent: dict[int, tuple[int, int, selectors.Tally]] = {}


def answered_key(me: dict | None) -> str | None:
    """ "<question id>:<round>" when the participant's answers (`me`) hold an answer, else None."""
    if not me or not (me.get("choices") or me.get("entries")):
        return None
    return f"{me['question']}:{me['round']}"


def snapshot(session_id: int, *, code: str, staff: bool = False, participant_id: int | None = None) -> dict | None:
    version = shared_state.version_current(code)  # before the read: see shared_state.py, Versions
    cached = _recent.get(session_id)
    if cached is not None and cached[0] == version:
        _version, ts, tally = cached
    else:
        ts = frames.now_ms()
        tally = selectors.live_tally(session_id)
        if tally is None:
            return None
        _recent[session_id] = (version, ts, tally)
    me = None if participant_id is None else selectors.participant_answers(participant_id, tally.question)
    if staff:
        audience = STAFF
    elif participant_id is None:
        audience = PROJECTOR
    else:
        audience = ANSWERED if answered_key(me) else PHONES
    frame = frames.state(tally, version=version, ts=ts, **frames.audience_of(audience))
    frame["type"] = "snapshot"
    if participant_id is not None:
        frame["me"] = me
    return frame
