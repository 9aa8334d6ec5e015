"""Contributions and their comments. Reads use the same selectors and filters as the web list;
every write calls the same service as the web form (rules, text policy, file checks)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consultazione.contributions import limits, services
from consultazione.contributions.forms import ContributionFilterForm
from consultazione.contributions.models import Channel, Comment, Contribution, ContributionKind
from consultazione.contributions.selectors import (
    comment_in_thread,
    comments_page,
    contribution_detail,
    contribution_for_viewer,
    contributions_public,
)
from consultazione.contributions.services import DocumentUpload, ImageUpload
from consultazione.process.selectors import process_current, processes_with_phases

from .contributions_serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    ContributionCreateSerializer,
    ContributionSerializer,
    ContributionUpdateSerializer,
)
from .parsers import FormParser, JSONParser, MultiPartParser
from .routers import router
from .schema import ApiErrorSerializer

TOO_MANY = OpenApiResponse(
    ApiErrorSerializer, description="`rate_limited`: too many submissions by this person; `Retry-After` says when to retry."
)

FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Words of title or text, or a reference such as PSM-IDEA-2023-00042."),
    OpenApiParameter("kind", str, enum=ContributionKind.values),
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
            return contribution_for_viewer(self.kwargs["reference"], self.request.user)
        except Contribution.DoesNotExist:
            raise Http404

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
        with limits.submission(request.user, facilitated=facilitated):
            contribution = services.contribution_submit(submitted_by=request.user, process=process, **values)
        return Response(
            ContributionSerializer(contribution_detail(contribution.reference), context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ContributionUpdateSerializer, responses={200: ContributionSerializer})
    def partial_update(self, request, reference=None):
        contribution = self.get_object()
        data = ContributionUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.contribution_update(actor=request.user, contribution=contribution, **data.validated_data)
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
        with limits.comment(request.user):
            comment = services.comment_create(author=request.user, contribution=contribution, parent=parent, **values)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


router.register("contributions", ContributionViewSet, basename="contribution")
