from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "consultazione.meetings"
    label = "meetings"
