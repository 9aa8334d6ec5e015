from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "consultazione.moderation"
    label = "moderation"
    verbose_name = _("Moderazione")

    def ready(self):
        from consultazione.core import personal_data

        from . import privacy

        personal_data.register(
            "moderation", exporter=privacy.export, eraser=privacy.erase, profile_section=privacy.profile_section
        )
