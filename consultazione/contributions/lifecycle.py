"""The lifecycle of a contribution: one state machine, the only place that says how a
contribution's status changes, who may change it, and whether the result is public.

Moderation wins. What a moderator hid or rejected stays non-public whatever its author does:
the author may still withdraw it, and it then *stays* hidden or rejected (with `withdrawn_at`
set), so withdrawing can never turn a moderation decision into "withdrawn after publication",
which is public. Moderators may also hide a contribution withdrawn after publication.

A lifecycle state is a little finer than the stored `status` (see `STORED`): "withdrawn" is
public only when the contribution had been published (`published_at`), and "hidden"/"rejected"
with `withdrawn_at` are the withdrawn variants of the moderation states.

Services call `transition()` (check and compute) and `apply()` (write the status columns);
`Contribution.objects.public()` and the view rule read `PUBLIC` / `LISTED` through `q_for()`.

Merged works like withdrawn: a contribution merged while published stays readable (its page
says which contribution it was merged into); one merged while pending or hidden stays non-public
(`merged_after_publication` tells the two apart).
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultazione.core.exceptions import InvalidInput

from .models import Comment, CommentStatus, Status


class State:
    NEW = "new"  # not saved yet (the source of "submit")
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # withdrawn after publication: readable, marked "ritirato"
    WITHDRAWN_UNPUBLISHED = "withdrawn_unpublished"  # withdrawn while waiting for moderation
    HIDDEN_WITHDRAWN = "hidden_withdrawn"  # hidden by a moderator, then withdrawn by its author
    REJECTED_WITHDRAWN = "rejected_withdrawn"  # rejected, then withdrawn by its author
    MERGED = "merged"  # merged after publication: readable, with a notice linking the kept contribution
    MERGED_UNPUBLISHED = "merged_unpublished"  # merged while pending or hidden: stays non-public


class Action:
    SUBMIT = "submit"  # pre-moderated process (or reserved to moderators)
    SUBMIT_PUBLISHED = "submit_published"  # post-moderated process
    EDIT = "edit"  # the text and classification (the status does not change)
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    AUTO_HIDE = "auto_hide"  # the system, after N open reports
    RESTORE = "restore"
    UNHIDE = "unhide"  # reports dismissed on an automatically hidden contribution
    WITHDRAW = "withdraw"
    MERGE = "merge"


class Actor:
    AUTHOR = "author"  # the author, or the facilitator who entered it
    MODERATOR = "moderator"  # a moderator in scope, or staff
    SYSTEM = "system"


STATES = tuple(value for name, value in vars(State).items() if name.isupper())
ACTIONS = tuple(value for name, value in vars(Action).items() if name.isupper())
ACTORS = tuple(value for name, value in vars(Actor).items() if name.isupper())

# Which states anyone may read (with is_private False and the author not blocked) …
PUBLIC = frozenset({State.PUBLISHED, State.WITHDRAWN, State.MERGED})
# … and which of them the default lists show (withdrawn ones are listed under ?status=withdrawn;
# merged ones never: they are duplicates, and a search by their reference finds the kept one).
LISTED = frozenset({State.PUBLISHED})

# (state, action) -> (actor, resulting state). A missing pair is refused.
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (State.NEW, Action.SUBMIT): (Actor.AUTHOR, State.PENDING),
    (State.NEW, Action.SUBMIT_PUBLISHED): (Actor.AUTHOR, State.PUBLISHED),
    (State.PENDING, Action.EDIT): (Actor.AUTHOR, State.PENDING),
    (State.PENDING, Action.APPROVE): (Actor.MODERATOR, State.PUBLISHED),
    (State.PENDING, Action.REJECT): (Actor.MODERATOR, State.REJECTED),
    (State.PENDING, Action.WITHDRAW): (Actor.AUTHOR, State.WITHDRAWN_UNPUBLISHED),
    (State.PENDING, Action.MERGE): (Actor.MODERATOR, State.MERGED_UNPUBLISHED),
    (State.PUBLISHED, Action.EDIT): (Actor.AUTHOR, State.PUBLISHED),
    (State.PUBLISHED, Action.HIDE): (Actor.MODERATOR, State.HIDDEN),
    (State.PUBLISHED, Action.AUTO_HIDE): (Actor.SYSTEM, State.HIDDEN),
    (State.PUBLISHED, Action.WITHDRAW): (Actor.AUTHOR, State.WITHDRAWN),
    (State.PUBLISHED, Action.MERGE): (Actor.MODERATOR, State.MERGED),
    (State.HIDDEN, Action.REJECT): (Actor.MODERATOR, State.REJECTED),
    (State.HIDDEN, Action.RESTORE): (Actor.MODERATOR, State.PUBLISHED),
    (State.HIDDEN, Action.UNHIDE): (Actor.MODERATOR, State.PUBLISHED),
    (State.HIDDEN, Action.WITHDRAW): (Actor.AUTHOR, State.HIDDEN_WITHDRAWN),
    (State.HIDDEN, Action.MERGE): (Actor.MODERATOR, State.MERGED_UNPUBLISHED),
    (State.REJECTED, Action.RESTORE): (Actor.MODERATOR, State.PUBLISHED),
    (State.REJECTED, Action.WITHDRAW): (Actor.AUTHOR, State.REJECTED_WITHDRAWN),
    (State.WITHDRAWN, Action.HIDE): (Actor.MODERATOR, State.HIDDEN_WITHDRAWN),
    (State.HIDDEN_WITHDRAWN, Action.REJECT): (Actor.MODERATOR, State.REJECTED_WITHDRAWN),
    (State.HIDDEN_WITHDRAWN, Action.RESTORE): (Actor.MODERATOR, State.WITHDRAWN),
    (State.HIDDEN_WITHDRAWN, Action.UNHIDE): (Actor.MODERATOR, State.WITHDRAWN),
}


# Comments have the moderation states only: no withdrawal (the author deletes: the text is blanked
# and the comment keeps its place in the thread), no merge. Public: published (and deleted, blank).
COMMENT_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (CommentStatus.PENDING, Action.APPROVE): (Actor.MODERATOR, CommentStatus.PUBLISHED),
    (CommentStatus.PENDING, Action.REJECT): (Actor.MODERATOR, CommentStatus.REJECTED),
    (CommentStatus.PUBLISHED, Action.HIDE): (Actor.MODERATOR, CommentStatus.HIDDEN),
    (CommentStatus.PUBLISHED, Action.AUTO_HIDE): (Actor.SYSTEM, CommentStatus.HIDDEN),
    (CommentStatus.HIDDEN, Action.REJECT): (Actor.MODERATOR, CommentStatus.REJECTED),
    (CommentStatus.HIDDEN, Action.RESTORE): (Actor.MODERATOR, CommentStatus.PUBLISHED),
    (CommentStatus.HIDDEN, Action.UNHIDE): (Actor.MODERATOR, CommentStatus.PUBLISHED),
    (CommentStatus.REJECTED, Action.RESTORE): (Actor.MODERATOR, CommentStatus.PUBLISHED),
}


@dataclass(frozen=True)
class Stored:
    """How a state is written in the columns of Contribution."""

    status: str
    withdrawn: bool | None = None  # withdrawn_at set? (None: either)
    published: bool | None = None  # published_at set? (None: either)
    merged_public: bool | None = None  # merged_after_publication? (None: either)

    def q(self) -> Q:
        condition = Q(status=self.status)
        if self.withdrawn is not None:
            condition &= Q(withdrawn_at__isnull=not self.withdrawn)
        if self.published is not None:
            condition &= Q(published_at__isnull=not self.published)
        if self.merged_public is not None:
            condition &= Q(merged_after_publication=self.merged_public)
        return condition


STORED: dict[str, Stored] = {
    State.PENDING: Stored(Status.PENDING),
    State.PUBLISHED: Stored(Status.PUBLISHED),
    State.HIDDEN: Stored(Status.HIDDEN, withdrawn=False),
    State.REJECTED: Stored(Status.REJECTED, withdrawn=False),
    State.WITHDRAWN: Stored(Status.WITHDRAWN, published=True),
    State.WITHDRAWN_UNPUBLISHED: Stored(Status.WITHDRAWN, published=False),
    State.HIDDEN_WITHDRAWN: Stored(Status.HIDDEN, withdrawn=True),
    State.REJECTED_WITHDRAWN: Stored(Status.REJECTED, withdrawn=True),
    State.MERGED: Stored(Status.MERGED, merged_public=True),
    State.MERGED_UNPUBLISHED: Stored(Status.MERGED, merged_public=False),
}

NOT_ALLOWED = gettext_lazy("Non si può applicare «%(action)s» a un contenuto nello stato «%(state)s».")
ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("invio"),
    Action.SUBMIT_PUBLISHED: gettext_lazy("invio"),
    Action.EDIT: gettext_lazy("modifica"),
    Action.APPROVE: gettext_lazy("Approvazione"),
    Action.REJECT: gettext_lazy("Rifiuto"),
    Action.HIDE: gettext_lazy("Oscuramento"),
    Action.AUTO_HIDE: gettext_lazy("Oscuramento automatico per segnalazioni"),
    Action.RESTORE: gettext_lazy("Ripristino"),
    Action.UNHIDE: gettext_lazy("Archiviazione delle segnalazioni"),
    Action.WITHDRAW: gettext_lazy("ritiro"),
    Action.MERGE: gettext_lazy("Unione in altro contributo"),
}


def _is_comment(item) -> bool:
    return isinstance(item, Comment)


def state_of(item, *, status: str | None = None) -> str:
    """The lifecycle state of a contribution or comment (NEW before it is saved); `status`
    reads it as if the stored status were that one (the state a moderator saw)."""
    if item.pk is None:
        return State.NEW
    status = item.status if status is None else status
    if _is_comment(item):
        return status
    withdrawn = item.withdrawn_at is not None
    if status == Status.WITHDRAWN:
        return State.WITHDRAWN if item.published_at is not None else State.WITHDRAWN_UNPUBLISHED
    if status == Status.HIDDEN:
        return State.HIDDEN_WITHDRAWN if withdrawn else State.HIDDEN
    if status == Status.REJECTED:
        return State.REJECTED_WITHDRAWN if withdrawn else State.REJECTED
    if status == Status.MERGED:
        return State.MERGED if item.merged_after_publication else State.MERGED_UNPUBLISHED
    return status


def is_public_state(state: str) -> bool:
    return state in PUBLIC


def q_for(states) -> Q:
    """A filter matching the contributions in any of `states`."""
    return reduce(operator.or_, (STORED[state].q() for state in sorted(states)))


def target(state: str, action: str, actor: str, *, table=TRANSITIONS) -> str | None:
    """The resulting state, or None if `actor` may not do `action` from `state`."""
    rule = table.get((state, action))
    if rule is None or rule[0] != actor:
        return None
    return rule[1]


def _table(item):
    return COMMENT_TRANSITIONS if _is_comment(item) else TRANSITIONS


def allows(item, action: str, actor: str) -> bool:
    return target(state_of(item), action, actor, table=_table(item)) is not None


def actions_for(item, actor: str) -> list[str]:
    state = state_of(item)
    return [action for action in ACTIONS if target(state, action, actor, table=_table(item)) is not None]


def stored_status(state: str) -> str:
    return STORED[state].status if state in STORED else state


def requested_status(item, action: str, actor: str, *, seen_status: str) -> str:
    """The status `action` leads to from the status a moderator saw ("" if none): for the audit."""
    result = target(state_of(item, status=seen_status), action, actor, table=_table(item))
    return stored_status(result) if result else ""


def transition(item, action: str, actor: str) -> str:
    """The state `action` leads to; InvalidInput (400) when the machine refuses it."""
    result = target(state_of(item), action, actor, table=_table(item))
    if result is None:
        raise InvalidInput(
            NOT_ALLOWED % {"action": ACTION_LABELS[action], "state": item.get_status_display()},
            code="transition_not_allowed",
        )
    return result


def apply(item, action: str, actor: str) -> list[str]:
    """Move a (locked) contribution or comment along `action`: set its status columns in memory
    and return the changed fields for `save(update_fields=…)`. Refused moves raise InvalidInput."""
    result = transition(item, action, actor)
    new_status = stored_status(result)
    changed = []
    if item.status != new_status:
        item.status = new_status
        changed.append("status")
    if _is_comment(item):
        return changed
    now = timezone.now()
    if result == State.PUBLISHED and item.published_at is None:
        item.published_at = now
        changed.append("published_at")
    if STORED[result].withdrawn and item.withdrawn_at is None or action == Action.WITHDRAW:
        item.withdrawn_at = now
        changed.append("withdrawn_at")
    if result == State.MERGED and not item.merged_after_publication:
        item.merged_after_publication = True
        changed.append("merged_after_publication")
    if action in (Action.WITHDRAW, Action.MERGE) and item.pending_edit_at is not None:
        # An edit waiting for moderation is moot once the author withdraws or it is merged away.
        item.pending_title, item.pending_body, item.pending_edit_at = "", "", None
        changed += ["pending_title", "pending_body", "pending_edit_at"]
    return changed


def edit_goes_to_review(item) -> bool:
    """Under pre-moderation an edit of published text waits for a moderator, and the approved
    text stays what everybody else reads until then (as Decidim does). Under post-moderation,
    and for content still pending, the edit applies at once."""
    if _is_comment(item):
        return item.status == CommentStatus.PUBLISHED and item.contribution.process.comment_moderation == "pre"
    return item.status == Status.PUBLISHED and (item.is_private or item.process.contribution_moderation == "pre")
