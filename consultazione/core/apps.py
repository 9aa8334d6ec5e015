from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "consultazione.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .sites import site_sync_after_migrate

        post_migrate.connect(site_sync_after_migrate, sender=self, dispatch_uid="core.site_sync")
