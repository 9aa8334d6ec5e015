"""The email that tells a person the staff decision on their request to represent an organisation,
sent in the background after the decision commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from consultazione.core.sites import absolute_url

from .models import Membership

SUBJECTS = {
    Membership.Status.VERIFIED: _("Rappresentanza verificata: %(name)s"),
    Membership.Status.REJECTED: _("Richiesta di rappresentanza non accolta: %(name)s"),
}


@task()
def membership_decision_email_send(membership_id: int) -> None:
    membership = Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    if membership is None or membership.status not in SUBJECTS:
        return
    person = membership.user
    if not person.is_active or person.deleted_at:
        return
    context = {
        "membership": membership,
        "person": person,
        "profile_url": absolute_url(reverse("accounts:profile")),
        "submit_url": absolute_url(reverse("contributions:create")),
        "site_url": absolute_url(""),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(SUBJECTS[membership.status]) % {"name": membership.organisation.name}
        body = render_to_string("stakeholders/email/decision.txt", context)
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email]).send()


def membership_decision_notify(membership_id: int) -> None:
    """Call after commit (transaction.on_commit): queues the email task."""
    membership_decision_email_send.enqueue(membership_id)
