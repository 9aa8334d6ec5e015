from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "consultazione.contributions"
    label = "contributions"
    verbose_name = _("Contributi")

    def ready(self):
        from django.db.models.signals import post_migrate

        from consultazione.core import personal_data

        from . import personal_data as contributions_personal_data
        from . import personal_parts, sqlite_fts  # noqa: F401 - personal_parts registers the pages' parts

        post_migrate.connect(sqlite_fts.post_migrate, sender=self)

        personal_data.register(
            "contributions",
            exporter=contributions_personal_data.export,
            eraser=contributions_personal_data.erase,
            profile_section=contributions_personal_data.profile_section,
        )
