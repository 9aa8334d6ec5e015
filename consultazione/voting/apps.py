from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "consultazione.voting"
    label = "voting"
