"""Issue 16: a contribution merged while it was published stays readable (with a notice pointing at
the kept one); one merged while pending or hidden stays non-public. The merge decision in the audit
log says which state each existing merged source had: mark the ones merged from "published"."""

from django.db import migrations


def forwards(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Decision = apps.get_model("moderation", "Decision")
    merged = Contribution.objects.filter(status="merged").values_list("pk", flat=True)
    for pk in merged.iterator():
        last = (
            Decision.objects.filter(contribution_id=pk, result="applied", action="merge")
            .order_by("-id")
            .values_list("from_state", flat=True)
            .first()
        )
        if last == "published":
            Contribution.objects.filter(pk=pk).update(merged_after_publication=True)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_edit_decisions"),
        ("contributions", "0009_contribution_merged_after_publication"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
