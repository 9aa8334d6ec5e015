"""API of the stakeholders app: find an organisation, ask to represent it (or propose a new one),
list one's own requests; staff list the requests and verify or refuse them. The same services and
rules as the site (/organizzazioni/richiesta/, /organizzazioni/richieste/)."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.stakeholders import selectors, services
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.territory.models import Comune

from .permissions import rule_permission
from .routers import router
from .schema import CONFLICT


class OrganisationSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    comune = serializers.SlugRelatedField(slug_field="istat_code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "category", "comune", "ipa_code", "vat_number", "verified"]


@extend_schema(tags=["stakeholders"])
class OrganisationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Organisations one may ask to represent: entered by staff or verified (an unverified one
    proposed in a request only to its proposer). `q` searches the name, or the exact IPA code or
    partita IVA."""

    serializer_class = OrganisationSerializer
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="At least 2 characters (fewer: no results); at most 20 results.")]
    )
    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q")
        items = self.get_queryset() if query is None else selectors.organisations_search(user=request.user, query=query)
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):
        return selectors.organisations_visible_to(self.request.user).select_related("category", "comune").order_by("name")


class MembershipSerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer(read_only=True)
    requested_at = serializers.DateTimeField(source="created_at", read_only=True)
    decided_at = serializers.DateTimeField(
        source="verified_at", read_only=True, allow_null=True, help_text="When staff verified or refused it."
    )

    class Meta:
        model = Membership
        fields = ["id", "organisation", "role_title", "status", "requested_at", "decided_at", "refused_reason"]


class NewOrganisationSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    category = serializers.SlugRelatedField(slug_field="code", queryset=Category.objects.all())
    comune = serializers.SlugRelatedField(slug_field="istat_code", queryset=Comune.objects.all(), required=False, allow_null=True)
    ipa_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    vat_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class MembershipRequestSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, help_text="An existing organisation's id…"
    )
    new_organisation = NewOrganisationSerializer(
        required=False, allow_null=True, help_text="…or a new one: a public reference (`ipa_code` or `vat_number`) is required."
    )
    role_title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


@extend_schema(tags=["stakeholders"])
class MembershipViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The logged-in person's requests to represent organisations, and their state
    (`pending`, `verified`, `rejected` with `refused_reason`)."""

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Membership.objects.none()
        return selectors.memberships_of(self.request.user).order_by("-created_at", "-pk")

    @extend_schema(
        request=MembershipRequestSerializer,
        responses={201: MembershipSerializer, 409: CONFLICT},
        description="Ask to represent an organisation (`organisation`) or propose a new one (`new_organisation`), "
        "one of the two. 400 `invalid` for bad input (a partita IVA whose check digit is wrong, an IPA code of the "
        "wrong form, no public reference); 403 for an account that is not verified or is blocked; 409 "
        "`already_requested`, `already_member` or `already_refused` for a second request for the same organisation, "
        "`organisation_exists` / `organisation_proposed` for a new organisation that is already there, "
        "`too_many_pending` with 5 requests waiting.",
        examples=[
            OpenApiExample("Esistente", value={"organisation": 12, "role_title": "Presidente"}, request_only=True),
            OpenApiExample(
                "Nuova",
                value={
                    "new_organisation": {
                        "name": "Associazione Valli Unite",
                        "category": "altri",
                        "comune": "001191",
                        "vat_number": "01114601006",
                    },
                    "role_title": "Referente",
                },
                request_only=True,
            ),
        ],
    )
    def create(self, request):
        payload = MembershipRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        proposal = None
        if new := data.get("new_organisation"):
            proposal = services.OrganisationProposal(
                name=new["name"],
                category=new["category"],
                comune=new.get("comune"),
                ipa_code=new.get("ipa_code", ""),
                vat_number=new.get("vat_number", ""),
            )
        membership = services.membership_request(
            actor=request.user, organisation=data.get("organisation"), proposal=proposal, role_title=data["role_title"]
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pseudonym = serializers.CharField()
    email = serializers.EmailField(help_text="Staff only: to contact the person for the verification.")


class StaffMembershipSerializer(MembershipSerializer):
    person = PersonSerializer(source="user", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="pseudonym", source="verified_by", read_only=True, allow_null=True)

    class Meta(MembershipSerializer.Meta):
        fields = [*MembershipSerializer.Meta.fields, "person", "decided_by"]


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Shown to the person (profile, email, API).")


@extend_schema(tags=["stakeholders"])
class MembershipRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Staff: the requests to represent organisations (pending first by default), verify or refuse them.
    The person is told by email; who decided and when are recorded."""

    serializer_class = StaffMembershipSerializer
    permission_classes = [permissions.IsAuthenticated, rule_permission("stakeholders.verify_membership", object_level=False)]

    def get_queryset(self):
        if self.action != "list":  # one request, whatever its state
            return selectors.membership_queue(status=None)
        params = self.request.query_params
        raw = params.get("status", Membership.Status.PENDING)
        state = None if raw == "all" else raw
        if state is not None and state not in Membership.Status.values:
            state = Membership.Status.PENDING
        return selectors.membership_queue(status=state, query=params.get("q", ""))

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=[*Membership.Status.values, "all"], description="Default `pending`."),
            OpenApiParameter("q", str, description="Organisation name, exact IPA code or partita IVA, pseudonym or email."),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=None,
        responses={200: StaffMembershipSerializer, 409: CONFLICT},
        description="Verify: the person now represents the organisation (a new organisation is verified with it). "
        "409 `already_decided`.",
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        membership = services.membership_verify(actor=request.user, membership=self.get_object())
        return Response(StaffMembershipSerializer(self.get_queryset().get(pk=membership.pk)).data)

    @extend_schema(
        request=RefuseSerializer,
        responses={200: StaffMembershipSerializer, 409: CONFLICT},
        description="Refuse with a reason (required). 409 `already_decided`.",
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        payload = RefuseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = services.membership_refuse(
            actor=request.user, membership=self.get_object(), reason=payload.validated_data["reason"]
        )
        return Response(StaffMembershipSerializer(self.get_queryset().get(pk=membership.pk)).data)


router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("membership-requests", MembershipRequestViewSet, basename="membership-request")
