from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "consultazione.meetings"
    label = "meetings"
    verbose_name = _("Incontri")

    def ready(self) -> None:
        from consultazione.core import pagecache

        from .models import (
            AgendaItem,
            Attendance,
            Meeting,
            MeetingReport,
            MeetingTable,
            Registration,
            TableContribution,
            TableOutput,
        )

        # an attendance moves the dashboard's attendance figures and organisations
        pagecache.invalidated_by((Meeting, AgendaItem, MeetingTable, Registration, Attendance), pagecache.MEETINGS)
        pagecache.invalidated_by((TableOutput, TableContribution, MeetingReport), pagecache.MEETINGS, pagecache.REPORTS)
        from consultazione.core import personal_data

        from . import personal_parts, rules  # noqa: F401 - registered on import
        from .personal_data import registrations_erase, registrations_export, registrations_profile_section

        personal_data.register(
            "meetings",
            exporter=registrations_export,
            eraser=registrations_erase,
            profile_section=registrations_profile_section,
        )
