"""API resources of the moderation app, second part: official outcomes, thematic responses,
blocks and the public reason codes (the queue, decisions, reports and curation are in api/moderation.py).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from consultazione.accounts.models import User
from consultazione.contributions.models import Contribution
from consultazione.moderation import selectors, services
from consultazione.moderation.models import OutcomeRecord, ThematicResponse
from consultazione.moderation.reasons import ReasonCode, reasons_published
from consultazione.plan.models import Action, Strategy
from consultazione.process.models import Process

from .moderation import DecisionSerializer
from .routers import router
from .schema import CONFLICT


class OutcomeSerializer(serializers.ModelSerializer):
    contribution_reference = serializers.CharField(source="contribution.reference", read_only=True)
    strategy = serializers.PrimaryKeyRelatedField(queryset=Strategy.objects.all(), required=False, allow_null=True)
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.all(), required=False, allow_null=True)
    public_text = serializers.CharField(read_only=True)

    class Meta:
        model = OutcomeRecord
        fields = ["contribution", "contribution_reference", "outcome", "motivation", "public_text", "strategy", "action"]
        fields += ["thematic_response", "recorded_at"]
        read_only_fields = ["thematic_response", "recorded_at"]
        extra_kwargs = {"contribution": {"queryset": Contribution.objects.all(), "validators": []}}


@extend_schema(tags=["moderation"])
class OutcomeViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Official outcomes of public contributions (anyone reads; staff record them)."""

    serializer_class = OutcomeSerializer
    filterset_fields = ["outcome", "contribution"]

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    def get_queryset(self):
        public = Contribution.objects.public()
        return OutcomeRecord.objects.filter(contribution__in=public).select_related("contribution", "thematic_response")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.outcome_record(
            actor=self.request.user,
            contribution=data["contribution"],
            outcome=data["outcome"],
            motivation=data.get("motivation", ""),
            strategy=data.get("strategy"),
            action=data.get("action"),
        )


class ThematicResponseSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", queryset=Process.objects.all())
    contributions = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all(), many=True, write_only=True)
    answered = serializers.IntegerField(read_only=True)

    class Meta:
        model = ThematicResponse
        fields = ["id", "process", "title", "text", "outcome", "strategy", "action", "contributions", "answered", "created_at"]


@extend_schema(tags=["moderation"])
class ThematicResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """One answer applied to many contributions in one transaction (staff); public to read."""

    serializer_class = ThematicResponseSerializer

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    def get_queryset(self):
        return selectors.thematic_responses().order_by("-created_at")

    def perform_create(self, serializer):
        response = services.thematic_response_create(actor=self.request.user, **serializer.validated_data)
        response.answered = len(serializer.validated_data["contributions"])
        serializer.instance = response


class BlockSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    reason = serializers.CharField()
    reason_code = serializers.ChoiceField(choices=ReasonCode.choices, required=False, allow_blank=True, default="")


@extend_schema(tags=["moderation"])
class BlockViewSet(viewsets.ViewSet):
    """Block or unblock an account (staff); both are audited and the person is told why."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=BlockSerializer, responses={201: DecisionSerializer, 409: CONFLICT}, description="409 `already_blocked`."
    )
    def create(self, request):
        payload = BlockSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.user_block(actor=request.user, **payload.validated_data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BlockSerializer, responses={200: DecisionSerializer, 409: CONFLICT}, description="409 `not_blocked`.")
    @action(detail=False, methods=["post"])
    def unblock(self, request):
        payload = BlockSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        decision = services.user_unblock(actor=request.user, user=data["user"], reason=data["reason"])
        return Response(DecisionSerializer(decision).data)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()


@extend_schema(tags=["moderation"])
class ReasonViewSet(viewsets.ViewSet):
    """The published reason codes of moderation (see /moderazione/motivi/ and the netiquette)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: ReasonSerializer(many=True)})
    def list(self, request):
        return Response(reasons_published())


router.register("moderation/outcomes", OutcomeViewSet, basename="moderation-outcome")
router.register("moderation/thematic-responses", ThematicResponseViewSet, basename="moderation-thematic-response")
router.register("moderation/blocks", BlockViewSet, basename="moderation-block")
router.register("moderation/reasons", ReasonViewSet, basename="moderation-reason")
