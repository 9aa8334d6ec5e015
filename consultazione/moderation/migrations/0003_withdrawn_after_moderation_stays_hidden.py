"""Issue 14: contributions that a moderator hid or rejected and whose author then withdrew them
were stored as "withdrawn" and, having been published once, were public again. Put them back in
the moderation state they had (withdrawn_at stays set): see consultazione/contributions/lifecycle.py."""

from django.db import migrations

STATE_ACTIONS = ("approve", "reject", "hide", "restore", "auto_hide", "dismiss_reports")


def forwards(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Decision = apps.get_model("moderation", "Decision")
    for contribution in Contribution.objects.filter(status="withdrawn").only("pk", "status"):
        last = (
            Decision.objects.filter(contribution_id=contribution.pk, result="applied", action__in=STATE_ACTIONS)
            .order_by("-id")
            .values_list("to_state", flat=True)
            .first()
        )
        if last in ("hidden", "rejected"):
            Contribution.objects.filter(pk=contribution.pk).update(status=last)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_netiquette_edit_action"),
        ("contributions", "0008_pending_edits"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
