from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "consultazione.monitoring"
    label = "monitoring"
