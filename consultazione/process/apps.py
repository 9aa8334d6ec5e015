from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessConfig(AppConfig):
    name = "consultazione.process"
    label = "process"
    verbose_name = _("Processo partecipativo")

    def ready(self) -> None:
        from consultazione.core import pagecache

        from .models import Phase, Process

        pagecache.invalidated_by((Process, Phase), pagecache.SITE)  # the phase decides what every page offers
