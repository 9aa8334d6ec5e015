"""The full snapshot a client gets on (re)connect: the shared state plus the participant's own answers.

During a reconnect storm thousands of phones ask at once: the shared part is read once per
version in each process and reused; only "my answers" is a query per phone.
"""

from . import frames, selectors, shared_state

_recent: dict[int, tuple[int, int, selectors.Tally]] = {}


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
    frame = frames.state(tally, version=version, staff=staff, ts=ts)
    frame["type"] = "snapshot"
    if participant_id is not None:
        frame["me"] = selectors.participant_answers(participant_id, tally.question)
    return frame
