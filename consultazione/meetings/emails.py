"""Emails to registered people, sent in the background after the registration commits."""

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from consultazione.core.sites import absolute_url

from .ics import meeting_ics
from .models import Registration, RegistrationStatus
from .tokens import cancel_token

SUBJECTS = {
    "confirmed": _("Iscrizione confermata: %(title)s"),
    "waiting": _("Sei in lista d'attesa: %(title)s"),
    "promoted": _("Si è liberato un posto: %(title)s"),
    "cancelled": _("Iscrizione annullata: %(title)s"),
    "meeting_cancelled": _("Incontro annullato: %(title)s"),
}


def registration_links(registration: Registration) -> dict[str, str]:
    return {
        "meeting_url": absolute_url(registration.meeting.get_absolute_url()),
        "cancel_url": absolute_url(reverse("meetings:cancel", kwargs={"token": cancel_token(registration)})),
    }


def calendar_part(ics: bytes, filename: str) -> MIMEText:
    """A text/calendar attachment with one charset parameter (RFC 6838): Django's attach() given
    "text/calendar; charset=…" would add a second one."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


@task()
def registration_email_send(registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("meeting", "meeting__venue_comune").filter(pk=registration_id).first()
    if registration is None or not registration.email or registration.anonymised_at:
        return
    with translation.override(settings.LANGUAGE_CODE):
        meeting = registration.meeting
        links = registration_links(registration)
        body = render_to_string(
            "meetings/email/registration.txt", {"registration": registration, "meeting": meeting, "kind": kind, **links}
        )
        message = EmailMessage(
            subject=str(SUBJECTS[kind]) % {"title": meeting.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if registration.status == RegistrationStatus.CONFIRMED and kind in {"confirmed", "promoted"}:
            message.attach(calendar_part(meeting_ics(meeting, url=links["meeting_url"]), f"{meeting.slug}.ics"))
        message.send()
