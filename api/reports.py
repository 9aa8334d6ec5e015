"""API resources of the reports app: dashboard figures, statistics definitions, open data
(DCAT-AP_IT record and package) and staff export jobs (token authentication for integrations).

The figures are the same selectors (and cache) as the /dati/ pages."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from consultazione.core.params import renamed
from consultazione.plan.models import Axis
from consultazione.process.models import Process
from consultazione.reports import services
from consultazione.reports.exports.catalogue import dataset_record
from consultazione.reports.exports.datasets import DATASETS
from consultazione.reports.forms import DashboardFilterForm
from consultazione.reports.models import ExportJob, ExportKind, JobStatus
from consultazione.reports.selectors import STATISTICS, cached_dashboard
from consultazione.reports.selectors.figures import as_dict
from consultazione.reports.services.exports import STAFF_KINDS
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea

from .routers import router
from .schema import INVALID, TOO_MANY_REQUESTS, ApiErrorSerializer

DASHBOARD_EXAMPLE = {
    "process": "psm-2024-2026",
    "axis": None,
    "zona": None,
    "phase": None,
    "category": None,
    "generated_at": "2026-03-01T10:00:00+01:00",
    "participants": {"people_online": 812, "organisations_total": 41, "institutions_total": 23},
    "contributions": {"total": 1240, "by_kind": [{"key": "idea", "label": "Idea / proposta", "count": 702}]},
}


class StatisticSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable identifier of the statistic.")
    label = serializers.CharField()
    definition = serializers.CharField(help_text="How it is computed (the public definition registered with the selector).")


@extend_schema(tags=["reports"])
class StatisticViewSet(viewsets.ViewSet):
    """The definition of every statistic published on the dashboard, in the open data and in the final report."""

    permission_classes = [AllowAny]
    serializer_class = StatisticSerializer

    @extend_schema(
        summary="Statistics definitions",
        description="Each figure of the dashboard is defined once; this is its public definition.",
        responses={200: StatisticSerializer(many=True)},
    )
    def list(self, request):
        data = [{"key": s.key, "label": str(s.label), "definition": s.definition} for s in STATISTICS.values()]
        return Response(StatisticSerializer(data, many=True).data)


@extend_schema(tags=["reports"])
class DashboardViewSet(viewsets.ViewSet):
    """Participation figures of a process (the /dati/ dashboard as JSON). No personal data."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(
        summary="Dashboard figures of a process",
        description="Participants, contributions by kind/axis/zone/phase/channel, moderation funnel, outcomes per axis, "
        "top supported contributions, priority results, meetings and attendance, territorial view. "
        "Filters `asse` (axis number), `zona` (zone number), `fase` (phase kind) and `categoria` (stakeholder "
        "category code) restrict every figure as on the web page. "
        "400 with field errors for an unknown axis, zone, phase or category.",
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Process slug, e.g. psm-2024-2026."),
            OpenApiParameter("axis", int, description="Axis number (1-6) of the process's plan (formerly `asse`, still read)."),
            OpenApiParameter("zona", int, description="Zona omogenea number (1-11)."),
            OpenApiParameter("phase", str, description="Phase kind, e.g. ascolto, co_pianificazione (formerly `fase`)."),
            OpenApiParameter("category", str, description="Stakeholder category code, e.g. enti_locali (formerly `categoria`)."),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="The figures.", examples=[OpenApiExample("Figures", value=DASHBOARD_EXAMPLE)]
            ),
            400: OpenApiResponse(ApiErrorSerializer, description="Unknown axis, zone, phase or category."),
            404: OpenApiResponse(ApiErrorSerializer, description="Unknown process."),
        },
    )
    def retrieve(self, request, slug=None):
        process = get_object_or_404(Process, slug=slug)
        params = renamed(request.query_params, DashboardFilterForm.old_names)
        errors, axis, zona = {}, None, None
        if params.get("axis"):
            axis = Axis.objects.filter(plan_id=process.working_plan_id, code=_int(params["axis"])).first()
            if axis is None:
                errors["axis"] = ["Asse inesistente."]
        if params.get("zona"):
            zona = ZonaOmogenea.objects.filter(number=_int(params["zona"])).first()
            if zona is None:
                errors["zona"] = ["Zona omogenea inesistente."]
        phase = category = None
        if params.get("phase"):
            phase = process.phases.filter(kind=params["phase"]).first()
            if phase is None:
                errors["phase"] = ["Fase inesistente in questo processo."]
        if params.get("category"):
            category = Category.objects.filter(code=params["category"]).first()
            if category is None:
                errors["category"] = ["Categoria inesistente."]
        if errors:
            raise serializers.ValidationError(errors)
        figures = cached_dashboard(process=process, axis=axis, zona=zona, phase=phase, category=category)
        return Response(as_dict(figures))


