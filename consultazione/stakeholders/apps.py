from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "consultazione.stakeholders"
    label = "stakeholders"
    verbose_name = _("Portatori di interesse")

    def ready(self):
        from consultazione.core import pagecache, personal_data

        from .models import Category, Organisation

        # The categories' select; an organisation's name and category on its members' contributions.
        pagecache.invalidated_by((Category, Organisation), pagecache.SITE)

        from . import personal_data as stakeholders_data

        personal_data.register(
            "stakeholders",
            exporter=stakeholders_data.export,
            eraser=stakeholders_data.erase,
            profile_section=stakeholders_data.profile_section,
        )
