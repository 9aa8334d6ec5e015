"""API resources of the monitoring app: actions with their tracking (public read, staff write),
the progress roll-up, indicator values and the spreadsheet import (staff).

Views parse input and call the monitoring services/selectors; errors map through api/errors.py.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.monitoring.models import Indicator, IndicatorValue, TrackingStatus, Unit, UpdateKind
from consultazione.monitoring.selectors import (
    actions_with_tracking,
    contributions_for_action,
    meetings_for_action,
    monitored_plans,
    plan_in_force,
    plan_progress,
    tracking_of,
)
from consultazione.monitoring.services import ImportRefused, indicator_value_record, tracking_import, tracking_update
from consultazione.monitoring.tabular import SHEETS, read_upload
from consultazione.plan.models import Action
from consultazione.stakeholders.models import Organisation

from .parsers import FormParser, MultiPartParser
from .permissions import rule_permission
from .routers import router
from .schema import NOT_FOUND


def _plan_from(request):
    slug = request.query_params.get("plan")
    return get_object_or_404(monitored_plans(), slug=slug) if slug else plan_in_force()


# --- read ----------------------------------------------------------------------------------


class TrackedActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    plan = serializers.CharField(source="strategy.axis.plan.slug")
    axis = serializers.IntegerField(source="strategy.axis.code")
    strategy = serializers.CharField(source="strategy.code")
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()
    responsible_office = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    budget = serializers.SerializerMethodField()
    funding_source = serializers.SerializerMethodField()
    start_date = serializers.SerializerMethodField()
    end_date = serializers.SerializerMethodField()

    def _field(self, action, name, default=None):
        tracking = tracking_of(action)
        return getattr(tracking, name) if tracking else default

    def get_status(self, action) -> str:
        return self._field(action, "status", TrackingStatus.NOT_STARTED.value)

    def get_progress(self, action) -> int:
        return self._field(action, "progress", 0)

    def get_merged_into(self, action) -> str | None:
        target = self._field(action, "merged_into")
        return target.code if target else None

    def get_responsible_office(self, action) -> str:
        return self._field(action, "responsible_office", "")

    def get_partners(self, action) -> list[str]:
        tracking = tracking_of(action)
        return sorted(partner.name for partner in tracking.partners.all()) if tracking else []

    def get_budget(self, action) -> str | None:
        budget = self._field(action, "budget")
        return None if budget is None else str(budget)

    def get_funding_source(self, action) -> str:
        return self._field(action, "funding_source", "")

    def get_start_date(self, action) -> str | None:
        value = self._field(action, "start_date")
        return value.isoformat() if value else None

    def get_end_date(self, action) -> str | None:
        value = self._field(action, "end_date")
        return value.isoformat() if value else None


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "unit", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "name", "description", "unit", "baseline", "baseline_date", "target", "target_date", "values"]


class TrackedActionDetailSerializer(TrackedActionSerializer):
    indicators = serializers.SerializerMethodField()
    updates = serializers.SerializerMethodField()
    contributions = serializers.SerializerMethodField()
    meetings = serializers.SerializerMethodField()

    def get_indicators(self, action) -> list[dict]:
        tracking = tracking_of(action)
        return IndicatorSerializer(tracking.indicators.all(), many=True).data if tracking else []

    def get_updates(self, action) -> list[dict]:
        tracking = tracking_of(action)
        if not tracking:
            return []
        return [
            {
                "date": update.date.isoformat(),
                "title": update.title,
                "text": update.text,
                "documents": [{"title": doc.title, "url": doc.url} for doc in update.documents.all()],
            }
            for update in tracking.updates.all()
            if update.kind == UpdateKind.PROGRESS
        ]

    def get_contributions(self, action) -> list[dict]:
        return [
            {"id": c.pk, "reference": c.reference, "title": c.title, "kind": c.kind, "outcome": c.outcome_record.outcome}
            for c in contributions_for_action(action)
        ]

    def get_meetings(self, action) -> list[dict]:
        return [
            {"id": item.meeting.pk, "title": item.meeting.title, "starts_at": item.meeting.starts_at, "tables": item.tables}
            for item in meetings_for_action(action)
        ]


class TrackingWriteSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TrackingStatus.choices, required=False)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    merged_into = serializers.CharField(required=False, allow_blank=True, help_text="Code of an action of the same plan.")
    responsible_office = serializers.CharField(required=False, allow_blank=True, max_length=200)
    partners = serializers.ListField(child=serializers.CharField(), required=False, help_text="Organisation names.")
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0)
    funding_source = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, action_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action_obj = action_obj

    def validate_merged_into(self, code):
        if not code:
            return None
        plan = self.action_obj.strategy.axis.plan
        target = Action.objects.filter(strategy__axis__plan=plan, code=code).first()
        if target is None:
            raise serializers.ValidationError(_("L'azione «%(c)s» non esiste nel %(p)s.") % {"c": code, "p": plan})
        return target

    def validate_partners(self, names):
        found = {org.name.casefold(): org for org in Organisation.objects.filter(name__in=names)}
        unknown = [name for name in names if name.casefold() not in found]
        if unknown:
            raise serializers.ValidationError(_("Organizzazioni non registrate: %(n)s.") % {"n": ", ".join(unknown)})
        return [found[name.casefold()] for name in names]


@extend_schema(tags=["monitoring"])
class TrackedActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Actions of an approved plan with status, progress (%), office, partners, budget, dates;
    the detail adds indicators with measured values, public updates, and the contributions and
    meetings that fed into the action. PATCH (staff) changes the tracking, audited."""

    serializer_class = TrackedActionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no database access
            return Action.objects.none()
        if self.action == "list":
            plan = _plan_from(self.request)
            axis = self.request.query_params.get("axis")
            return actions_with_tracking(
                plan=plan,
                status=self.request.query_params.get("status"),
                axis_code=int(axis) if axis and axis.isdigit() else None,
            ).prefetch_related("tracking__partners")
        indicators = Indicator.objects.prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("date")))
        return (
            Action.objects.filter(strategy__axis__plan__in=monitored_plans())
            .select_related("strategy__axis__plan", "tracking__merged_into")
            .prefetch_related(
                "tracking__partners", Prefetch("tracking__indicators", queryset=indicators), "tracking__updates__documents"
            )
        )

    def get_serializer_class(self):
        return TrackedActionDetailSerializer if self.action == "retrieve" else TrackedActionSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", str, description="Plan slug (default: the plan in force), e.g. psm-2021-2023."),
            OpenApiParameter("status", str, enum=TrackingStatus.values, description="Implementation status."),
            OpenApiParameter("axis", int, description="Axis number."),
        ],
        description="404 for an unknown plan (or a page past the end).",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=TrackingWriteSerializer,
        responses={200: TrackedActionSerializer},
        examples=[OpenApiExample("Avanzamento", value={"status": "in_progress", "progress": 40}, request_only=True)],
        description="Staff only (403 otherwise). Sets the given fields; 400 with field errors when the values "
        "contradict each other (e.g. `completed` with progress below 100).",
    )
    def partial_update(self, request, pk=None):
        target = self.get_object()
        payload = TrackingWriteSerializer(data=request.data, action_obj=target)
        payload.is_valid(raise_exception=True)
        tracking_update(actor=request.user, action=target, data=payload.validated_data, source="api")
        fresh = actions_with_tracking(plan=target.strategy.axis.plan).prefetch_related("tracking__partners").get(pk=target.pk)
        return Response(TrackedActionSerializer(fresh).data)


