"""API resources of the live app.

- For phones that cannot hold a WebSocket: `snapshot` (GET, cheap 304 while nothing changed) and
  `commands` (POST a vote / entry / upvote frame, get the same ack as over the socket).
- For facilitators: the sessions, their questions and the kept results.
The frames are documented in docs/live-protocol.md.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from consultazione.core.exceptions import Conflict, DomainError, InvalidInput, PermissionDenied
from consultazione.live import commands as console_commands
from consultazione.live import conf, cookies, figures, protocol, selectors, shared_state, snapshots
from consultazione.live.kinds import QuestionKind
from consultazione.live.models import LiveSession, Option, Question

from .live_frames import (
    AckFrameSerializer,
    CommandRefusalSerializer,
    ControlDoneSerializer,
    FiguresFieldsMixin,
    SnapshotFrameSerializer,
)
from .permissions import signed_in_with

REFUSAL_STATUS = [(PermissionDenied, status.HTTP_403_FORBIDDEN), (Conflict, status.HTTP_409_CONFLICT)]
CONTROL_STATUS = [
    (PermissionDenied, status.HTTP_403_FORBIDDEN),
    (console_commands.NotFound, status.HTTP_404_NOT_FOUND),
    (Conflict, status.HTTP_409_CONFLICT),
    (InvalidInput, status.HTTP_400_BAD_REQUEST),
]


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "label", "count"]


class QuestionSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "kind", "text", "state", "visibility", "phone_visibility", "revealed", "changeable"]
        fields += ["max_choices", "scale_max", "quorum"]
        fields += ["opened_at", "closed_at", "results", "options"]


class LiveSessionSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = LiveSession
        fields = ["code", "title", "meeting", "join_mode", "show_join", "created_at", "ended_at"]


class LiveSessionDetailSerializer(LiveSessionSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(LiveSessionSerializer.Meta):
        fields = [*LiveSessionSerializer.Meta.fields, "questions"]


class ClosedQuestionSerializer(FiguresFieldsMixin):
    """A closed question with its figures as kept at close (the same every screen shows; the keys
    present depend on the kind, see docs/live-protocol.md)."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=QuestionKind.choices)


VOTE_EXAMPLE = {"type": "vote", "question": 12, "choices": [41], "cvid": "0b6f1c8e-4d8a-4a52-9a57-2f1d2b7c9e10"}
NEXT_EXAMPLE = {"type": "control", "action": "next", "keep_open": False}
CLOSE_EXAMPLE = {"type": "control", "action": "close", "question": 12}
MODERATE_EXAMPLE = {"type": "moderate", "action": "approve", "entry": 31}


