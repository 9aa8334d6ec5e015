"""Driving live polls from a city's own tools: sessions, questions (every kind, or built from the
consultation), their order and the presenter's controls.

The same services and permissions as the presenter console (`live.add_livesession`,
`live.run_livesession`); token or session authentication as the rest of the API. Refusals: 400
with `errors` per field, 403, 404, 409 when the state does not allow it (nothing changed).
Documented for clients in docs/live-protocol.md ("Control API").
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consultazione.core.exceptions import InvalidInput
from consultazione.live import commands
from consultazione.live.models import JoinMode, LiveSession, Option, Question
from consultazione.live.selectors import question_settings
from consultazione.live.services import (
    OptionSpec,
    QuestionSpec,
    question_create,
    question_delete,
    question_update,
    questions_reorder,
    session_create,
    session_delete,
    session_end,
    session_next,
    session_show,
    session_update,
)
from consultazione.meetings.models import Meeting

from . import live
from .live_manage_serializers import (
    LiveQuestionDetailSerializer,
    LiveQuestionOrderSerializer,
    LiveQuestionWriteSerializer,
    _as_field_error,
    _validated,
)
from .live_sources import LiveSourcePreviewSerializer, LiveSourceSerializer, source_options
from .permissions import signed_in_with
from .routers import router
from .schema import CONFLICT

# --- sessions ---------------------------------------------------------------------------------


class LiveSessionWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    join_mode = serializers.ChoiceField(choices=JoinMode.choices, default=JoinMode.OPEN)
    meeting = serializers.SlugRelatedField(
        slug_field="slug", queryset=Meeting.objects.all(), required=False, allow_null=True, help_text="The meeting's slug."
    )


class LiveSessionStateSerializer(live.LiveSessionSerializer):
    """A session with what its screens show: `current_question` (id or null) and `show_join`."""

    class Meta(live.LiveSessionSerializer.Meta):
        fields = [*live.LiveSessionSerializer.Meta.fields, "current_question"]


SESSION_CONTROLS = {
    "next": lambda user, session: session_next(user=user, session=session),
    "join_screen": lambda user, session: session_show(user=user, session=session, join=True),
    "question_screen": lambda user, session: session_show(user=user, session=session, join=False),
    "end": lambda user, session: session_end(user=user, session=session),
}
_CONTROL_SCHEMA = extend_schema(request=None, responses={200: LiveSessionStateSerializer, 409: CONFLICT})


@extend_schema_view(
    create=extend_schema(request=LiveSessionWriteSerializer, responses={201: LiveSessionStateSerializer}),
    update=extend_schema(request=LiveSessionWriteSerializer, responses={200: LiveSessionStateSerializer}),
    partial_update=extend_schema(request=LiveSessionWriteSerializer, responses={200: LiveSessionStateSerializer}),
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
    next=_CONTROL_SCHEMA,
    join_screen=_CONTROL_SCHEMA,
    question_screen=_CONTROL_SCHEMA,
    end=_CONTROL_SCHEMA,
)
class LiveSessionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, live.LiveSessionViewSet):
    """Live sessions: read (api/live.py), and for facilitators create, change, delete and run."""

    WRITE_PERMISSIONS = {
        "create": "live.add_livesession",
        **dict.fromkeys(["update", "partial_update", "destroy", *SESSION_CONTROLS], "live.run_livesession"),
    }

    def get_permissions(self):
        perm = self.WRITE_PERMISSIONS.get(self.action)
        return signed_in_with(perm) if perm else super().get_permissions()

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return LiveSessionWriteSerializer
        return super().get_serializer_class()

    def _state(self, session, code=status.HTTP_200_OK) -> Response:
        session.refresh_from_db()
        return Response(LiveSessionStateSerializer(session).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = LiveSessionWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = session_create(user=request.user, **serializer.validated_data)
        return self._state(session, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        session = self.get_object()
        current = {"title": session.title, "join_mode": session.join_mode, "meeting": session.meeting}
        serializer = LiveSessionWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        session = session_update(user=request.user, session=session, **{**current, **serializer.validated_data})
        return self._state(session)

    def destroy(self, request, *args, **kwargs):
        session_delete(user=request.user, session=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _control(self, name: str) -> Response:
        session = self.get_object()
        SESSION_CONTROLS[name](self.request.user, session)
        return self._state(session)

    @action(detail=True, methods=["post"])
    def next(self, request, code=None):
        """Close what is open (results kept) and open the next question: 409 `last_question` after the last."""
        return self._control("next")

    @action(detail=True, methods=["post"], url_path="join-screen")
    def join_screen(self, request, code=None):
        """The screens show the join code and QR code."""
        return self._control("join_screen")

    @action(detail=True, methods=["post"], url_path="question-screen")
    def question_screen(self, request, code=None):
        """The screens show the current question again."""
        return self._control("question_screen")

    @action(detail=True, methods=["post"])
    def end(self, request, code=None):
        """Close every open question (results kept) and refuse new joins: 409 `ended` if already ended."""
        return self._control("end")


# --- questions --------------------------------------------------------------------------------


def _spec(data: dict) -> QuestionSpec:
    if data.get("source"):
        options = source_options(data["source"])
    else:
        options = tuple(
            OptionSpec(o["label"], contribution_id=o.get("contribution"), strategy_id=o.get("strategy"))
            for o in data.get("options") or ()
        )
    fields = ["kind", "text", "max_choices", "scale_max", "scale_min_label", "scale_max_label", "visibility"]
    fields += ["phone_visibility", "changeable", "quorum"]
    return QuestionSpec(options=options, **{name: data[name] for name in fields if name in data})


# The question controls of the API: those of the console (one table, live/commands.py).
QUESTION_CONTROLS = {name: commands.QUESTION_ACTIONS[name] for name in ("open", "close", "reveal", "hide", "reset", "show")}


_QUESTION_WRITE_SCHEMA = extend_schema(
    request=LiveQuestionWriteSerializer, responses={200: LiveQuestionDetailSerializer, 409: CONFLICT}
)
_QUESTION_CONTROL_SCHEMA = extend_schema(request=None, responses={200: LiveQuestionDetailSerializer, 409: CONFLICT})


@extend_schema_view(
    list=extend_schema(responses={200: LiveQuestionDetailSerializer(many=True)}),
    retrieve=extend_schema(responses={200: LiveQuestionDetailSerializer}),
    create=extend_schema(request=LiveQuestionWriteSerializer, responses={201: LiveQuestionDetailSerializer}),
    update=_QUESTION_WRITE_SCHEMA,
    partial_update=_QUESTION_WRITE_SCHEMA,
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
    order=extend_schema(
        request=LiveQuestionOrderSerializer, responses={200: LiveQuestionDetailSerializer(many=True), 409: CONFLICT}
    ),
    preview=extend_schema(
        request=LiveSourceSerializer,
        responses={200: OpenApiResponse(LiveSourcePreviewSerializer, description="The options a source gives now.")},
    ),
    **dict.fromkeys(QUESTION_CONTROLS, _QUESTION_CONTROL_SCHEMA),
)
@extend_schema(tags=["live"])
class LiveQuestionViewSet(viewsets.ModelViewSet):
    """The questions of one session (by its join code), for facilitators."""

    pagination_class = None
    queryset = Question.objects.none()  # for the schema; get_queryset() gives the session's questions
    serializer_class = LiveQuestionDetailSerializer

    def get_permissions(self):
        return signed_in_with("live.run_livesession")

    @property
    def session(self) -> LiveSession:
        if not hasattr(self, "_session"):
            self._session = get_object_or_404(LiveSession, code=self.kwargs["session_code"].upper())
        return self._session

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        options = Option.objects.filter(word="").order_by("position", "id")
        questions = Question.objects.filter(session=self.session).select_related("session")
        return questions.prefetch_related(Prefetch("options", queryset=options)).order_by("position")

    def _detail(self, question: Question, code=status.HTTP_200_OK) -> Response:
        question = self.get_queryset().get(pk=question.pk)
        return Response(LiveQuestionDetailSerializer(question).data, status=code)

    def _write(self, save, data: dict, fields) -> Question:
        try:
            return save(_spec(data))
        except InvalidInput as error:
            raise _as_field_error(error, fields) from error

    def create(self, request, *args, **kwargs):
        serializer = LiveQuestionWriteSerializer(data=request.data)
        data = _validated(serializer)
        session = self.session
        question = self._write(
            lambda spec: question_create(user=request.user, session=session, spec=spec), data, serializer.fields
        )
        return self._detail(question, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        question = self.get_object()
        serializer = LiveQuestionWriteSerializer(data=request.data, partial=partial)
        changes = _validated(serializer)
        data = {**question_settings(question), **changes} if partial else changes
        if partial and "source" in changes:
            data.pop("options")
        question = self._write(
            lambda spec: question_update(user=request.user, question=question, spec=spec), data, serializer.fields
        )
        return self._detail(question)

    def destroy(self, request, *args, **kwargs):
        question_delete(user=request.user, question=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["post"])
    def order(self, request, session_code=None):
        """Put the questions in this order: 409 `order_mismatch` unless `ids` names each question of the session once."""
        serializer = LiveQuestionOrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questions_reorder(user=request.user, session=self.session, question_ids=serializer.validated_data["ids"])
        return Response(LiveQuestionDetailSerializer(self.get_queryset(), many=True).data)

    @action(detail=False, methods=["post"])
    def preview(self, request, session_code=None):
        """The options a source gives (as a question built from it would get them), with equal titles flagged."""
        serializer = LiveSourceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.session  # noqa: B018 - an unknown session is a 404 here too
        return Response(LiveSourcePreviewSerializer.of(serializer.validated_data))

    def _control(self, name: str) -> Response:
        question = self.get_object()
        QUESTION_CONTROLS[name](self.request.user, question)
        return self._detail(question)

    @action(detail=True, methods=["post"])
    def open(self, request, session_code=None, pk=None):
        """Open a draft question and put it on every screen (409 `not_draft`)."""
        return self._control("open")

    @action(detail=True, methods=["post"])
    def close(self, request, session_code=None, pk=None):
        """Stop the vote; the results are counted and kept (409 `not_open`)."""
        return self._control("close")

    @action(detail=True, methods=["post"])
    def reveal(self, request, session_code=None, pk=None):
        """Show results kept hidden until revealed (400 `not_hidden` for other questions)."""
        return self._control("reveal")

    @action(detail=True, methods=["post"])
    def hide(self, request, session_code=None, pk=None):
        """Hide revealed results again."""
        return self._control("hide")

    @action(detail=True, methods=["post"])
    def reset(self, request, session_code=None, pk=None):
        """Throw away every answer and go back to draft (ask the person first)."""
        return self._control("reset")

    @action(detail=True, methods=["post"])
    def show(self, request, session_code=None, pk=None):
        """Put this question on the screens (in any state)."""
        return self._control("show")


router.register("live/sessions", LiveSessionViewSet, basename="live-session")
router.register(r"live/sessions/(?P<session_code>[A-Za-z0-9]{6})/questions", LiveQuestionViewSet, basename="live-question")
