"""API resources of the meetings app (registered on the shared router).

Public: meetings (with agenda, tables and, once held, attendance counts per organisation
category) and published restituzioni. Authenticated: the person's own registrations. Names
and emails of participants are never exposed here."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.meetings import selectors, services
from consultazione.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingReport,
    MeetingTable,
    Registration,
    ReportStatus,
)
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune

from .meetings_staff import MeetingStaffMixin
from .routers import router
from .schema import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "description", "duration_minutes", "in_tables"]


class TableSerializer(serializers.ModelSerializer):
    axis = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    macro_area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = MeetingTable
        fields = ["id", "position", "title", "axis", "macro_area"]


class MeetingSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase = serializers.SlugRelatedField(slug_field="kind", read_only=True, allow_null=True)
    venue_comune = serializers.SlugRelatedField(slug_field="istat_code", read_only=True, allow_null=True)
    venue_comune_name = serializers.CharField(source="venue_comune.name", read_only=True, default=None, allow_null=True)
    axes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    zones = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    macro_area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    seats_left = serializers.IntegerField(read_only=True, allow_null=True, help_text="Null when there is no capacity limit.")
    attendance_total = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "slug", "url", "process", "phase", "title", "kind", "description", "objectives", "starts_at", "ends_at",
            "format",
            "venue_comune", "venue_comune_name", "venue_name", "venue_address", "online_url", "axes", "zones", "macro_area",
            "registration_mode", "registration_opens_at", "registration_closes_at", "capacity", "seats_left",
            "attendance_total", "report_url", "cancelled_at", "cancellation_reason",
        ]  # fmt: skip

    def get_url(self, meeting) -> str:
        return meeting.get_absolute_url()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_report_url(self, meeting):
        try:
            report = meeting.report
        except MeetingReport.DoesNotExist:
            return None
        return report.published_url or None


class CategoryCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class MeetingDetailSerializer(MeetingSerializer):
    agenda = AgendaItemSerializer(many=True, read_only=True)
    tables = TableSerializer(many=True, read_only=True)
    attendance_by_category = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = MeetingSerializer.Meta.fields + ["agenda", "tables", "attendance_by_category"]

    @extend_schema_field(CategoryCountSerializer(many=True))
    def get_attendance_by_category(self, meeting):
        _total, counts = selectors.attendance_counts(meeting)
        return CategoryCountSerializer(counts, many=True).data


class MeetingFilter(filters.FilterSet):
    when = filters.ChoiceFilter(
        choices=[("upcoming", "upcoming"), ("past", "past")], method="filter_when", help_text="upcoming (default: all) or past."
    )
    kind = filters.ChoiceFilter(choices=MeetingKind.choices)
    zone = filters.NumberFilter(method="filter_zone", help_text="Zona omogenea number (1-11).")
    process = filters.CharFilter(field_name="process__slug")

    class Meta:
        model = Meeting
        fields = ["when", "kind", "zone", "process"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(ends_at__lt=now).order_by("-starts_at") if value == "past" else queryset.filter(ends_at__gte=now)

    def filter_zone(self, queryset, name, value):
        return queryset.filter(
            Q(zones__number=value) | Q(macro_area__zones__number=value) | Q(venue_comune__zona__number=value)
        ).distinct()


_WRITE_ERRORS = {400: INVALID, 403: FORBIDDEN}
_OBJECT_ERRORS = {**_WRITE_ERRORS, 404: NOT_FOUND, 409: CONFLICT}


@extend_schema(tags=["meetings"])
@extend_schema_view(
    create=extend_schema(responses={201: MeetingDetailSerializer, **_WRITE_ERRORS}),
    partial_update=extend_schema(responses={200: MeetingDetailSerializer, **_OBJECT_ERRORS}),
    cancel=extend_schema(responses={200: MeetingDetailSerializer, **_OBJECT_ERRORS}),
)
class MeetingViewSet(MeetingStaffMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The meetings of the processes. Participants' names are never exposed: held meetings give
    the number of people present and the counts per organisation category. Staff create, edit
    (PATCH) and cancel meetings here."""

    filterset_class = MeetingFilter
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    detail_serializer_class = MeetingDetailSerializer

    def get_queryset(self):
        return (
            Meeting.objects.select_related("process", "phase", "venue_comune", "macro_area", "report")
            .prefetch_related("axes", "zones", "agenda", "tables__axis", "tables__macro_area")
            .annotate(attendance_total=Count("attendances", distinct=True))
            .order_by("starts_at")
        )

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer


class RegistrationSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", queryset=Meeting.objects.all())
    category = serializers.SlugRelatedField(slug_field="code", queryset=Category.objects.all(), allow_null=True, required=False)
    comune = serializers.SlugRelatedField(slug_field="istat_code", queryset=Comune.objects.all(), allow_null=True, required=False)
    consent = serializers.BooleanField(write_only=True)
    email = serializers.EmailField(read_only=True, help_text="The account's email (set from the logged-in user).")

    class Meta:
        model = Registration
        fields = [
            "id", "meeting", "first_name", "last_name", "email", "organisation_name", "category", "comune", "consent",
            "status", "checkin_code", "created_at",
        ]  # fmt: skip
        read_only_fields = ["email", "status", "checkin_code", "created_at"]

    def validate_consent(self, value):
        if not value:
            raise serializers.ValidationError("Per iscriverti devi acconsentire al trattamento dei dati.")
        return value


@extend_schema(tags=["meetings"])
class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The logged-in person's own registrations: list, register (with the account's email), cancel.

    A registration over capacity goes to the waiting list (`status: "waiting"`); registering
    again for the same meeting returns the existing registration with status 200."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.registrations_of_user(self.request.user).select_related("category", "comune")

    @extend_schema(
        responses={201: RegistrationSerializer, 200: RegistrationSerializer, 409: CONFLICT},
        description="201 registered (or on the waiting list); 200 with your existing registration; "
        "409 when registrations are closed.",
        examples=[
            OpenApiExample(
                "Iscrizione",
                value={
                    "meeting": "incontro-online-priorita",
                    "first_name": "Partecipante",
                    "last_name": "01",
                    "consent": True,
                },
                request_only=True,
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = services.registration_create(
            meeting=data["meeting"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=request.user.email,
            organisation_name=data.get("organisation_name", ""),
            category=data.get("category"),
            comune=data.get("comune"),
            consent=data["consent"],
            user=request.user,
        )
        return Response(
            self.get_serializer(result.registration).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )

    @extend_schema(
        request=None, responses={200: RegistrationSerializer, 409: CONFLICT}, description="409 once the meeting is over."
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self.get_object()
        registration = services.registration_cancel(registration=registration, actor=request.user)
        return Response(self.get_serializer(registration).data)


class ReportSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    url = serializers.CharField(source="published_url", read_only=True)
    html = serializers.CharField(source="published_html", read_only=True)
    pdf_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingReport
        fields = ["id", "meeting", "meeting_title", "published_at", "url", "pdf_url", "docx_url", "html"]

    def get_pdf_url(self, report) -> str:
        return reverse("reports:restituzione_pdf", kwargs={"slug": report.meeting.slug})

    def get_docx_url(self, report) -> str:
        return reverse("reports:restituzione_docx", kwargs={"slug": report.meeting.slug})


@extend_schema(tags=["meetings"])
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Published restituzioni of meetings (the public text and the links to PDF and DOCX)."""

    serializer_class = ReportSerializer
    queryset = MeetingReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("meeting").order_by("-published_at")


router.register("meetings", MeetingViewSet, basename="meeting")
router.register("meeting-registrations", RegistrationViewSet, basename="meeting-registration")
router.register("meeting-reports", ReportViewSet, basename="meeting-report")
