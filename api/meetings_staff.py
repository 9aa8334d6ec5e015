"""Staff operations on meetings through the API: create, edit (PATCH) and cancel.

The same services as the staff pages (`meeting_create`, `meeting_update`, `meeting_cancel`) and
the same rules (`meetings.add_meeting`, `meetings.change_meeting`): a refusal of the model's
validation is a 400 with `errors` per field, a cancelled meeting answers 409."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.meetings import services
from consultazione.meetings.models import Meeting, MeetingFormat, MeetingKind, RegistrationMode
from consultazione.plan.models import Axis
from consultazione.process.models import Process
from consultazione.process.selectors import process_current
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea

from .permissions import rule_permission
from .schema import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND


class AgendaItemWriteSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text="An existing item of this meeting (kept, with what tables recorded).")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600, default=15)
    in_tables = serializers.BooleanField(default=False)


class TableWriteSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text="An existing table of this meeting (kept with its facilitator).")
    title = serializers.CharField(max_length=200)
    axis = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all(), allow_null=True, required=False, default=None)
    macro_area = serializers.SlugRelatedField(
        slug_field="code", queryset=MacroArea.objects.all(), allow_null=True, required=False, default=None
    )


class _Rows(serializers.Field):
    """A list of rows validated by their own serializer, which is never partial: a PATCH may leave
    out `agenda`, but each row it sends is whole (a nested serializer would inherit `partial`)."""

    row_serializer: type[serializers.Serializer]

    def to_internal_value(self, data):
        rows = self.row_serializer(data=data, many=True)
        rows.is_valid(raise_exception=True)
        return rows.validated_data

    def to_representation(self, value):
        return value


@extend_schema_field(AgendaItemWriteSerializer(many=True))
class AgendaRows(_Rows):
    row_serializer = AgendaItemWriteSerializer


@extend_schema_field(TableWriteSerializer(many=True))
class TableRows(_Rows):
    row_serializer = TableWriteSerializer


class MeetingWriteSerializer(serializers.Serializer):
    """Fields left out of a PATCH keep their value; `agenda` and `tables`, when given, replace the
    lists in the given order (rows with an `id` keep that row)."""

    process = serializers.SlugRelatedField(
        slug_field="slug", queryset=Process.objects.all(), required=False, help_text="Create only; default: the current process."
    )
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    objectives = serializers.CharField(required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    format = serializers.ChoiceField(choices=MeetingFormat.choices, required=False)
    venue_comune = serializers.SlugRelatedField(
        slug_field="istat_code", queryset=Comune.objects.all(), allow_null=True, required=False
    )
    venue_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    venue_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=0, max_value=100_000, allow_null=True, required=False)
    registration_mode = serializers.ChoiceField(choices=RegistrationMode.choices, required=False)
    registration_opens_at = serializers.DateTimeField(allow_null=True, required=False)
    registration_closes_at = serializers.DateTimeField(allow_null=True, required=False)
    axes = serializers.PrimaryKeyRelatedField(queryset=Axis.objects.all(), many=True, required=False)
    zones = serializers.SlugRelatedField(slug_field="number", queryset=ZonaOmogenea.objects.all(), many=True, required=False)
    agenda = AgendaRows(required=False)
    tables = TableRows(required=False)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Sent to every registered person and shown on the meeting page.")


def agenda_specs(rows) -> list:
    return [
        services.AgendaSpec(
            title=row["title"],
            description=row.get("description", ""),
            duration_minutes=row.get("duration_minutes", 15),
            in_tables=row.get("in_tables", False),
            pk=row.get("id"),
        )
        for row in rows
    ]


def table_specs(rows, meeting: Meeting | None = None) -> list:
    # the API does not name people: a kept table keeps its facilitator, a new one has none yet
    kept = {table.pk: table.facilitator for table in meeting.tables.select_related("facilitator")} if meeting else {}
    return [
        services.TableSpec(
            title=row["title"],
            axis=row.get("axis"),
            macro_area=row.get("macro_area"),
            facilitator=kept.get(row.get("id")),
            pk=row.get("id"),
        )
        for row in rows
    ]


EXAMPLE = {
    "kind": "tavolo_territoriale",
    "title": "Tavolo territoriale del Pinerolese",
    "starts_at": "2027-01-20T17:30:00+01:00",
    "ends_at": "2027-01-20T19:30:00+01:00",
    "format": "in_presenza",
    "venue_comune": "001191",
    "venue_name": "Sala consiliare",
    "capacity": 60,
    "agenda": [{"title": "Saluti", "duration_minutes": 10}, {"title": "Lavoro ai tavoli", "duration_minutes": 60}],
    "tables": [{"title": "Mobilità", "axis": 3}],
}


class MeetingStaffMixin:
    """create / partial_update / cancel for MeetingViewSet (api/meetings.py)."""

    def get_permissions(self):
        if self.action == "create":
            return [rule_permission("meetings.add_meeting", object_level=False)()]
        if self.action in {"partial_update", "cancel"}:
            return [rule_permission("meetings.change_meeting")()]
        return super().get_permissions()

    detail_serializer_class: type[serializers.Serializer]  # the read serializer of the answers

    def _detail(self, meeting, code=status.HTTP_200_OK):
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(self.detail_serializer_class(meeting, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=MeetingWriteSerializer,
        responses={400: INVALID, 403: FORBIDDEN},
        description="Staff: create a meeting with its ordered agenda and its tables. 400 with `errors` per field "
        "(end before start, in person without `venue_comune`, online without `online_url`…).",
        examples=[OpenApiExample("Tavolo territoriale", value=EXAMPLE, request_only=True)],
    )
    def create(self, request, *args, **kwargs):
        serializer = MeetingWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        process = data.pop("process", None) or process_current()
        if process is None:
            raise serializers.ValidationError({"process": ["Nessun processo in corso: indica il processo."]})
        meeting = services.meeting_create(
            actor=request.user,
            process=process,
            agenda=agenda_specs(data.pop("agenda", [])),
            tables=table_specs(data.pop("tables", [])),
            **data,
        )
        return self._detail(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        request=MeetingWriteSerializer(partial=True),
        responses={400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        description="Staff: change a meeting (only the fields given). 400 when the capacity would fall below the "
        "confirmed registrations or a table/agenda row with recorded outputs would be removed; 409 `cancelled` "
        "for a cancelled meeting.",
        examples=[OpenApiExample("Più posti", value={"capacity": 80}, request_only=True)],
    )
    def partial_update(self, request, *args, **kwargs):
        meeting = self.get_object()
        serializer = MeetingWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "process" in data:
            raise serializers.ValidationError({"process": ["Il processo di un incontro non si cambia."]})
        if "agenda" in data:
            data["agenda"] = agenda_specs(data["agenda"])
        if "tables" in data:
            data["tables"] = table_specs(data["tables"], meeting)
        meeting = services.meeting_update(actor=request.user, meeting=meeting, **data)
        return self._detail(meeting)

    @extend_schema(
        request=CancelSerializer,
        responses={400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        description="Staff: cancel a meeting that has not ended. Registration closes and every registered person "
        "(confirmed or waiting) gets an email with the reason. 409 `cancelled` when already cancelled, `ended` "
        "when the meeting is over.",
        examples=[OpenApiExample("Annullamento", value={"reason": "Allerta meteo: sala inagibile."}, request_only=True)],
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        meeting = self.get_object()
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(actor=request.user, meeting=meeting, reason=serializer.validated_data["reason"])
        return self._detail(meeting)
