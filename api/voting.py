"""API resources of the voting app: supports, priority exercises, ballots and results.

Views only parse input and call the same services and selectors as the HTML pages; permission
refusals and rule violations come back from the services as 403/409/400 (see api/errors.py).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import PermissionDenied
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Organisation
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea
from consultazione.voting import selectors, services
from consultazione.voting.models import (
    Ballot,
    ExerciseItem,
    Method,
    PriorityExercise,
    ResultsVisibility,
    Scope,
    Support,
)

from .routers import router
from .schema import CONFLICT, FORBIDDEN

# --- supports -------------------------------------------------------------------------------


class SupportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Support
        fields = ["contribution", "created_at"]


class SupportCreateSerializer(serializers.Serializer):
    contribution = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.select_related("process", "author"))


class SupportStateSerializer(serializers.Serializer):
    contribution = serializers.IntegerField()
    support_count = serializers.IntegerField()
    supported = serializers.BooleanField()


def _support_state(contribution, supported: bool) -> Response:
    return Response({"contribution": contribution.pk, "support_count": contribution.support_count, "supported": supported})


@extend_schema(tags=["voting"])
class SupportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your supports. One support per person and contribution; withdraw it with DELETE."""

    serializer_class = SupportSerializer
    permission_classes = [IsAuthenticated]
    lookup_url_kwarg = "contribution"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Support.objects.none()
        return selectors.supports_of(self.request.user)

    @extend_schema(
        request=SupportCreateSerializer,
        responses={201: SupportStateSerializer, 409: CONFLICT},
        examples=[OpenApiExample("Sostieni", value={"contribution": 12}, request_only=True)],
        description="Support a published contribution while the active phase allows supports. "
        "409 `already_supported` or `support_limit`; 403 `phase_closed`, `not_verified`, `not_public`.",
    )
    def create(self, request):
        payload = SupportCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contribution = services.support_add(user=request.user, contribution=payload.validated_data["contribution"])
        response = _support_state(contribution, True)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        parameters=[OpenApiParameter("contribution", int, OpenApiParameter.PATH, description="Contribution id.")],
        responses={200: SupportStateSerializer, 409: CONFLICT},
        description="Withdraw your support (409 `not_supported` if you had not supported it).",
    )
    def destroy(self, request, contribution=None):
        target = None
        if contribution.isdigit():
            target = Contribution.objects.select_related("process").filter(pk=contribution).first()
        if target is None:
            raise NotFound(_("Contributo inesistente."))
        return _support_state(services.support_remove(user=request.user, contribution=target), False)


# --- exercises ------------------------------------------------------------------------------


class ExerciseItemSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)

    class Meta:
        model = ExerciseItem
        fields = ["id", "position", "code", "title", "strategy", "contribution"]


class ExerciseSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    zona = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    macro_area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    is_open = serializers.BooleanField(read_only=True)
    participants = serializers.IntegerField(read_only=True)
    items = ExerciseItemSerializer(many=True, read_only=True)

    class Meta:
        model = PriorityExercise
        fields = [
            "id",
            "process",
            "phase",
            "title",
            "description",
            "method",
            "scope",
            "axis",
            "zona",
            "macro_area",
            "points_total",
            "points_per_item_max",
            "top_k",
            "status",
            "is_open",
            "closes_at",
            "closed_at",
            "results_visibility",
            "participants",
            "items",
        ]


class ExerciseCreateSerializer(serializers.Serializer):
    process = serializers.SlugRelatedField(slug_field="slug", queryset=Process.objects.all())
    phase = serializers.PrimaryKeyRelatedField(queryset=Phase.objects.all(), required=False, allow_null=True)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    method = serializers.ChoiceField(choices=Method.choices)
    scope = serializers.ChoiceField(choices=Scope.choices)
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all(), required=False, allow_null=True)
    contributions = serializers.PrimaryKeyRelatedField(queryset=Contribution.objects.all(), many=True, required=False)
    zona = serializers.SlugRelatedField(slug_field="number", queryset=ZonaOmogenea.objects.all(), required=False, allow_null=True)
    macro_area = serializers.SlugRelatedField(
        slug_field="code", queryset=MacroArea.objects.all(), required=False, allow_null=True
    )
    points_total = serializers.IntegerField(min_value=1, max_value=100, default=10)
    points_per_item_max = serializers.IntegerField(min_value=1, max_value=100, default=3)
    top_k = serializers.IntegerField(min_value=1, max_value=50, default=3)
    results_visibility = serializers.ChoiceField(choices=ResultsVisibility.choices, default=ResultsVisibility.AFTER_CLOSE)
    closes_at = serializers.DateTimeField(required=False, allow_null=True)
    open_now = serializers.BooleanField(default=False)


class BallotWriteSerializer(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False, help_text="Dot-voting: {item_id: points}."
    )
    ranking = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Ranking: item ids, best first (at most top_k)."
    )
    zona = serializers.SlugRelatedField(
        slug_field="number", queryset=ZonaOmogenea.objects.all(), required=False, allow_null=True, help_text="Zone number."
    )
    comune = serializers.SlugRelatedField(
        slug_field="istat_code",
        queryset=Comune.objects.select_related("zona"),
        required=False,
        allow_null=True,
        help_text="ISTAT code; the zone is taken from it.",
    )
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)

    def validate_points(self, value):
        try:
            return {int(key): points for key, points in value.items()}
        except ValueError:
            raise serializers.ValidationError(_("Le chiavi di «points» sono gli id delle voci.")) from None


class AllocationSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    points = serializers.IntegerField()
    rank = serializers.IntegerField(allow_null=True)


class BallotSerializer(serializers.ModelSerializer):
    zona = serializers.SlugRelatedField(slug_field="number", read_only=True)
    comune = serializers.SlugRelatedField(slug_field="istat_code", read_only=True, allow_null=True)
    allocations = AllocationSerializer(many=True, read_only=True)

    class Meta:
        model = Ballot
        fields = ["exercise", "zona", "comune", "organisation", "created_at", "updated_at", "allocations"]


class RankedItemSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id")
    code = serializers.CharField()
    title = serializers.CharField()
    label = serializers.CharField()
    score = serializers.IntegerField()
    voters = serializers.IntegerField()
    strategy = serializers.IntegerField(source="strategy_id", allow_null=True)
    contribution = serializers.IntegerField(source="contribution_id", allow_null=True)


class SegmentSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    hidden = serializers.BooleanField(
        help_text="True when fewer than 5 ballots make this segment (or when it could be worked out from the "
        "others): participants is null and scores empty, so that no one's choice can be read."
    )
    participants = serializers.IntegerField(allow_null=True)
    scores = serializers.DictField(child=serializers.IntegerField(), help_text="{item_id: points}; empty when hidden")


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    segments = SegmentSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    participants = serializers.IntegerField()
    closed = serializers.BooleanField(source="exercise.is_closed")
    items = RankedItemSerializer(many=True)
    breakdowns = BreakdownSerializer(many=True)


@extend_schema(tags=["voting"])
class PriorityExerciseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Priority exercises (dot-voting and ranking) with their items; drafts are visible to staff only."""

    serializer_class = ExerciseSerializer

    def get_queryset(self):
        qs = selectors.exercises_for(self.request.user).prefetch_related(
            Prefetch("items", queryset=ExerciseItem.objects.select_related("strategy", "contribution"))
        )
        if process := self.request.query_params.get("process"):
            qs = qs.filter(process__slug=process)
        if wanted := self.request.query_params.get("status"):
            qs = qs.filter(status=wanted)
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("process", str, description="Process slug."),
            OpenApiParameter("status", str, enum=["draft", "open", "closed"]),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ExerciseCreateSerializer,
        responses={201: ExerciseSerializer},
        description="Staff only. The items are built from `scope`: the plan's strategies, an axis's, or `contributions`.",
        examples=[
            OpenApiExample(
                "Dot-voting per macro-area",
                value={
                    "process": "psm-2024-2026",
                    "title": "Priorità del Pinerolese",
                    "method": "dots",
                    "scope": "plan",
                    "macro_area": "B",
                    "points_total": 10,
                    "points_per_item_max": 3,
                    "open_now": True,
                },
                request_only=True,
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        payload = ExerciseCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        exercise = services.exercise_create(actor=request.user, **payload.validated_data)
        data = ExerciseSerializer(selectors.exercise_with_items(exercise.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: BallotSerializer}, description="Your current ballot (404 if you have none).")
    @extend_schema(
        methods=["PUT"],
        request=BallotWriteSerializer,
        responses={200: BallotSerializer, 409: CONFLICT},
        description="Cast or replace your ballot. Dot-voting: `points`; ranking: `ranking`. `zona` or `comune` is "
        "required. 400 with `errors` when a rule is broken (nothing is stored); 409 `exercise_closed`.",
        examples=[
            OpenApiExample("Punti", value={"points": {"41": 3, "42": 2}, "comune": "001191"}, request_only=True),
            OpenApiExample("Classifica", value={"ranking": [42, 41, 45], "zona": 5}, request_only=True),
        ],
    )
    @action(detail=True, methods=["get", "put"], permission_classes=[IsAuthenticated])
    def ballot(self, request, pk=None):
        exercise = self.get_object()
        if request.method == "PUT":
            payload = BallotWriteSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            services.ballot_cast(user=request.user, exercise=exercise, **payload.validated_data)
        current = selectors.ballot_of(request.user, exercise)
        if current is None:
            return Response({"detail": _("Non hai ancora compilato la scheda."), "code": "not_found"}, status=404)
        return Response(BallotSerializer(current).data)

    @extend_schema(responses={200: ResultsSerializer, 403: FORBIDDEN}, description="Ranking and breakdowns (403 until visible).")
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        exercise = self.get_object()
        if not request.user.has_perm("voting.view_results", exercise):
            raise PermissionDenied(_("I risultati saranno pubblicati alla chiusura."), code="results_hidden")
        return Response(ResultsSerializer(selectors.exercise_results(exercise)).data)

    @extend_schema(request=None, responses={200: ExerciseSerializer, 409: CONFLICT}, description="Staff: close now.")
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def close(self, request, pk=None):
        exercise = services.exercise_close(actor=request.user, exercise=self.get_object())
        return Response(ExerciseSerializer(selectors.exercise_with_items(exercise.pk)).data)

    @extend_schema(request=None, responses={200: ExerciseSerializer, 409: CONFLICT}, description="Staff: open (or reopen).")
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def open(self, request, pk=None):
        exercise = services.exercise_open(actor=request.user, exercise=self.get_object())
        return Response(ExerciseSerializer(selectors.exercise_with_items(exercise.pk)).data)


router.register("supports", SupportViewSet, basename="support")
router.register("priority-exercises", PriorityExerciseViewSet, basename="priority-exercise")
