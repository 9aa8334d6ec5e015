"""Moderating the open-text answers and audience questions (Q&A) of a live session from a city's
own tools: the same service as the presenter console (`services.entry_moderate`), for facilitators."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.live.models import Entry, EntryStatus, LiveSession
from consultazione.live.services import entry_moderate
from consultazione.live.services.entries import MODERATION_ACTIONS

from .permissions import signed_in_with
from .routers import router
from .schema import CONFLICT

LIST_LIMIT = 1000


class LiveEntrySerializer(serializers.ModelSerializer):
    upvotes = serializers.IntegerField(source="upvote_count")

    class Meta:
        model = Entry
        fields = ["id", "question", "text", "status", "pinned", "answered", "upvotes", "created_at"]


class LiveEntryModerationSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(name, name) for name in MODERATION_ACTIONS],
        help_text="`approve`, `reject`, `pin` (also approves), `unpin`, `answered`, `unanswered`.",
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("question", int, description="Only the entries of this question."),
            OpenApiParameter("status", str, enum=EntryStatus.values, description="Only entries in this state."),
        ]
    ),
    moderate=extend_schema(request=LiveEntryModerationSerializer, responses={200: LiveEntrySerializer, 409: CONFLICT}),
)
@extend_schema(tags=["live"])
class LiveEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The texts participants sent to a session's open-text and Q&A questions (all states)."""

    serializer_class = LiveEntrySerializer
    queryset = Entry.objects.none()  # for the schema; get_queryset() gives the session's entries
    pagination_class = None

    def get_permissions(self):
        return signed_in_with("live.run_livesession")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        session = get_object_or_404(LiveSession, code=self.kwargs["session_code"].upper())
        entries = Entry.objects.filter(question__session=session).select_related("question__session")
        question = self.request.query_params.get("question", "")
        if question:
            entries = entries.filter(question_id=int(question) if question.isdigit() else 0)
        state = self.request.query_params.get("status", "")
        if state:
            entries = entries.filter(status=state)
        return entries.order_by("question__position", "created_at", "id")

    def list(self, request, *args, **kwargs):
        """At most the first LIST_LIMIT entries (filter by `question` and `status` for the rest)."""
        return Response(LiveEntrySerializer(self.get_queryset()[:LIST_LIMIT], many=True).data)

    @action(detail=True, methods=["post"])
    def moderate(self, request, session_code=None, pk=None):
        """Approve, reject, pin or mark as answered; the screens show it at the next tick."""
        entry = self.get_object()
        serializer = LiveEntryModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = entry_moderate(user=request.user, entry=entry, action=serializer.validated_data["action"])
        return Response(LiveEntrySerializer(entry).data)


router.register(r"live/sessions/(?P<session_code>[A-Za-z0-9]{6})/entries", LiveEntryViewSet, basename="live-entry")
