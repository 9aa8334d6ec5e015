"""Allocation repeats its ballot's exercise, zone and category, for a covering results index."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_from_ballots(apps, schema_editor):
    Allocation = apps.get_model("voting", "Allocation")
    Ballot = apps.get_model("voting", "Ballot")
    ballot = Ballot.objects.filter(pk=OuterRef("ballot_id"))
    Allocation.objects.update(
        exercise_id=Subquery(ballot.values("exercise_id")[:1]),
        zona_id=Subquery(ballot.values("zona_id")[:1]),
        category_id=Subquery(ballot.values("category_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0001_initial"),
        ("territory", "0001_initial"),
        ("voting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="allocation",
            name="exercise",
            field=models.ForeignKey(
                db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="voting.priorityexercise"
            ),
        ),
        migrations.AddField(
            model_name="allocation",
            name="zona",
            field=models.ForeignKey(
                db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="territory.zonaomogenea"
            ),
        ),
        migrations.AddField(
            model_name="allocation",
            name="category",
            field=models.ForeignKey(
                db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="stakeholders.category"
            ),
        ),
        migrations.RunPython(fill_from_ballots, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="allocation",
            name="exercise",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="voting.priorityexercise"
            ),
        ),
        migrations.AlterField(
            model_name="allocation",
            name="zona",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="territory.zonaomogenea"
            ),
        ),
        migrations.AddIndex(
            model_name="allocation",
            index=models.Index(fields=["exercise", "item", "zona", "category", "points"], name="voting_allocation_results"),
        ),
    ]
