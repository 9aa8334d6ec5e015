from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "consultazione.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoraggio del Piano")

    def ready(self):
        from consultazione.core import pagecache

        from .models import ActionTracking, ActionUpdate, Indicator, IndicatorValue, StrategyLineage

        pagecache.invalidated_by((ActionTracking, ActionUpdate, Indicator, IndicatorValue, StrategyLineage), pagecache.MONITORING)
        from consultazione.core import personal_data

        from .personal_data import erase, export

        personal_data.register("monitoring", exporter=export, eraser=erase)
