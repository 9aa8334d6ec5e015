from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "consultazione.live"
    label = "live"
    verbose_name = _("Sondaggi live")

    def ready(self) -> None:
        from consultazione.core import personal_data

        from . import rules  # noqa: F401
        from .personal_data import participations_erase, participations_export

        personal_data.register("live", exporter=participations_export, eraser=participations_erase)
