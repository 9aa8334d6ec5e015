from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "consultazione.live"
    label = "live"
