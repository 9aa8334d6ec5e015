from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "consultazione.reports"
    label = "reports"
