from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "consultazione.reports"
    label = "reports"
    verbose_name = _("Dati, esportazioni e rapporti")

    def ready(self):
        from consultazione.core import pagecache

        from .models import AxisSynthesis, ParticipationReport

        pagecache.invalidated_by((ParticipationReport, AxisSynthesis), pagecache.REPORTS)
        from consultazione.core import personal_data

        from . import personal_parts  # noqa: F401 - registers the data pages' personal parts
        from .personal_data import reports_erase, reports_export

        personal_data.register("reports", exporter=reports_export, eraser=reports_erase)