@extend_schema(tags=["live"])
class LiveSessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Live sessions by join code. Listing and details are for facilitators; `snapshot` and
    `commands` are the HTTP fallback of the WebSocket `/ws/live/<code>/` for participants."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]{6}"

    def get_queryset(self):
        sessions = LiveSession.objects.select_related("meeting").order_by("-created_at")
        if self.action == "retrieve":
            questions = Question.objects.prefetch_related("options").order_by("position")
            sessions = sessions.prefetch_related(Prefetch("questions", queryset=questions))
        return sessions

    def get_serializer_class(self):
        return LiveSessionDetailSerializer if self.action == "retrieve" else LiveSessionSerializer

    def get_permissions(self):
        if self.action in ("snapshot", "commands"):
            return [AllowAny()]
        return signed_in_with("live.view_livesession")

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()

    def _session(self, code: str) -> LiveSession:
        session = selectors.session_by_code(code)
        if session is None:
            raise NotFound(_("Nessuna sessione con questo codice."))
        return session

    @extend_schema(
        parameters=[OpenApiParameter("since", int, description="The last `version` the client applied.")],
        responses={
            200: OpenApiResponse(SnapshotFrameSerializer, description="A `snapshot` frame."),
            304: OpenApiResponse(description="No change since `since` (no body)."),
        },
        description="The full state as the WebSocket `snapshot` frame, including `me` when the request "
        "carries the participant cookie. Poll every 2–5 s; 304 while `since` is still the current version.",
    )
    @action(detail=True, methods=["get"])
    def snapshot(self, request, code=None):
        session = self._session(code)
        since = request.query_params.get("since", "")
        if since.isdigit() and int(since) >= shared_state.version_current(session.code):
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        token = cookies.token_of(request, code=session.code)
        participant = selectors.participant_by_token(session.pk, token) if token else None
        frame = snapshots.snapshot(session.pk, code=session.code, participant_id=participant.pk if participant else None)
        return Response(frame)

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={
            200: OpenApiResponse(
                PolymorphicProxySerializer("CommandAnswer", [AckFrameSerializer, ControlDoneSerializer], None),
                description="An answer: the `ack` frame (stored: `accepted`/`unchanged`), or for a console "
                "command `done` with the screen and every question's state after it.",
            ),
            400: OpenApiResponse(
                CommandRefusalSerializer,
                description="A malformed frame or command (`bad_frame`, `unknown_action`…), or an answer the service refused.",
            ),
            403: OpenApiResponse(
                CommandRefusalSerializer,
                description="`not_joined`: no participant cookie; `forbidden`: a console "
                "command from someone who does not run the session.",
            ),
            404: OpenApiResponse(
                CommandRefusalSerializer,
                description="No session with this code; `unknown_question` / `unknown_entry`: not part of this session.",
            ),
            409: OpenApiResponse(
                CommandRefusalSerializer,
                description="`closed`, `not_open`, `already_voted`…; for console commands "
                "`ended` (the session is over), `last_question`, `first_question`, `not_draft`, `not_open`.",
            ),
            429: OpenApiResponse(CommandRefusalSerializer, description="`rate_limited`: more than `LIVE_HTTP_VOTE_RATE`."),
        },
        examples=[
            OpenApiExample("Vota", value=VOTE_EXAMPLE, request_only=True),
            OpenApiExample("Domanda successiva", value=NEXT_EXAMPLE, request_only=True),
            OpenApiExample("Chiudi una domanda", value=CLOSE_EXAMPLE, request_only=True),
            OpenApiExample("Approva un testo", value=MODERATE_EXAMPLE, request_only=True),
        ],
        description="Participants: send a `vote`, `entry` or `upvote` frame (same JSON as over the WebSocket) "
        "with the participant cookie; the answer is the `ack` frame: 200 accepted/unchanged, 409 `closed`, "
        "`already_voted`, 400 `unknown_option`, `too_many_choices`…, 403 `not_joined`, 429 too fast.\n\n"
        'Facilitators (signed in, `X-CSRFToken`): a console command, `{"type": "control", "action": …}` '
        "with `next` (`keep_open`), `previous`, `join_screen`, `question_screen`, `end`, or `open`, `close`, "
        "`reveal`, `hide`, `reset`, `show`, `delete`, `up`, `down` with `question`; or "
        '`{"type": "moderate", "action": approve|reject|pin|unpin|answered|unanswered, "entry": id}`. '
        "Refusals: 403 `forbidden`, 404 `unknown_question`/`unknown_entry`, 409 `ended`/`last_question`…, "
        "each with a `detail` to show; nothing is changed.",
    )
    @action(detail=True, methods=["post"])
    def commands(self, request, code=None):
        session = self._session(code)
        try:
            data, malformed = protocol.parse_body(request.body, checker=lambda decoded: decoded), None
        except protocol.ProtocolError as error:
            data, malformed = None, error
        if isinstance(data, dict) and isinstance(data.get("type"), str) and data["type"] in console_commands.TYPES:
            try:
                command = console_commands.check(data)
            except protocol.ProtocolError as error:
                return Response({"detail": error.detail, "code": error.code}, status=400)
            return self._console_command(request, session, command)
        token = cookies.token_of(request, code=session.code)
        participant = selectors.participant_by_token(session.pk, token) if token else None
        if participant is None:
            return Response({"detail": _("Entra nella sessione per partecipare."), "code": "not_joined"}, status=403)
        limit, window = shared_state.rate_parse(conf.get("LIVE_HTTP_VOTE_RATE"))
        if not shared_state.rate_hit(f"http:{participant.pk}", limit=limit, window=window):
            return Response({"detail": _("Troppe richieste: rallenta."), "code": "rate_limited"}, status=429)
        try:
            if malformed is not None:
                raise malformed
            command = protocol.check(data)
        except protocol.ProtocolError as error:
            return Response({"detail": error.detail, "code": error.code}, status=400)
        if command["type"] not in protocol.ANSWERS:
            return Response({"detail": _("Qui si inviano solo voti, testi e sostegni."), "code": "bad_frame"}, status=400)
        ack, refusal = protocol.execute(command, participant_id=participant.pk, session_id=session.pk)
        code_status = next((http for klass, http in REFUSAL_STATUS if isinstance(refusal, klass)), 400) if refusal else 200
        return Response(ack, status=code_status)

    def _console_command(self, request, session, command):
        """A command of the presenter console: the same services as its forms, refusals as 403/404/409/400."""
        try:
            return Response(console_commands.run(command, user=request.user, session=session))
        except DomainError as error:
            http = next((http for klass, http in CONTROL_STATUS if isinstance(error, klass)), 400)
            return Response({"detail": error.message, "code": error.code}, status=http)

    @extend_schema(
        responses={200: ClosedQuestionSerializer(many=True)},
        description="Final figures of the closed questions (as kept at close): `id`, `text`, `kind`, `total` "
        "and, by kind, `options` (count and share of respondents; points and rank for a ranking), `mean`, "
        "`words`, `entries`, `quorum`/`quorum_reached`/`outcome`.",
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, code=None):
        session = self.get_object()
        closed = figures.closed_figures(selectors.closed_questions(session))
        return Response([{**kept, "id": q.pk, "text": q.text, "kind": q.kind} for q, kept in closed])


# Registered by api/live_manage.py, which adds the facilitators' writes to this viewset.
