"""API resources of the moderation app: queue, decisions (audit), reports, curation, outcomes,
thematic responses, blocks and the public reason codes.

Views parse input and call the moderation services, which check the same rules as the web UI;
refusals come back as 403 (rule or scope), 409 (already decided, already reported) or 400.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from consultazione.contributions.models import Contribution
from consultazione.moderation import selectors, services
from consultazione.moderation.forms import QueueFilterForm
from consultazione.moderation.items import MODELS, ItemType
from consultazione.moderation.models import Decision
from consultazione.moderation.reasons import ReasonCode
from consultazione.moderation.services.decisions import DECISION_ACTIONS
from consultazione.moderation.services.pending_edits import EDIT_ACTIONS, edit_version
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.territory.models import Comune, ZonaOmogenea

from .permissions import rule_permission
from .routers import router
from .schema import CONFLICT, NOT_FOUND

CAN_VIEW_QUEUE = rule_permission("moderation.view_queue", object_level=False)


def _item(content_type: str, pk: int):
    model = MODELS[ItemType(content_type)]
    queryset = model.objects.select_related("contribution") if content_type == ItemType.COMMENT else model.objects.all()
    return get_object_or_404(queryset, pk=pk)


class ItemRefSerializer(serializers.Serializer):
    content_type = serializers.ChoiceField(choices=ItemType.choices)
    id = serializers.IntegerField(min_value=1)


class QueueItemSerializer(serializers.Serializer):
    content_type = serializers.SerializerMethodField()
    id = serializers.IntegerField()
    reference = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="Send it back as `expected_state` when deciding.")
    report_count = serializers.IntegerField()
    plan = serializers.SerializerMethodField(
        help_text="Slug of the plan of `axis` (axis numbers repeat from one plan to the next)."
    )
    axis = serializers.SerializerMethodField()
    zona = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    pending_edit = serializers.SerializerMethodField(
        help_text="Version of the edit waiting for moderation (send it back as `expected_edit`), or null."
    )

    def get_pending_edit(self, item) -> str | None:
        return edit_version(item) or None

    def _contribution(self, item) -> Contribution:
        return item.contribution if hasattr(item, "parent_id") else item

    def get_content_type(self, item) -> str:
        return ItemType.COMMENT if hasattr(item, "parent_id") else ItemType.CONTRIBUTION

    def get_reference(self, item) -> str:
        return self._contribution(item).reference or ""

    def get_title(self, item) -> str:
        return item.title if self.get_content_type(item) == ItemType.CONTRIBUTION else item.body[:120]

    def get_plan(self, item) -> str:
        return self._contribution(item).axis.plan.slug

    def get_axis(self, item) -> int:
        return self._contribution(item).axis.code

    def get_zona(self, item) -> int | None:
        zona = self._contribution(item).zona
        return zona.number if zona else None

    def get_kind(self, item) -> str:
        return self._contribution(item).kind

    def get_author(self, item) -> str:
        return item.author.display_name if item.author_id else ""


@extend_schema(tags=["moderation"])
class QueueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Contributions (`?content=contribution`) or comments (`?content=comment`) to review, within the
    moderator's scope. Filters as in the web queue: q (words of the title or text, or a reference such
    as PSM-IDEA-2026-00012), process, phase, axis, zona, kind, state
    (default `to_review`), min_reports, older_than_days, order (oldest|newest|reports)."""

    serializer_class = QueueItemSerializer
    permission_classes = [IsAuthenticated, CAN_VIEW_QUEUE]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no database
            return Contribution.objects.none()
        return selectors.queue(user=self.request.user, filters=QueueFilterForm(self.request.query_params).filters())


class DecisionSerializer(serializers.ModelSerializer):
    """An audit row: who, when, what, from which state to which, with which reason."""

    actor = serializers.SlugRelatedField(
        slug_field="display_name", read_only=True, allow_null=True, help_text="Null for automatic decisions."
    )

    class Meta:
        model = Decision
        fields = "__all__"


