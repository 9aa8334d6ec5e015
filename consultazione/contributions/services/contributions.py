"""Writes on contributions: submit (online or facilitated), update within the window, withdraw."""

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.names import NameKind, name_problems, normalise_name
from consultazione.core.permissions import check_perm
from consultazione.notifications.services import follow_auto
from consultazione.process.selectors import active_phase
from consultazione.stakeholders.selectors import user_represents

from .. import conf, lifecycle, limits, text
from ..models import KIND_RULES, Channel, Contribution
from ..pagecache import pages_changed
from ..selectors.plans import plan_error
from ._files import raise_if, uploads_check, uploads_store

UPDATABLE_FIELDS = frozenset({"title", "body", "axis", "strategy", "action", "zona", "comune"})


def reference_for(contribution: Contribution) -> str:
    year = timezone.localtime(contribution.created_at).year
    return f"{contribution.process.reference_prefix.upper()}-{KIND_RULES[contribution.kind].code}-{year}-{contribution.pk:05d}"


def _phase_for_entry(process, *, facilitated: bool):
    """The active phase; facilitated entries made between phases go to the latest started one."""
    phase = active_phase(process)
    if phase is not None or not facilitated:
        return phase
    today = timezone.localdate()
    phases = sorted(process.phases.all(), key=lambda p: p.position)
    started = [p for p in phases if p.start <= today]
    if started:
        return started[-1]
    return phases[0] if phases else None


def _text_errors(*, title: str | None, body: str | None) -> dict[str, list[str]]:
    """Problems of the title and body as typed (None: not being changed)."""
    errors: dict[str, list[str]] = {}
    max_title = Contribution._meta.get_field("title").max_length
    if title is not None and (problems := text.title_errors(title, min_chars=conf.TITLE_MIN_CHARS, max_chars=max_title)):
        errors["title"] = problems
    if body is not None and (problems := text.body_errors(body, max_chars=conf.body_max_chars())):
        errors["body"] = problems
    return errors


def _plan_errors(contribution: Contribution) -> dict[str, list[str]]:
    """The axis must belong to a plan open to the contribution's kind (selectors.plans_open_to)."""
    message = plan_error(contribution.process, contribution.kind, contribution.axis if contribution.axis_id else None)
    return {"axis": [message]} if message else {}


def _model_errors(contribution: Contribution, *, exclude: Iterable[str]) -> dict[str, list[str]]:
    try:
        contribution.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {}


def _merge(*dicts: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for errors in dicts:
        for field, messages in errors.items():
            merged.setdefault(field, []).extend(m for m in messages if m not in merged.get(field, []))
    return merged


def _check_submitter(*, author, process, organisation, channel: str, entered_by, source: str) -> None:
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("Canale sconosciuto.")]})
    if channel == Channel.ONLINE:
        check_perm(
            author,
            "contributions.add_contribution",
            process,
            message=_("Per inviare un contributo serve un account verificato e una fase che accetti contributi."),
        )
        if entered_by is not None and entered_by != author:
            raise InvalidInput(_("Un contributo online è inserito dal suo autore."))
    else:
        check_perm(
            entered_by,
            "contributions.add_facilitated_contribution",
            process,
            message=_("Solo i facilitatori e lo staff possono inserire contributi raccolti ai tavoli o per email."),
        )
        if not source.strip():
            raise ValidationError({"source": [_("Indica l'incontro, il tavolo o il documento da cui proviene il contributo.")]})
        if problems := name_problems(source, kind=NameKind.TEXT):
            raise ValidationError({"source": problems})
    if organisation is not None:
        if author is None:
            raise ValidationError({"organisation": [_("Un contributo a nome di un'organizzazione richiede un autore.")]})
        if not user_represents(author, organisation):
            raise ValidationError({"organisation": [_("Non risulti rappresentante verificato di questa organizzazione.")]})


def submitter_roles(submitted_by, *, channel: str) -> tuple[Any, Any]:
    """(author, entered_by) of a contribution sent by `submitted_by` on `channel`."""
    return (submitted_by, None) if channel == Channel.ONLINE else (None, submitted_by)


