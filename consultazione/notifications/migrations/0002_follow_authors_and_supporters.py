"""Authors and supporters of existing contributions follow them, as new ones will."""

from django.db import migrations


def follows_create(apps, schema_editor):
    Follow = apps.get_model("notifications", "Follow")
    Contribution = apps.get_model("contributions", "Contribution")
    Support = apps.get_model("voting", "Support")
    pairs = set(Contribution.objects.filter(author__isnull=False).values_list("author_id", "pk"))
    pairs |= set(Support.objects.filter(user__isnull=False).values_list("user_id", "contribution_id"))
    rows = [Follow(user_id=user_id, contribution_id=contribution_id) for user_id, contribution_id in sorted(pairs)]
    Follow.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_follows_preferences_notifications"),
        ("voting", "0002_allocation_results_index"),
    ]

    operations = [migrations.RunPython(follows_create, migrations.RunPython.noop)]