DECISION_CHOICES = [(a, Decision.Action(a).label) for a in DECISION_ACTIONS]
SINGLE_DECISION_CHOICES = [*DECISION_CHOICES, *((a, Decision.Action(a).label) for a in EDIT_ACTIONS)]


class ItemStateSerializer(ItemRefSerializer):
    expected_state = serializers.CharField(help_text="The state the moderator saw; a different current state is a 409.")


class DecisionCreateSerializer(ItemStateSerializer):
    action = serializers.ChoiceField(choices=SINGLE_DECISION_CHOICES)
    reason_code = serializers.ChoiceField(choices=ReasonCode.choices, required=False, allow_blank=True, default="")
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")
    expected_edit = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="For approve_edit / reject_edit: the `pending_edit` version read in the queue; another one is a 409.",
    )


class BulkDecisionResultSerializer(serializers.Serializer):
    applied = DecisionSerializer(many=True)
    conflicts = DecisionSerializer(many=True, help_text="Items decided by someone else meanwhile: skipped, audited.")


class BulkDecisionSerializer(serializers.Serializer):
    items = serializers.ListField(child=ItemStateSerializer(), min_length=1, max_length=200)
    action = serializers.ChoiceField(choices=DECISION_CHOICES)
    reason_code = serializers.ChoiceField(choices=ReasonCode.choices, required=False, allow_blank=True, default="")
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["moderation"])
class DecisionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit log (append-only) and the way to decide: approve, reject, hide, restore, and
    approve_edit / reject_edit of an edit waiting for moderation (with `expected_edit`)."""

    serializer_class = DecisionSerializer
    permission_classes = [IsAuthenticated, CAN_VIEW_QUEUE]

    def get_queryset(self):
        return selectors.audit_log(action=self.request.query_params.get("action", ""))

    @extend_schema(
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 404: NOT_FOUND, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "Nascondi",
                value={
                    "content_type": "contribution",
                    "id": 12,
                    "action": "hide",
                    "expected_state": "published",
                    "reason_code": "spam",
                },
                request_only=True,
            )
        ],
        description="403 outside your scope; 409 `already_decided` when the item is no longer in "
        "`expected_state` (the attempt is kept in the audit with result `conflict`); 400 for a "
        "transition that is not allowed or a missing reason (reject and hide need one).",
    )
    def create(self, request):
        payload = DecisionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        decision = services.item_decide(
            actor=request.user,
            item=_item(data["content_type"], data["id"]),
            action=data["action"],
            expected_state=data["expected_state"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
            expected_edit=data["expected_edit"],
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=BulkDecisionSerializer,
        responses={200: BulkDecisionResultSerializer, 404: NOT_FOUND},
        description="One action with one reason on many items. 403/400 change nothing; items decided by "
        "someone else meanwhile are skipped and returned under `conflicts`.",
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        payload = BulkDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        items = [(_item(ref["content_type"], ref["id"]), ref["expected_state"]) for ref in data["items"]]
        result = services.items_decide_bulk(
            actor=request.user,
            items=items,
            action=data["action"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
        )
        return Response(
            {
                "applied": DecisionSerializer(result.applied, many=True).data,
                "conflicts": DecisionSerializer(result.conflicts, many=True).data,
            }
        )


class ReportCreateSerializer(ItemRefSerializer):
    reason_code = serializers.ChoiceField(choices=ReasonCode.choices)
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ReportCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reason_code = serializers.CharField()


class DismissSerializer(ItemRefSerializer):
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["moderation"])
class ReportViewSet(viewsets.ViewSet):
    """Report a visible contribution or comment (once per person), or dismiss the reports (moderators)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ReportCreateSerializer,
        responses={201: ReportCreatedSerializer, 404: NOT_FOUND, 409: CONFLICT},
        description="409 `already_reported` on a second report by the same person; 403 for your own content "
        "or an unverified/blocked account. After MODERATION_AUTO_HIDE_REPORTS open reports the item is hidden.",
    )
    def create(self, request):
        payload = ReportCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        item = _item(data["content_type"], data["id"])
        report = services.report_create(reporter=request.user, item=item, reason_code=data["reason_code"], text=data["text"])
        return Response({"id": report.pk, "reason_code": report.reason_code}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DismissSerializer,
        responses={200: DecisionSerializer, 404: NOT_FOUND, 409: CONFLICT},
        description="409 `no_open_reports` when someone else has already examined them.",
    )
    @action(detail=False, methods=["post"])
    def dismiss(self, request):
        payload = DismissSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        item = _item(data["content_type"], data["id"])
        decision = services.reports_dismiss(actor=request.user, item=item, reason_text=data["reason_text"])
        return Response(DecisionSerializer(decision).data)


