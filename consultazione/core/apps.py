from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "consultazione.core"
    label = "core"
    verbose_name = "Core"
