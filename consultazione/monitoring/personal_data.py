"""What the monitoring app holds about a person: steering committee comments and authored updates.

The audit log keeps its rows (the account itself is anonymised by the accounts app).
"""

from typing import Any

from .models import ActionUpdate, SteeringComment


def export(user) -> dict[str, Any]:
    comments = SteeringComment.objects.filter(author=user).select_related("update__tracking__action")
    updates = ActionUpdate.objects.filter(author=user).select_related("tracking__action")
    return {
        "steering_comments": [
            {"created_at": c.created_at, "action": c.update.tracking.action.code, "update": c.update.title, "body": c.body}
            for c in comments
        ],
        "action_updates_authored": [{"date": u.date, "action": u.tracking.action.code, "title": u.title} for u in updates],
    }


def erase(user) -> None:
    SteeringComment.objects.filter(author=user).delete()
    ActionUpdate.objects.filter(author=user).update(author=None)
