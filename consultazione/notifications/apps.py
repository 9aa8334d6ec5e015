from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "consultazione.notifications"
    label = "notifications"
    verbose_name = _("Notifiche")

    def ready(self):
        from consultazione.core import pagecache, personal_data

        from .models import Follow

        pagecache.invalidated_by((Follow,), pagecache.person_of("user_id"))

        from . import personal_data as notifications_personal_data

        personal_data.register(
            "notifications",
            exporter=notifications_personal_data.export,
            eraser=notifications_personal_data.erase,
            profile_section=notifications_personal_data.profile_section,
        )
