"""API of the notifications: follow / stop following a contribution, read and change one's own
notification preferences. The same services as the contribution page and the profile."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from consultazione.contributions.models import Contribution
from consultazione.core.permissions import user_may
from consultazione.notifications import selectors, services
from consultazione.notifications.kinds import KINDS, Delivery, EventKind
from consultazione.notifications.models import Follow

from .routers import router
from .schema import INVALID, NOT_FOUND

MAX_ID = 2**63 - 1  # the largest id a database integer holds: larger ones are refused, never queried

# --- follows ----------------------------------------------------------------------------------


class FollowSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="contribution.reference", read_only=True)
    title = serializers.CharField(source="contribution.title", read_only=True)

    class Meta:
        model = Follow
        fields = ["contribution", "reference", "title", "created_at"]


class FollowCreateSerializer(serializers.Serializer):
    contribution = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Contribution id.")


class FollowStateSerializer(serializers.Serializer):
    contribution = serializers.IntegerField()
    following = serializers.BooleanField()


def _visible(user, pk) -> Contribution:
    contribution = None
    pk = str(pk)
    if pk.isascii() and pk.isdigit() and int(pk) <= MAX_ID:
        contribution = Contribution.objects.select_related("process", "author").filter(pk=pk).first()
    if contribution is None or not user_may(user, "contributions.view_contribution", contribution):
        raise NotFound(_("Contributo inesistente."))
    return contribution


@extend_schema(tags=["notifications"])
class FollowViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The contributions you follow: you hear about their new comments and their outcome (see
    your notification preferences). Authors follow their contributions, supporters what they support."""

    serializer_class = FollowSerializer
    permission_classes = [IsAuthenticated]
    lookup_url_kwarg = "contribution"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Follow.objects.none()
        return selectors.follows_of(self.request.user)

    @extend_schema(
        request=FollowCreateSerializer,
        responses={201: FollowStateSerializer, 404: NOT_FOUND},
        examples=[OpenApiExample("Segui", value={"contribution": 12}, request_only=True)],
        description="Follow a contribution you may read (404 otherwise). Following twice is not an error.",
    )
    def create(self, request):
        payload = FollowCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contribution = _visible(request.user, payload.validated_data["contribution"])
        services.follow_set(user=request.user, contribution=contribution, following=True)
        return Response({"contribution": contribution.pk, "following": True}, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("contribution", int, OpenApiParameter.PATH, description="Contribution id.")],
        responses={200: FollowStateSerializer},
        description="Stop following a contribution (kept: supporting it again does not follow it again).",
    )
    def destroy(self, request, contribution=None):
        target = _visible(request.user, contribution)
        services.follow_set(user=request.user, contribution=target, following=False)
        return Response({"contribution": target.pk, "following": False})


router.register("follows", FollowViewSet, basename="follow")

# --- preferences ------------------------------------------------------------------------------


class PreferencesSerializer(serializers.Serializer):
    """One field per kind of event: `immediate`, `digest` (one email a day) or `off`."""

    def get_fields(self):
        return {
            kind.value: serializers.ChoiceField(choices=Delivery.choices, required=False, help_text=str(KINDS[kind].help_text))
            for kind in EventKind
        }

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Indica almeno un tipo di notifica."))
        return attrs


class PreferencesReadSerializer(PreferencesSerializer):
    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = True
        return fields


@extend_schema(tags=["notifications"])
class NotificationPreferencesView(APIView):
    """Your notification preferences: for each kind of event, immediate email, daily digest or off.
    Moderation messages about your own content are always sent."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PreferencesReadSerializer})
    def get(self, request):
        return Response(selectors.preferences_of(request.user))

    @extend_schema(
        request=PreferencesSerializer,
        responses={200: PreferencesReadSerializer, 400: INVALID},
        examples=[OpenApiExample("Riepilogo giornaliero", value={"contribution_comment": "digest"}, request_only=True)],
        description="Change some kinds; the others keep their setting.",
    )
    def patch(self, request):
        payload = PreferencesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = services.preferences_update(actor=request.user, user=request.user, changes=dict(payload.validated_data))
        return Response(updated)
