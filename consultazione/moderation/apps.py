from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "consultazione.moderation"
    label = "moderation"
    verbose_name = _("Moderazione")

    def ready(self):
        from consultazione.core import pagecache, personal_data

        from .models import Report

        # "You reported this" is the reporter's own state (the detail page's moderation box, kept per person).
        pagecache.invalidated_by((Report,), pagecache.person_of("reporter_id"))

        from . import privacy

        personal_data.register(
            "moderation", exporter=privacy.export, eraser=privacy.erase, profile_section=privacy.profile_section
        )
