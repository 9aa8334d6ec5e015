from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "consultazione.voting"
    label = "voting"
    verbose_name = _("Sostegni e priorità")

    def ready(self):
        from consultazione.core import pagecache

        from .models import Ballot, ExerciseItem, PriorityExercise, Support

        pagecache.invalidated_by((PriorityExercise, ExerciseItem, Ballot), pagecache.VOTING)
        pagecache.invalidated_by((Support,), pagecache.person_of("user_id"))
        from consultazione.core import personal_data

        from .personal_data import ballots_erase, profile_section, voting_export

        personal_data.register("voting", exporter=voting_export, eraser=ballots_erase, profile_section=profile_section)
