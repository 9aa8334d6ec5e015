from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "consultazione.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .sites import site_sync_after_migrate

        post_migrate.connect(site_sync_after_migrate, sender=self, dispatch_uid="core.site_sync")

        from .pagecache import after_deploy

        # A deploy runs migrate: pages rendered by the previous release's templates are not served.
        post_migrate.connect(after_deploy, sender=self, dispatch_uid="core.pagecache_deploy")

        from .sqlite import connect as sqlite_statistics

        sqlite_statistics()  # the planner's statistics, refreshed hourly (core/sqlite.py)

        from PIL import Image

        # Pillow's own decompression-bomb guard, for every decode in the process (ours, Wagtail's).
        Image.MAX_IMAGE_PIXELS = settings.PILLOW_MAX_IMAGE_PIXELS
