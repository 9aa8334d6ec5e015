from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "consultazione.moderation"
    label = "moderation"