# --- progress ------------------------------------------------------------------------------


@extend_schema(
    tags=["monitoring"],
    parameters=[OpenApiParameter("plan", str, description="Plan slug (default: the plan in force).")],
    description="Progress roll-up: strategy = plain average of its actions (merged ones left out), "
    "axis = average of its strategies, plan = average of its axes.",
    responses={200: dict, 404: NOT_FOUND},
)
class ProgressViewSet(viewsets.ViewSet):
    def list(self, request):
        rollup = plan_progress(plan=_plan_from(request))
        return Response(
            {
                "plan": rollup.plan.slug,
                "progress": rollup.progress,
                "status_counts": rollup.status_counts,
                "axes": [
                    {
                        "code": axis.axis.code,
                        "title": axis.axis.title,
                        "progress": axis.progress,
                        "status_counts": axis.status_counts,
                        "strategies": [
                            {"code": s.strategy.code, "progress": s.progress, "actions": s.action_count} for s in axis.strategies
                        ],
                    }
                    for axis in rollup.axes
                ],
            }
        )


# --- indicator values (staff) --------------------------------------------------------------


class IndicatorValueWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4)
    unit = serializers.ChoiceField(choices=Unit.choices, help_text="Must be the indicator's unit.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


@extend_schema(tags=["monitoring"])
class IndicatorViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An indicator with its measured values; staff record new values with POST …/values/."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.select_related("tracking__action").prefetch_related("values")

    @extend_schema(
        request=IndicatorValueWriteSerializer,
        responses={201: IndicatorValueSerializer},
        examples=[OpenApiExample("Misura", value={"date": "2025-06-30", "value": "42.5", "unit": "percent"}, request_only=True)],
        description="Record the value measured on a date (replaces the value of the same date). "
        "400 `errors.unit` when the unit is not the indicator's, `errors.date` for a future date.",
    )
    @action(detail=True, methods=["post"])
    def values(self, request, pk=None):
        indicator = self.get_object()
        payload = IndicatorValueWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        value = indicator_value_record(actor=request.user, indicator=indicator, source="api", **payload.validated_data)
        return Response(IndicatorValueSerializer(value).data, status=status.HTTP_201_CREATED)


# --- import (staff) ------------------------------------------------------------------------


class ImportSerializer(serializers.Serializer):
    plan = serializers.SlugRelatedField(slug_field="slug", queryset=monitored_plans())
    file = serializers.FileField(help_text="CSV (one table) or XLSX (sheets azioni, indicatori, valori).")
    sheet = serializers.ChoiceField(choices=SHEETS, required=False, help_text="Which table a CSV holds.")


@extend_schema(tags=["monitoring"])
class TrackingImportViewSet(viewsets.ViewSet):
    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [rule_permission("monitoring.import_tracking", object_level=False)]

    @extend_schema(
        request=ImportSerializer,
        responses={200: dict, 400: dict},
        description="Staff only. All rows or nothing: on any bad row (unknown action code, progress outside "
        "0-100, wrong unit…) nothing is saved and the answer is 400 `import_refused` with `rows`: "
        "[{sheet, row, reason}].",
    )
    def create(self, request):
        payload = ImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        sheets = read_upload(upload, filename=upload.name, sheet=payload.validated_data.get("sheet"))
        try:
            report = tracking_import(actor=request.user, plan=payload.validated_data["plan"], sheets=sheets)
        except ImportRefused as exc:
            rows = [{"sheet": sheet, "row": row, "reason": reason} for sheet, row, reason in exc.rows]
            errors = [f"{row['sheet']} riga {row['row']}: {row['reason']}" for row in rows]
            return Response(
                {"detail": exc.message, "code": exc.code, "errors": {"non_field_errors": errors}, "rows": rows},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {"actions": report.actions, "indicators": report.indicators, "values": report.values, "changes": report.changes}
        )


router.register("monitoring/actions", TrackedActionViewSet, basename="monitoring-action")
router.register("monitoring/progress", ProgressViewSet, basename="monitoring-progress")
router.register("monitoring/indicators", IndicatorViewSet, basename="monitoring-indicator")
router.register("monitoring/import", TrackingImportViewSet, basename="monitoring-import")
