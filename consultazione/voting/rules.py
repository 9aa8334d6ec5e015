"""Who may support, prioritise and see results. Services, views, API and templates all ask these."""

import rules

from consultazione.accounts.rules import is_active_citizen, is_staff_member
from consultazione.contributions.models import Status
from consultazione.process.features import Feature
from consultazione.process.rules import phase_allows_feature
from consultazione.process.selectors import active_phase

from .models import ExerciseStatus, ResultsVisibility

phase_allows_support = phase_allows_feature(Feature.SUPPORT)
phase_allows_prioritise = phase_allows_feature(Feature.PRIORITISE)


@rules.predicate
def is_public_contribution(_user, contribution) -> bool:
    if contribution is None:
        return False
    author = contribution.author
    return (
        contribution.status == Status.PUBLISHED and not contribution.is_private and (author is None or author.blocked_at is None)
    )


@rules.predicate
def is_open_exercise(_user, exercise) -> bool:
    return exercise is not None and exercise.is_open


@rules.predicate
def is_in_exercise_phase(_user, exercise) -> bool:
    """An exercise bound to a phase takes part only while that phase is the active one."""
    if exercise is None:
        return False
    if not exercise.phase_id:
        return True
    phase = active_phase(exercise.process)
    return phase is not None and phase.pk == exercise.phase_id


@rules.predicate
def results_are_public(_user, exercise) -> bool:
    if exercise is None or exercise.status == ExerciseStatus.DRAFT:
        return False
    return exercise.results_visibility == ResultsVisibility.LIVE or exercise.is_closed


@rules.predicate
def exercise_is_visible(_user, exercise) -> bool:
    return exercise is not None and exercise.status != ExerciseStatus.DRAFT


rules.add_perm("voting.add_support", is_active_citizen & phase_allows_support & is_public_contribution)
rules.add_perm("voting.delete_support", is_active_citizen & phase_allows_support)
rules.add_perm("voting.add_priorityexercise", is_staff_member)
rules.add_perm("voting.change_priorityexercise", is_staff_member)
rules.add_perm("voting.view_priorityexercise", is_staff_member | exercise_is_visible)
# Whether an exercise takes ballots now, whoever asks: open, and its process's active phase allows
# prioritising (and is the exercise's own phase, when it has one). Pages ask it to say "closed"
# when the phase has moved on even though the exercise itself is still marked open.
takes_ballots = phase_allows_prioritise & is_in_exercise_phase & is_open_exercise
rules.add_rule("voting.exercise_takes_ballots", takes_ballots)
rules.add_perm("voting.cast_ballot", is_active_citizen & takes_ballots)
rules.add_perm("voting.view_results", is_staff_member | results_are_public)
