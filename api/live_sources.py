"""Options from the consultation over the API (`source` of a new question, and its preview): the
same service as the presenter's preview page (consultazione.live.services.sources)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from consultazione.live.services import (
    Dedupe,
    Source,
    SourceOptions,
    SourceRequest,
    duplicate_labels,
    options_deduplicated,
    options_from_source,
)
from consultazione.live.services.questions import normalised_label
from consultazione.live.services.sources import SOURCE_LIMIT, AxisLevel
from consultazione.plan.models import Axis
from consultazione.territory.models import ZonaOmogenea
from consultazione.voting.models import PriorityExercise

SOURCE_HELP = (
    "`contributions`: the most supported public contributions (`limit`, optional `axis` and `zone`); "
    "`axis`: the strategies of `axis` (`level`: `strategies`, `actions`, or empty: the actions when the "
    "axis has fewer than two strategies); `exercise`: the first `limit` of a priority exercise's ranking."
)


class LiveSourceSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=[(name, name) for name in Source.ALL], help_text=SOURCE_HELP)
    limit = serializers.IntegerField(min_value=1, max_value=SOURCE_LIMIT, default=5)
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all(), required=False, allow_null=True)
    zone = serializers.PrimaryKeyRelatedField(queryset=ZonaOmogenea.objects.all(), required=False, allow_null=True)
    exercise = serializers.PrimaryKeyRelatedField(queryset=PriorityExercise.objects.all(), required=False, allow_null=True)
    level = serializers.ChoiceField(choices=[(name, name or "auto") for name in AxisLevel.ALL], default=AxisLevel.AUTO)
    dedupe = serializers.ChoiceField(
        choices=[("", "none"), *[(name, name) for name in Dedupe.ALL]],
        default="",
        help_text="Equal titles: `suffix` adds each one's reference, `merge` keeps the first; empty: refused if any.",
    )

    def validate(self, attrs):
        missing = {Source.AXIS: "axis", Source.EXERCISE: "exercise"}.get(attrs["source"])
        if missing and attrs.get(missing) is None:
            raise serializers.ValidationError({missing: [_("Obbligatorio per questa fonte.")]})
        return attrs


def _generated(data: dict):
    request = SourceRequest(
        source=data["source"],
        limit=data.get("limit", 5),
        axis=data.get("axis"),
        zona=data.get("zone"),
        exercise=data.get("exercise"),
        level=data.get("level", AxisLevel.AUTO),
    )
    return options_from_source(request)


def _deduplicated(data: dict) -> SourceOptions:
    generated = _generated(data)
    if not data.get("dedupe"):
        return generated
    return SourceOptions(options_deduplicated(generated.options, how=data["dedupe"]), note=generated.note)


def source_options(data: dict):
    """The options of a validated `source` object, de-duplicated as it asks."""
    return _deduplicated(data).options


class LiveSourceOptionSerializer(serializers.Serializer):
    label = serializers.CharField()
    contribution = serializers.IntegerField(allow_null=True)
    strategy = serializers.IntegerField(allow_null=True)
    reference = serializers.CharField(help_text="The contribution's reference or the strategy's (action's) code.")
    duplicate = serializers.BooleanField(help_text="Another option has the same text (case and spaces aside).")


class LiveSourcePreviewSerializer(serializers.Serializer):
    options = LiveSourceOptionSerializer(many=True)
    enough = serializers.BooleanField(help_text="At least two options: a question can be built from this source.")
    message = serializers.CharField(help_text="Why not, when `enough` is false (empty otherwise).")
    note = serializers.CharField(help_text="How the options were chosen, when not obvious (an axis's actions).")
    duplicates = serializers.ListField(child=serializers.CharField(), help_text="The repeated texts (lower case).")

    @staticmethod
    def of(data: dict) -> dict:
        generated = _deduplicated(data)
        repeated = duplicate_labels(generated.options)
        return {
            "options": [
                {
                    "label": o.label,
                    "contribution": o.contribution_id,
                    "strategy": o.strategy_id,
                    "reference": o.reference,
                    "duplicate": normalised_label(o.label).casefold() in repeated,
                }
                for o in generated.options
            ],
            "enough": generated.enough,
            "message": "" if generated.enough else generated.too_few_message,
            "note": generated.note,
            "duplicates": sorted(repeated),
        }
