"""Serializers of the live Control API (api/live_manage.py): questions as read and written by a
city's own tools, and the flattening of nested refusals into `{"field.path": [...]}`."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from consultazione.core.exceptions import InvalidInput
from consultazione.live.models import Option, PhoneVisibility, Question, Visibility

from . import live
from .live_sources import LiveSourceSerializer

KIND_CHOICES = Question._meta.get_field("kind").choices  # the kinds as the model knows them
BIG_ID = 2**63 - 1


class LiveOptionDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "label", "count", "contribution", "strategy"]


class LiveQuestionDetailSerializer(serializers.ModelSerializer):
    options = LiveOptionDetailSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [*live.QuestionSerializer.Meta.fields[:-1], "scale_min_label", "scale_max_label", "round", "options"]


class LiveOptionWriteSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=Option._meta.get_field("label").max_length)
    contribution = serializers.IntegerField(min_value=1, max_value=BIG_ID, required=False, allow_null=True)
    strategy = serializers.IntegerField(min_value=1, max_value=BIG_ID, required=False, allow_null=True)


class LiveQuestionWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES)
    text = serializers.CharField(max_length=300)
    options = LiveOptionWriteSerializer(
        many=True, required=False, max_length=20, help_text="Choice kinds: 2–20 options (10 for a ranking)."
    )
    source = LiveSourceSerializer(required=False, help_text="Instead of `options`: generate them from the consultation.")
    max_choices = serializers.IntegerField(min_value=1, max_value=20, default=1)
    scale_max = serializers.ChoiceField(choices=[5, 10], required=False, allow_null=True, help_text="Scale: 5 or 10.")
    scale_min_label = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    scale_max_label = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(
        choices=Visibility.choices, default=Visibility.LIVE, help_text="When the projector shows the results."
    )
    phone_visibility = serializers.ChoiceField(
        choices=PhoneVisibility.choices, default=PhoneVisibility.AFTER_ANSWER, help_text="When a phone shows them."
    )
    changeable = serializers.BooleanField(default=True)
    quorum = serializers.IntegerField(
        min_value=1, max_value=100_000, required=False, allow_null=True, help_text="Yes/no/abstain: the answers needed."
    )

    def validate(self, attrs):
        if attrs.get("options") and attrs.get("source"):
            raise serializers.ValidationError({"source": [_("Manda le opzioni oppure la fonte, non entrambe.")]})
        return attrs


class LiveQuestionOrderSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIG_ID),
        max_length=500,
        help_text="Every question id of the session, once each, in the new order.",
    )


# Which field a refusal of the service is about (the rest: `non_field_errors`).
FIELD_OF_CODE = {"duplicate_options": "options", "link": "options", "limit": "source", "axis": "source", "level": "source"}
FIELD_OF_CODE |= {"exercise": "source", "dedupe": "source"}


def _flat(errors, prefix: str = "") -> dict:
    """Nested serializer errors as `{"source.axis": [...], "options[1].label": [...]}` (api/errors.py
    keeps one level: a nested dict would reach the client as its repr)."""
    items = errors.items() if isinstance(errors, dict) else None
    if items is None and isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        items = enumerate(errors)
    if items is None:
        return {prefix or "non_field_errors": [str(item) for item in errors]} if errors else {}
    flat = {}
    for name, inner in items:
        key = f"{prefix}[{name}]" if isinstance(name, int) else (f"{prefix}.{name}" if prefix else str(name))
        flat.update(_flat(inner, key))
    return flat


def _validated(serializer) -> dict:
    if not serializer.is_valid():
        raise serializers.ValidationError(_flat(serializer.errors))
    return serializer.validated_data


def _as_field_error(error: InvalidInput, fields) -> serializers.ValidationError:
    field = FIELD_OF_CODE.get(error.code, error.code)
    return serializers.ValidationError({field if field in fields else "non_field_errors": [error.message]})
