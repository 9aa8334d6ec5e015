"""Emails to the people concerned by a decision, sent in the background after the decision commits.

Automatic hides and manual hides have different wording (people must know whether a person
looked at their content); every email carries the reason and the link to the netiquette.
"""

from dataclasses import replace

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from consultazione.contributions.selectors import merged_into_for
from consultazione.core.sites import absolute_url

from .conf import netiquette_url
from .items import item_contribution, item_label
from .models import Decision
from .reasons import REASON_DESCRIPTIONS

A = Decision.Action

SUBJECTS = {
    A.APPROVE: _("Pubblicato: %(item)s"),
    A.REJECT: _("Non pubblicato: %(item)s"),
    A.HIDE: _("Oscurato dai moderatori: %(item)s"),
    A.AUTO_HIDE: _("Oscurato in attesa di verifica: %(item)s"),
    A.RESTORE: _("Di nuovo visibile: %(item)s"),
    A.APPROVE_EDIT: _("Modifica pubblicata: %(item)s"),
    A.REJECT_EDIT: _("Modifica non pubblicata: %(item)s"),
    A.DISMISS_REPORTS: _("Di nuovo visibile: %(item)s"),
    A.MERGE: _("Unito a un contributo simile: %(item)s"),
    A.NETIQUETTE_EDIT: _("Modificato dalla moderazione: %(item)s"),
    A.OUTCOME: _("Esito del tuo contributo: %(item)s"),
    A.BLOCK: _("Il tuo account è stato bloccato"),
    A.UNBLOCK: _("Il tuo account è stato sbloccato"),
}


def contribution_url(contribution) -> str:
    if not contribution.reference:
        return ""
    return absolute_url(reverse("contributions:detail", kwargs={"reference": contribution.reference}))


def merged_into(decision: Decision, recipient):
    """For a merge: the kept contribution as the recipient may see it, its link absolute (None otherwise)."""
    if decision.action != A.MERGE or decision.contribution is None:
        return None
    kept = merged_into_for(decision.contribution, recipient)
    if kept is not None and kept.readable:
        kept = replace(kept, url=absolute_url(kept.url))
    return kept


def recipient_for(decision: Decision):
    if decision.subject_user_id:
        return decision.subject_user
    target = decision.comment or decision.contribution
    return target.author if target is not None else None


def wants_email(decision: Decision) -> bool:
    if decision.result != Decision.Result.APPLIED or decision.action not in SUBJECTS:
        return False
    # Dismissing reports only concerns the author when it made the content visible again.
    return decision.action != A.DISMISS_REPORTS or decision.from_state != decision.to_state


@task()
def decision_email_send(decision_id: int) -> None:
    decision = (
        Decision.objects.select_related(
            "contribution__author",
            "contribution__merged_into__author",
            "comment__author",
            "comment__contribution",
            "subject_user",
            "related_contribution",
        )
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or not wants_email(decision):
        return
    recipient = recipient_for(decision)
    if recipient is None or not recipient.is_active or recipient.deleted_at:
        return
    item = decision.comment or decision.contribution
    context = {
        "decision": decision,
        "recipient": recipient,
        "item_label": item_label(item) if item else "",
        "reason_description": REASON_DESCRIPTIONS.get(decision.reason_code, ""),
        "netiquette_url": absolute_url(netiquette_url()),
        "reasons_url": absolute_url(reverse("moderation:reasons")),
        "profile_url": absolute_url(reverse("accounts:profile")),
        "outcome": getattr(decision.contribution, "outcome_record", None) if decision.action == A.OUTCOME else None,
        "contribution_url": contribution_url(item_contribution(item)) if item else "",
        "site_url": absolute_url(""),
        "merged_into": merged_into(decision, recipient),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(SUBJECTS[decision.action]) % {"item": context["item_label"]}
        body = render_to_string("moderation/email/decision.txt", context)
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email]).send()


def decision_notify(decision_id: int) -> None:
    """Call after commit (transaction.on_commit): queues the email task."""
    decision_email_send.enqueue(decision_id)