class RetagSerializer(serializers.Serializer):
    contribution = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all())
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all())
    strategy = serializers.PrimaryKeyRelatedField(queryset=Strategy.objects.all(), required=False, allow_null=True, default=None)
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all(), required=False, allow_null=True, default=None)
    zona = serializers.PrimaryKeyRelatedField(queryset=ZonaOmogenea.objects.all(), required=False, allow_null=True, default=None)
    comune = serializers.PrimaryKeyRelatedField(queryset=Comune.objects.all(), required=False, allow_null=True, default=None)
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all())
    sources = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all(), many=True)
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")


NETIQUETTE_REASON_CHOICES = [(code.value, code.label) for code in services.NETIQUETTE_EDIT_REASONS]


class NetiquetteEditSerializer(ItemRefSerializer):
    title = serializers.CharField(required=False, allow_blank=True, help_text="New title (contributions only); omit to keep it.")
    body = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, help_text="New text; omit to keep it.")
    reason_code = serializers.ChoiceField(choices=NETIQUETTE_REASON_CHOICES)
    reason_text = serializers.CharField(
        max_length=500, help_text="Public: shown on the item as «Modificato dalla moderazione: …» and emailed to the author."
    )


@extend_schema(tags=["moderation"])
class CurationViewSet(viewsets.ViewSet):
    """Re-tag a contribution, merge duplicates into one (comments and supports follow), or correct
    the words of a contribution or comment for the netiquette (the only edit of someone else's words)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RetagSerializer, responses={200: DecisionSerializer})
    @action(detail=False, methods=["post"])
    def retag(self, request):
        payload = RetagSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.contribution_retag(actor=request.user, **payload.validated_data)
        return Response(DecisionSerializer(decision).data)

    @extend_schema(
        request=MergeSerializer,
        responses={200: DecisionSerializer(many=True)},
        description="400 `different_process` when the contributions belong to different processes.",
    )
    @action(detail=False, methods=["post"])
    def merge(self, request):
        payload = MergeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decisions = services.contributions_merge(actor=request.user, **payload.validated_data)
        return Response(DecisionSerializer(decisions, many=True).data)

    @extend_schema(
        request=NetiquetteEditSerializer,
        responses={200: DecisionSerializer, 404: NOT_FOUND},
        examples=[
            OpenApiExample(
                "Dati personali",
                value={
                    "content_type": "comment",
                    "id": 42,
                    "body": "Chiamatemi per parlarne.",
                    "reason_code": "personal_data",
                    "reason_text": "Rimosso un numero di telefono.",
                },
                request_only=True,
            )
        ],
        description="Moderators in scope and staff, never on their own content (403). The same service as the "
        "web form: the author's text rules apply (400 with field errors), 400 `no_changes` when nothing changes, "
        "400 `deleted` for a comment deleted by its author. The returned audit row has action `netiquette_edit`; "
        "with `personal_data` the previous text is not kept in `changes`.",
    )
    @action(detail=False, methods=["post"], url_path="netiquette-edit")
    def netiquette_edit(self, request):
        payload = NetiquetteEditSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        item = _item(data.pop("content_type"), data.pop("id"))
        decision = services.item_edit_for_netiquette(actor=request.user, item=item, **data)
        return Response(DecisionSerializer(decision).data)


router.register("moderation/queue", QueueViewSet, basename="moderation-queue")
router.register("moderation/decisions", DecisionViewSet, basename="moderation-decision")
router.register("moderation/reports", ReportViewSet, basename="moderation-report")
router.register("moderation/curation", CurationViewSet, basename="moderation-curation")
