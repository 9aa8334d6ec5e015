"""What the live app holds about a logged-in person: the sessions joined with the account and the answers.

Anonymous participants (cookie only) are not linked to anybody. Erasing an account unlinks its
participations, so that votes stay counted but no longer point at a person.
"""

from .models import Ballot, Entry, Option, Participant


def participations_export(user) -> list[dict]:
    participants = list(Participant.objects.filter(user=user).select_related("session").order_by("joined_at"))
    ids = [participant.pk for participant in participants]
    ballots = list(Ballot.objects.filter(participant_id__in=ids).select_related("question"))
    entries = list(Entry.objects.filter(participant_id__in=ids).select_related("question"))
    option_ids = {option_id for ballot in ballots for option_id in ballot.choices}
    labels = dict(Option.objects.filter(pk__in=option_ids).values_list("pk", "label"))
    return [
        {
            "session": participant.session.code,
            "title": participant.session.title,
            "joined_at": participant.joined_at.isoformat(),
            "answers": [
                {
                    "question": ballot.question.text,
                    "choices": [labels.get(option_id, "") for option_id in ballot.choices],
                    "at": ballot.updated_at.isoformat(),
                }
                for ballot in ballots
                if ballot.participant_id == participant.pk
            ],
            "texts": [
                {"question": entry.question.text, "text": entry.text, "status": entry.status, "at": entry.created_at.isoformat()}
                for entry in entries
                if entry.participant_id == participant.pk
            ],
        }
        for participant in participants
    ]


def participations_erase(user) -> None:
    Participant.objects.filter(user=user).update(user=None)