def _int(value: str) -> int:
    return int(value) if value.isdigit() else -1


@extend_schema(tags=["open data"])
class OpenDataViewSet(viewsets.ViewSet):
    """Anonymised open data of a process: DCAT-AP_IT metadata and the ZIP package (CSV + JSON, CC BY 4.0)."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(
        summary="DCAT-AP_IT record of the open-data package",
        description="JSON-LD `dcatapit:Dataset`: distributions, publisher, licence, themes, temporal and spatial coverage.",
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Process slug.")],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="JSON-LD record."),
            404: OpenApiResponse(ApiErrorSerializer, description="Unknown process."),
        },
    )
    def retrieve(self, request, slug=None):
        process = get_object_or_404(Process.objects.prefetch_related("phases"), slug=slug)
        return Response(dataset_record(process=process))

    @extend_schema(
        summary="Open-data package status and download URL",
        description="Builds the package if there is no recent one. 200 with `download_url` when ready; "
        "202 while it is being built (poll again); `status` is `failed` with `error` if the build failed.",
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Process slug.")],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="Ready."),
            202: OpenApiResponse(OpenApiTypes.OBJECT, description="Being built."),
        },
    )
    @action(detail=True, methods=["get"])
    def package(self, request, slug=None):
        process = get_object_or_404(Process, slug=slug)
        job = services.open_data_job(process=process)
        payload = ExportJobSerializer(job, context={"request": request}).data
        payload["download_url"] = (
            request.build_absolute_uri(reverse("reports:open_data_package", kwargs={"slug": process.slug}))
            if job.status == JobStatus.READY
            else None
        )
        return Response(payload, status=status.HTTP_200_OK if job.is_finished else status.HTTP_202_ACCEPTED)


class ExportJobSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "process",
            "kind",
            "dataset",
            "personal_data",
            "status",
            "progress",
            "row_counts",
            "error",
            "attempts",
            "created_at",
            "finished_at",
            "download_url",
        ]

    def get_download_url(self, job) -> str | None:
        if job.status != JobStatus.READY or job.kind == ExportKind.OPEN_DATA:
            return None
        return self.context["request"].build_absolute_uri(reverse("reports:job_download", kwargs={"pk": job.pk}))


class ExportRequestSerializer(serializers.Serializer):
    process = serializers.SlugRelatedField(slug_field="slug", queryset=Process.objects.all(), help_text="Process slug.")
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in ExportKind if k in STAFF_KINDS])
    dataset = serializers.ChoiceField(
        choices=[(d.key, d.key) for d in DATASETS.values()],
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for csv and json.",
    )
    personal_data = serializers.BooleanField(
        default=False, help_text="Authors' emails and registrants' names: needs reports.export_personal_data."
    )


@extend_schema_view(
    list=extend_schema(summary="Your export jobs", description="The export jobs you requested, newest first."),
    retrieve=extend_schema(
        summary="Export job status", description="Status, progress (0-100), row counts, error and download URL of a job."
    ),
)
@extend_schema(tags=["reports"])
class ExportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Staff exports built in the background: request one, poll its status, download the file."""

    serializer_class = ExportJobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ExportJob.objects.none()
        return ExportJob.objects.filter(requested_by=self.request.user).select_related("process")

    @extend_schema(
        summary="Request an export",
        description="Starts a staff export (XLSX workbook, or CSV/JSON of one dataset). 202 with the job; "
        "403 `permission_denied` (and a logged attempt) without `reports.export_data`, or with `personal_data` "
        "without `reports.export_personal_data`; 400 `invalid` for a missing dataset.",
        request=ExportRequestSerializer,
        responses={
            202: ExportJobSerializer,
            400: INVALID,
            403: OpenApiResponse(ApiErrorSerializer, description="Not allowed (logged)."),
            429: TOO_MANY_REQUESTS,
        },
        examples=[OpenApiExample("Workbook", value={"process": "psm-2024-2026", "kind": "workbook"}, request_only=True)],
    )
    def create(self, request):
        payload = ExportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        job = services.export_request(
            actor=request.user,
            process=data["process"],
            kind=data["kind"],
            dataset=data["dataset"],
            personal_data=data["personal_data"],
            channel="api",
        )
        return Response(ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Retry a failed export",
        description="Runs a failed build again. 409 `conflict` if the job did not fail.",
        request=None,
        responses={202: ExportJobSerializer, 409: OpenApiResponse(ApiErrorSerializer, description="The job did not fail.")},
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        job = services.export_retry(actor=request.user, job=self.get_object())
        return Response(ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


router.register("statistics", StatisticViewSet, basename="reports-statistics")
router.register("dashboard", DashboardViewSet, basename="reports-dashboard")
router.register("open-data", OpenDataViewSet, basename="reports-open-data")
router.register("export-jobs", ExportJobViewSet, basename="reports-export-jobs")
