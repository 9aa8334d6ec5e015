from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "consultazione.contributions"
    label = "contributions"
