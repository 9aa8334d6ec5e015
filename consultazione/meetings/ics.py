"""A minimal iCalendar (RFC 5545) file for one meeting: enough for every calendar client."""

from datetime import UTC, datetime

from django.utils import timezone

from consultazione.core.sites import site_domain


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        size = len(char.encode("utf-8"))
        if len(current) + size > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += char.encode("utf-8")
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_location(meeting) -> str:
    if meeting.is_in_person:
        parts = [meeting.venue_name, meeting.venue_address, meeting.venue_comune.name if meeting.venue_comune_id else ""]
        return ", ".join(part for part in parts if part)
    return meeting.online_url


def meeting_ics(meeting, *, url: str) -> bytes:
    """The meeting as an iCalendar event. It carries nothing personal: an invite gets forwarded, so
    a registration's cancellation link belongs in the email body only."""
    site = site_domain()
    description = meeting.description or meeting.title
    if meeting.is_online and meeting.online_url:
        description += f"\n\nCollegamento: {meeting.online_url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Consultazione PSM//Incontri//IT",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{site}",
        f"DTSTAMP:{_stamp(timezone.now())}",
        f"DTSTART:{_stamp(meeting.starts_at)}",
        f"DTEND:{_stamp(meeting.ends_at)}",
        f"SUMMARY:{_escape(meeting.title)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(meeting_location(meeting))}",
        f"URL:{url}",
        "STATUS:CANCELLED" if meeting.cancelled_at else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
