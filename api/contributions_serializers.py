"""Serializers of the contributions API (api/contributions.py holds the viewset)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultazione.contributions import text
from consultazione.contributions.models import Alignment, Channel, Comment, Contribution, ContributionKind
from consultazione.contributions.presentation import author_label, comment_author
from consultazione.contributions.rules import sees_pending_edit
from consultazione.contributions.selectors import (
    merged_into_for,
)
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.process.models import PlanRole, Process
from consultazione.stakeholders.models import Organisation
from consultazione.territory.models import Comune, ZonaOmogenea


class ImageSerializer(serializers.Serializer):
    url = serializers.FileField(source="image", use_url=True)
    thumbnail_url = serializers.FileField(source="thumbnail", use_url=True)
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt_text = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    url = serializers.FileField(source="file", use_url=True)
    title = serializers.CharField()
    size = serializers.IntegerField()


class ContributionSerializer(serializers.ModelSerializer):
    """A public contribution. `author` is a pseudonym or an organisation's name, never a person's data;
    `body` is sanitised HTML (minimal markup), `body_text` the same as plain text."""

    url = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    body_text = serializers.SerializerMethodField()
    plan = serializers.SerializerMethodField(
        help_text="The plan of `axis`, `strategy` and `action` (their codes repeat from one plan to the next): "
        "`role` is `working` for the plan the process is building, `revised` for the plan in force it revises."
    )
    axis = serializers.SerializerMethodField()
    strategy = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    action = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    zona = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    comune = serializers.SlugRelatedField(slug_field="istat_code", read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)
    images = ImageSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    pending_edit = serializers.SerializerMethodField(
        help_text="Only for its author: an edit waiting for moderation (pre-moderation); everybody else reads "
        "`title` and `body`, the approved text, until a moderator approves it."
    )
    merged_into = serializers.SerializerMethodField(
        help_text="Only on a contribution merged into another (`status` `merged`; the lists never show these): "
        "the kept contribution, where its comments and supports went. `readable` false means the kept one "
        "is not public at the moment: `reference`, `title` and `url` are then null. Null otherwise."
    )

    class Meta:
        model = Contribution
        fields = [
            "reference",
            "url",
            "kind",
            "title",
            "body",
            "body_text",
            "plan",
            "axis",
            "strategy",
            "action",
            "zona",
            "comune",
            "author",
            "organisation",
            "channel",
            "source",
            "status",
            "is_private",
            "outcome",
            "published_at",
            "edited_at",
            "moderation_edited_at",
            "moderation_edit_reason",
            "withdrawn_at",
            "support_count",
            "comment_count",
            "images",
            "documents",
            "pending_edit",
            "merged_into",
        ]

    @extend_schema_field(
        {
            "type": ["object", "null"],
            "properties": {
                "title": {"type": "string"},
                "body": {"type": "string"},
                "submitted_at": {"type": "string", "format": "date-time"},
            },
        }
    )
    def get_pending_edit(self, obj) -> dict | None:
        request = self.context.get("request")
        if obj.pending_edit_at is None or request is None or not sees_pending_edit(request.user, obj):
            return None
        return {"title": obj.pending_title, "body": obj.pending_body, "submitted_at": obj.pending_edit_at}

    @extend_schema_field(
        {
            "type": ["object", "null"],
            "required": ["readable", "reference", "title", "url"],
            "properties": {
                "readable": {"type": "boolean"},
                "reference": {"type": ["string", "null"], "example": "PSM-IDEA-2023-00042"},
                "title": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"], "example": "/contributi/PSM-IDEA-2023-00042/"},
            },
        }
    )
    def get_merged_into(self, obj) -> dict | None:
        request = self.context.get("request")
        kept = merged_into_for(obj, request.user) if request is not None else None
        if kept is None:
            return None
        if not kept.readable:
            return {"readable": False, "reference": None, "title": None, "url": None}
        return {"readable": True, "reference": kept.reference, "title": kept.title, "url": kept.url}

    def get_url(self, obj) -> str:
        return reverse("contributions:detail", kwargs={"reference": obj.reference})

    def get_author(self, obj) -> str:
        return author_label(obj)

    def get_body_text(self, obj) -> str:
        return text.to_plain_text(obj.body)

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "code": {"type": "integer"}, "title": {"type": "string"}},
        }
    )
    @extend_schema_field(
        {
            "type": "object",
            "required": ["slug", "title", "short_name", "role"],
            "properties": {
                "slug": {"type": "string", "example": "psm-2021-2023"},
                "title": {"type": "string"},
                "short_name": {"type": "string", "example": "PSM 2021-2023"},
                "role": {"type": ["string", "null"], "enum": [*PlanRole.values, None]},
            },
        }
    )
    def get_plan(self, obj) -> dict:
        plan = obj.axis.plan
        role = obj.process.plan_role(plan.pk)
        return {"slug": plan.slug, "title": plan.title, "short_name": plan.short_name, "role": str(role) if role else None}

    def get_axis(self, obj) -> dict:
        return {"id": obj.axis_id, "code": obj.axis.code, "title": obj.axis.title}


class ClassificationInput(serializers.Serializer):
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all())
    strategy = serializers.PrimaryKeyRelatedField(queryset=Strategy.objects.all(), required=False, allow_null=True)
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all(), required=False, allow_null=True)
    zona = serializers.SlugRelatedField(slug_field="number", queryset=ZonaOmogenea.objects.all(), required=False, allow_null=True)
    comune = serializers.SlugRelatedField(slug_field="istat_code", queryset=Comune.objects.all(), required=False, allow_null=True)


class ContributionCreateSerializer(ClassificationInput):
    """JSON, or multipart when attaching files: `images` + `images_alt` (same order), `documents` +
    `documents_title`. Channels other than `online` are for facilitators and need `source`."""

    process = serializers.SlugRelatedField(slug_field="slug", queryset=Process.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    is_private = serializers.BooleanField(default=False)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.ONLINE)
    source = serializers.CharField(required=False, allow_blank=True, default="")
    images = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    images_alt = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False, default=list)
    documents = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    documents_title = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False, default=list)


class ContributionUpdateSerializer(ClassificationInput):
    title = serializers.CharField(allow_blank=True, required=False)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, required=False)
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all(), required=False)


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    replies_url = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "depth",
            "author",
            "body",
            "alignment",
            "status",
            "created_at",
            "edited_at",
            "moderation_edited_at",
            "moderation_edit_reason",
            "reply_count",
            "replies_url",
        ]

    def get_author(self, obj) -> str:
        return comment_author(obj)

    def get_replies_url(self, obj) -> str | None:
        if not obj.reply_count:
            return None
        url = reverse("contribution-comments", kwargs={"reference": obj.contribution.reference})
        return f"{url}?parent={obj.pk}"


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    alignment = serializers.ChoiceField(choices=Alignment.choices, default=Alignment.NEUTRAL)
    parent = serializers.IntegerField(required=False, allow_null=True)
