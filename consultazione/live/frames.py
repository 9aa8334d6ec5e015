"""The JSON frames of the live protocol (docs/live-protocol.md), built once and shared by every socket.

Four audiences (models.STAFF, PROJECTOR, PHONES, ANSWERED): the presenter console (every count,
the moderation queue), the projector, phones that have not answered the question on screen and
phones that have. Each gets the counts only when `Question.results_visible_to` says so, otherwise
just how many answered: a phone never receives figures it may not show.
"""

import json
import time

from .figures import live_figures
from .kinds import SCALE
from .models import PROJECTOR, STAFF, Question
from .selectors import Tally
from .shapes import for_frame


def dumps(payload: dict) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def now_ms() -> int:
    return int(time.time() * 1000)


def question_payload(tally: Tally) -> dict | None:
    question: Question | None = tally.question
    if question is None:
        return None
    payload = {
        "id": question.pk,
        "kind": question.kind,
        "text": question.text,
        "state": question.state,
        "round": question.round,
        "position": question.position,
        "changeable": question.changeable,
        "max_choices": question.max_choices,
        "visibility": question.visibility,
        "phone_visibility": question.phone_visibility,
        "revealed": question.revealed,
        "options": [],
        "scale": None,
    }
    if question.spec.shows_options:
        payload["options"] = [{"id": option.pk, "label": option.label} for option in tally.options]
    if question.spec.uses(SCALE):
        payload["scale"] = {
            "max": question.scale_max,
            "min_label": question.scale_min_label,
            "max_label": question.scale_max_label,
        }
    return payload


def results_payload(tally: Tally, *, staff: bool, audience: str = PROJECTOR) -> dict | None:
    question = tally.question
    if question is None:
        return None
    public = question.results_public
    visible = staff or question.results_visible_to(audience)
    results = {"question": question.pk, "round": question.round, "total": tally.total, "visible": visible}
    if staff:
        results["public"] = public
        results["pending"] = tally.pending
    if not results["visible"]:
        return results
    # The figures (figures.py), without the option labels the question payload already carries.
    return results | for_frame(live_figures(tally))


def session_payload(tally: Tally) -> dict:
    session = tally.session
    return {
        "code": session.code,
        "title": session.title,
        "join": session.show_join,
        "ended": session.is_ended,
        "participants": tally.participants,
    }


def audience_of(name: str) -> dict:
    """The keyword arguments of `state`/`result` for one audience name."""
    return {"staff": name == STAFF, "audience": name}


def state(tally: Tally, *, version: int, staff: bool, ts: int, audience: str = PROJECTOR) -> dict:
    """The whole screen: session, question, results (sent on every control change and on hello)."""
    return {
        "type": "state",
        "version": version,
        "ts": ts,
        "session": session_payload(tally),
        "question": question_payload(tally),
        "results": results_payload(tally, staff=staff, audience=audience),
    }


def result(tally: Tally, *, version: int, staff: bool, ts: int, audience: str = PROJECTOR) -> dict:
    """A coalesced tick: the counters of the question on screen."""
    return {
        "type": "result",
        "version": version,
        "ts": ts,
        "participants": tally.participants,
        "results": results_payload(tally, staff=staff, audience=audience),
    }


def question_key(tally: Tally) -> str | None:
    """Which answer makes a phone one that "answered" (hub.py): the question on screen and its round."""
    question = tally.question
    return None if question is None else f"{question.pk}:{question.round}"
