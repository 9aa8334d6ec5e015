"""Read-only reference data: plan, territory, processes, stakeholder categories."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.plan.models import Action, Axis, Strategy
from consultazione.plan.selectors import axes_tree
from consultazione.process.models import Phase, Process
from consultazione.process.selectors import active_phase, processes_with_phases
from consultazione.process.services import phase_activate
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea
from consultazione.territory.selectors import comuni_list, macro_areas, zones_with_counts

from .routers import router


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "code", "title", "title_is_partial"]


class StrategySerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = ["id", "code", "title", "title_is_partial", "summary", "actions"]


class AxisSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strategies = StrategySerializer(many=True, read_only=True)

    class Meta:
        model = Axis
        fields = ["id", "plan", "code", "title", "name", "pnrr_mission", "description", "colour", "strategies"]


class AxisFilter(filters.FilterSet):
    plan = filters.CharFilter(field_name="plan__slug", help_text="Plan slug, e.g. psm-2024-2026.")

    class Meta:
        model = Axis
        fields = ["plan"]


@extend_schema(tags=["plan"])
class AxisViewSet(viewsets.ReadOnlyModelViewSet):
    """The axes of the plans with their strategies and actions."""

    serializer_class = AxisSerializer
    filterset_class = AxisFilter

    queryset = axes_tree().order_by("plan__period_start", "code")


class ZoneSerializer(serializers.ModelSerializer):
    macro_area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    comuni_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ZonaOmogenea
        fields = ["id", "number", "name", "macro_area", "comuni_count"]


@extend_schema(tags=["territory"])
class ZoneViewSet(viewsets.ReadOnlyModelViewSet):
    """The 11 zone omogenee."""

    serializer_class = ZoneSerializer
    queryset = zones_with_counts()
    pagination_class = None


class ComuneSerializer(serializers.ModelSerializer):
    zona = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)

    class Meta:
        model = Comune
        fields = ["id", "istat_code", "name", "zona"]


class ComuneFilter(filters.FilterSet):
    zona = filters.NumberFilter(field_name="zona__number", help_text="Zone number (1-11).")
    name = filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Comune
        fields = ["zona", "name"]


@extend_schema(tags=["territory"])
class ComuneViewSet(viewsets.ReadOnlyModelViewSet):
    """The comuni of the metropolitan city, with their ISTAT code and zone."""

    serializer_class = ComuneSerializer
    queryset = comuni_list()
    filterset_class = ComuneFilter


class MacroAreaSerializer(serializers.ModelSerializer):
    zones = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    venue_comune = serializers.SlugRelatedField(slug_field="istat_code", read_only=True, allow_null=True)

    class Meta:
        model = MacroArea
        fields = ["id", "code", "name", "venue_comune", "zones"]


@extend_schema(tags=["territory"])
class MacroAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The territorial tables: groups of zones."""

    serializer_class = MacroAreaSerializer
    queryset = macro_areas()
    pagination_class = None


class PhaseSerializer(serializers.ModelSerializer):
    features = serializers.SerializerMethodField()

    class Meta:
        model = Phase
        fields = ["id", "kind", "title", "position", "planned_start", "planned_end", "actual_start", "actual_end", "features"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_features(self, phase) -> list[str]:
        return sorted(phase.features)


class ProcessSerializer(serializers.ModelSerializer):
    phases = PhaseSerializer(many=True, read_only=True)
    active_phase = serializers.SerializerMethodField()
    plan_revised = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    plan_produced = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Process
        fields = [
            "id",
            "slug",
            "title",
            "objective",
            "open_to_change",
            "responsible_office",
            "plan_revised",
            "plan_produced",
            "contribution_moderation",
            "comment_moderation",
            "phases",
            "active_phase",
        ]

    @extend_schema_field(PhaseSerializer(allow_null=True))
    def get_active_phase(self, process):
        phase = active_phase(process)
        return PhaseSerializer(phase).data if phase else None


class PhaseActivateSerializer(serializers.Serializer):
    phase = serializers.IntegerField(
        allow_null=True, help_text="The id of one of the process's phases; null to let the calendar decide again."
    )


@extend_schema(tags=["process"])
class ProcessViewSet(viewsets.ReadOnlyModelViewSet):
    """Participatory processes with their phases and the active one."""

    serializer_class = ProcessSerializer
    queryset = processes_with_phases()
    lookup_field = "slug"

    @extend_schema(
        request=PhaseActivateSerializer,
        responses={200: ProcessSerializer},
        description="Staff: make a phase the active one, whatever the dates (`phase: null` follows the calendar "
        "again). 400 `invalid` for an unknown phase or one of another process; 403 for anyone but staff.",
    )
    @action(detail=True, methods=["post"], url_path="activate-phase")
    def activate_phase(self, request, slug=None):
        process = self.get_object()
        data = PhaseActivateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        process = phase_activate(actor=request.user, process=process, phase_id=data.validated_data["phase"])
        return Response(ProcessSerializer(processes_with_phases().get(pk=process.pk)).data)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "label", "is_institutional"]


@extend_schema(tags=["stakeholders"])
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Stakeholder categories."""

    serializer_class = CategorySerializer
    queryset = Category.objects.all()
    pagination_class = None


router.register("axes", AxisViewSet, basename="axis")
router.register("zones", ZoneViewSet, basename="zone")
router.register("comuni", ComuneViewSet, basename="comune")
router.register("macro-areas", MacroAreaViewSet, basename="macro-area")
router.register("processes", ProcessViewSet, basename="process")
router.register("stakeholder-categories", CategoryViewSet, basename="stakeholder-category")
