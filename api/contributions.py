"""Contributions and their comments. Reads use the same selectors and filters as the web list;
every write calls the same service as the web form (rules, text policy, file checks)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consultazione.contributions import limits, services, text
from consultazione.contributions.forms import ContributionFilterForm
from consultazione.contributions.models import Alignment, Channel, Comment, Contribution, Kind
from consultazione.contributions.rules import sees_pending_edit
from consultazione.contributions.selectors import (
    comment_in_thread,
    comments_page,
    contribution_detail,
    contributions_public,
    merged_into_for,
)
from consultazione.contributions.services import DocumentUpload, ImageUpload
from consultazione.contributions.templatetags.contributions_tags import author_label, comment_author
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.process.models import PlanRole, Process
from consultazione.process.selectors import process_current, processes_with_phases
from consultazione.stakeholders.models import Organisation
from consultazione.territory.models import Comune, ZonaOmogenea

from .parsers import FormParser, JSONParser, MultiPartParser
from .routers import router
from .schema import ApiErrorSerializer

TOO_MANY = OpenApiResponse(
    ApiErrorSerializer, description="`rate_limited`: too many submissions by this person; `Retry-After` says when to retry."
)

FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Words of title or text, or a reference such as PSM-IDEA-2023-00042."),
    OpenApiParameter("kind", str, enum=Kind.values),
    OpenApiParameter("axis", int, description="Axis id (see /api/v1/axes/)."),
    OpenApiParameter("strategy", int, description="Strategy id."),
    OpenApiParameter("zona", int, description="Zone number (1-11)."),
    OpenApiParameter("comune", str, description="ISTAT code of the comune."),
    OpenApiParameter("channel", str, enum=Channel.values),
    OpenApiParameter("outcome", str, description="An outcome (accolto, parziale, …) or `none` for not yet answered."),
    OpenApiParameter("status", str, enum=["published", "withdrawn"], description="Default: published."),
    OpenApiParameter("category", str, description="Code of the organisation category (on-behalf-of contributions)."),
    OpenApiParameter("sort", str, enum=["recent", "supported", "commented", "relevance"]),
]


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
    kind = serializers.ChoiceField(choices=Kind.choices)
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


def _errors(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


@extend_schema(tags=["contributions"])
class ContributionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Ideas, criticità and needs: list with filters and search, detail, submit, edit within the
    window, withdraw, and comments (threaded, paginated)."""

    serializer_class = ContributionSerializer
    lookup_field = "reference"
    lookup_value_regex = "[A-Za-z0-9-]+"
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model only: no query
            return Contribution.objects.none()
        process = process_current()
        form = ContributionFilterForm(self.request.query_params, process=process)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return contributions_public(form.to_filters(), full=True)

    def get_object(self):
        try:
            contribution = contribution_detail(self.kwargs["reference"])
        except Contribution.DoesNotExist:
            raise Http404
        if not self.request.user.has_perm("contributions.view_contribution", contribution):
            raise Http404
        return contribution

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": ContributionCreateSerializer, "multipart/form-data": ContributionCreateSerializer},
        responses={201: ContributionSerializer, 429: TOO_MANY},
        examples=[
            OpenApiExample(
                "Idea",
                value={"kind": "idea", "title": "Più treni tra Pinerolo e Torino", "body": "Corse ogni 15 minuti.", "axis": 3},
                request_only=True,
            )
        ],
    )
    def create(self, request):
        data = ContributionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        process = values.pop("process", None)
        process = processes_with_phases().get(pk=process.pk) if process else process_current()
        if process is None:
            raise ValidationError({"process": [_("Nessun processo attivo: indica il processo.")]})
        alts, titles = values.pop("images_alt"), values.pop("documents_title")
        values["images"] = [ImageUpload(f, alts[n] if n < len(alts) else "") for n, f in enumerate(values["images"])]
        values["documents"] = [DocumentUpload(f, titles[n] if n < len(titles) else "") for n, f in enumerate(values["documents"])]
        facilitated = values["channel"] != Channel.ONLINE
        try:
            with limits.submission(request.user, facilitated=facilitated):
                contribution = services.contribution_submit(
                    author=None if facilitated else request.user,
                    entered_by=request.user if facilitated else None,
                    process=process,
                    **values,
                )
        except DjangoValidationError as exc:
            raise _errors(exc)
        return Response(
            ContributionSerializer(contribution_detail(contribution.reference), context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ContributionUpdateSerializer, responses={200: ContributionSerializer})
    def partial_update(self, request, reference=None):
        contribution = self.get_object()
        data = ContributionUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            services.contribution_update(actor=request.user, contribution=contribution, **data.validated_data)
        except DjangoValidationError as exc:
            raise _errors(exc)
        return Response(ContributionSerializer(contribution_detail(contribution.reference), context={"request": request}).data)

    @extend_schema(request=None, responses={200: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference=None):
        contribution = services.contribution_withdraw(actor=request.user, contribution=self.get_object())
        return Response(ContributionSerializer(contribution_detail(contribution.reference), context={"request": request}).data)

    @extend_schema(
        methods=["GET"],
        parameters=[
            OpenApiParameter("parent", int, description="List the replies to this comment (default: top level)."),
            OpenApiParameter("page", int),
        ],
        responses={200: CommentSerializer(many=True)},
    )
    @extend_schema(methods=["POST"], request=CommentCreateSerializer, responses={201: CommentSerializer, 429: TOO_MANY})
    @action(detail=True, methods=["get", "post"], url_path="comments", url_name="comments")
    def comments(self, request, reference=None):
        contribution = self.get_object()
        if request.method == "POST":
            return self._comment_create(request, contribution)
        parent = self._parent(contribution, request.query_params.get("parent"))
        page = comments_page(contribution, parent=parent, page=request.query_params.get("page") or 1, viewer=request.user)
        base = request.build_absolute_uri(request.path)
        query = f"parent={parent.pk}&" if parent else ""
        return Response(
            {
                "count": page.paginator.count,
                "next": f"{base}?{query}page={page.next_page_number()}" if page.has_next() else None,
                "previous": f"{base}?{query}page={page.previous_page_number()}" if page.has_previous() else None,
                "results": CommentSerializer(page.object_list, many=True).data,
            }
        )

    def _parent(self, contribution, value):
        if value in (None, ""):
            return None
        try:
            return comment_in_thread(contribution, int(value))
        except (ValueError, Comment.DoesNotExist):
            raise ValidationError({"parent": [_("Commento non trovato in questo contributo.")]})

    def _comment_create(self, request, contribution):
        data = CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parent = self._parent(contribution, values.pop("parent", None))
        try:
            with limits.comment(request.user):
                comment = services.comment_create(author=request.user, contribution=contribution, parent=parent, **values)
        except DjangoValidationError as exc:
            raise _errors(exc)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


router.register("contributions", ContributionViewSet, basename="contribution")