@transaction.atomic
def contribution_submit(
    *,
    author=None,
    process,
    kind: str,
    title: str,
    body: str,
    axis,
    strategy=None,
    action=None,
    zona=None,
    comune=None,
    organisation=None,
    is_private: bool = False,
    images: Iterable[Any] = (),
    documents: Iterable[Any] = (),
    channel: str = Channel.ONLINE,
    entered_by=None,
    submitted_by=None,
    source: str = "",
) -> Contribution:
    """Submit a contribution; files are checked in memory and written last, so a refusal stores nothing.

    `submitted_by` is the person at the keyboard (the web form and the API pass it): online they
    are the author; on any other channel they are the facilitator who enters it, and the
    contribution has no author account. Callers that know both roles pass `author`/`entered_by`."""
    if submitted_by is not None:
        if author is not None or entered_by is not None:
            raise TypeError("pass submitted_by, or author/entered_by, not both")
        author, entered_by = submitter_roles(submitted_by, channel=channel)
    source = normalise_name(source)
    _check_submitter(
        author=author, process=process, organisation=organisation, channel=channel, entered_by=entered_by, source=source
    )
    facilitated = channel != Channel.ONLINE
    phase = _phase_for_entry(process, facilitated=facilitated)
    if phase is None:
        raise InvalidInput(_("Il processo non ha fasi: impossibile registrare il contributo."))
    title = text.normalise_title(title)
    body = text.normalise(body)
    if comune is not None and zona is None:
        zona = comune.zona
    pre_moderated = is_private or process.contribution_moderation == "pre"
    contribution = Contribution(
        process=process,
        phase=phase,
        kind=kind,
        title=title,
        body=body,
        axis=axis,
        strategy=strategy,
        action=action,
        zona=zona,
        comune=comune,
        author=author,
        organisation=organisation,
        channel=channel,
        entered_by=entered_by if facilitated else None,
        source=source if facilitated else "",
        is_private=is_private,
    )
    lifecycle.apply(
        contribution, lifecycle.Action.SUBMIT if pre_moderated else lifecycle.Action.SUBMIT_PUBLISHED, lifecycle.Actor.AUTHOR
    )
    errors = _merge(_text_errors(title=title, body=body), _model_errors(contribution, exclude=["reference", "body", "title"]))
    if "axis" not in errors:
        errors = _merge(errors, _plan_errors(contribution))
    images, documents = list(images), list(documents)
    submitter = entered_by if facilitated else author
    charge_pixels = None
    if submitter is not None and (images or documents):  # every attempt with files counts, stored or not
        limits.upload_attempt(submitter, facilitated=facilitated)
        charge_pixels = partial(limits.decoded_pixels, submitter, facilitated=facilitated)
    processed_images, checked_documents, upload_errors = uploads_check(
        images=images, documents=documents, charge_pixels=charge_pixels
    )
    raise_if(_merge(errors, upload_errors))

    contribution.body = text.sanitise(body)
    contribution.save()
    contribution.reference = reference_for(contribution)
    contribution.save(update_fields=["reference"])
    uploads_store(contribution=contribution, images=processed_images, documents=checked_documents)
    follow_auto(user=author, contribution=contribution)
    pages_changed(contribution)
    return contribution


def contribution_text_checked(*, title: str | None = None, body: str | None = None) -> dict[str, str]:
    """Title and body through the author's text policy (normalised, checked, body sanitised); a None
    field is left out. Raises ValidationError. The moderators' netiquette edit uses it too."""
    fields: dict[str, str] = {}
    if title is not None:
        fields["title"] = " ".join(title.split())
    if body is not None:
        fields["body"] = text.normalise(body)
    raise_if(_text_errors(title=fields.get("title"), body=fields.get("body")))
    if "body" in fields:
        fields["body"] = text.sanitise(fields["body"])
    return fields


@transaction.atomic
def contribution_update(*, actor, contribution: Contribution, **fields) -> Contribution:
    """Change text and classification within the edit window (the kind and the reference stay)."""
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise InvalidInput(_("Questi campi non si possono modificare: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("process", "author")
        .prefetch_related("process__phases")
        .get(pk=contribution.pk)
    )
    check_perm(
        actor,
        "contributions.change_contribution",
        contribution,
        message=_("Il contributo non è più modificabile: puoi ritirarlo e inviarne uno nuovo."),
    )
    if "title" in fields:
        fields["title"] = text.normalise_title(fields["title"])
    if "body" in fields:
        fields["body"] = text.normalise(fields["body"])
    if "comune" in fields and fields["comune"] is not None and "zona" not in fields:
        fields["zona"] = fields["comune"].zona
    for name, value in fields.items():
        setattr(contribution, name, value)
    errors = _text_errors(title=fields.get("title"), body=fields.get("body"))
    errors = _merge(errors, _model_errors(contribution, exclude=["reference", "body", "title"]))
    if "axis" not in errors:
        errors = _merge(errors, _plan_errors(contribution))
    raise_if(errors)
    if "body" in fields:
        contribution.body = text.sanitise(contribution.body)
    now = timezone.now()
    changed = list(fields)
    if lifecycle.edit_goes_to_review(contribution) and {"title", "body"} & set(fields):
        _hold_text_for_review(contribution, changed=set(fields), now=now)
        changed = [name for name in changed if name not in ("title", "body")]
        changed += ["pending_title", "pending_body", "pending_edit_at"]
    else:
        contribution.edited_at = now
        changed.append("edited_at")
    contribution.save(update_fields=[*changed, "updated_at"])
    pages_changed(contribution)
    return contribution


def _hold_text_for_review(contribution: Contribution, *, changed: set[str], now) -> None:
    """Move the new title and body into the pending edit (a field not changed now keeps the text
    of an earlier pending edit) and put the approved text back: everybody else keeps reading it
    until a moderator approves the edit."""
    approved = Contribution.objects.only("title", "body").get(pk=contribution.pk)
    had_pending = contribution.pending_edit_at is not None
    for name in ("title", "body"):
        pending = f"pending_{name}"
        if name in changed:
            setattr(contribution, pending, getattr(contribution, name))
        elif not had_pending:
            setattr(contribution, pending, getattr(approved, name))
        setattr(contribution, name, getattr(approved, name))
    contribution.pending_edit_at = now


@transaction.atomic
def contribution_withdraw(*, actor, contribution: Contribution) -> Contribution:
    """The author (or the facilitator who entered it) withdraws it; supports and comments stay on record."""
    check_perm(actor, "contributions.withdraw_contribution", contribution, message=_("Non puoi ritirare questo contributo."))
    locked = Contribution.objects.select_for_update(of=("self",)).get(pk=contribution.pk)
    if not lifecycle.allows(locked, lifecycle.Action.WITHDRAW, lifecycle.Actor.AUTHOR):
        raise Conflict(_("Il contributo è già stato ritirato o chiuso."))
    fields = lifecycle.apply(locked, lifecycle.Action.WITHDRAW, lifecycle.Actor.AUTHOR)
    locked.save(update_fields=[*fields, "updated_at"])
    for name in fields:
        setattr(contribution, name, getattr(locked, name))
    pages_changed(locked)
    return contribution
