"""The live protocol's frames as OpenAPI schemas, for the HTTP fallback (`snapshot`, `commands`).

Descriptions only: the frames are built by consultazione.live.frames, snapshots and protocol
(docs/live-protocol.md); the suite validates every answer of these operations against these
schemas (tests/api_contract.py), so a frame that changes shape without them fails a test.
"""

from rest_framework import serializers

from consultazione.live.kinds import QuestionKind
from consultazione.live.models import EntryStatus, PhoneVisibility, State, Visibility

ACK_STATUSES = [("accepted", "accepted"), ("unchanged", "unchanged")]
# Named in SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]: the ack and the refusal share the `type` "ack".
SNAPSHOT_TYPE = [("snapshot", "snapshot")]
ACK_TYPE = [("ack", "ack")]


class FrameSessionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    join = serializers.BooleanField(help_text="The projector shows the join code and QR code.")
    ended = serializers.BooleanField()
    participants = serializers.IntegerField()


class FrameOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class FrameScaleSerializer(serializers.Serializer):
    max = serializers.IntegerField()
    min_label = serializers.CharField(allow_blank=True)
    max_label = serializers.CharField(allow_blank=True)


class FrameQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    text = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    round = serializers.IntegerField(help_text="Increases when the presenter resets the question.")
    position = serializers.IntegerField()
    changeable = serializers.BooleanField()
    max_choices = serializers.IntegerField()
    visibility = serializers.ChoiceField(choices=Visibility.choices, help_text="When the projector shows the results.")
    phone_visibility = serializers.ChoiceField(choices=PhoneVisibility.choices, help_text="When a phone shows them.")
    revealed = serializers.BooleanField()
    options = FrameOptionSerializer(many=True)
    scale = FrameScaleSerializer(allow_null=True, help_text="`scale` questions only, else null.")


class FrameEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    pinned = serializers.BooleanField()
    answered = serializers.BooleanField()
    upvotes = serializers.IntegerField()


OUTCOMES = [("approved", "approved"), ("rejected", "rejected"), ("tie", "tie"), ("no_quorum", "no_quorum")]


class FigureOptionSerializer(serializers.Serializer):
    """One option's figures (consultazione/live/shapes.py): `count` and `share` for choice kinds,
    `points` and `rank` for a ranking. `label` in the API results only (frames carry it in `question`)."""

    id = serializers.IntegerField()
    label = serializers.CharField(required=False)
    count = serializers.IntegerField(required=False, help_text="Votes.")
    share = serializers.IntegerField(required=False, help_text="Whole percent of the respondents (`total`).")
    points = serializers.IntegerField(required=False, help_text="`ranking`: Borda points.")
    rank = serializers.IntegerField(required=False, help_text="`ranking`: 1 for the best; ties share a rank.")


class FigureWordSerializer(serializers.Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField()


class FiguresFieldsMixin(serializers.Serializer):
    """The figures of a question (docs/live-protocol.md, "Le cifre"): the keys present depend on the kind."""

    total = serializers.IntegerField(help_text="How many answered: ballots (respondents), or texts for open text/Q&A.")
    options = FigureOptionSerializer(many=True, required=False, help_text="Choice kinds, scale, ranking, yes/no.")
    mean = serializers.FloatField(required=False, allow_null=True, help_text="`scale`: average, one decimal.")
    words = FigureWordSerializer(many=True, required=False, help_text="`wordcloud`: case and accents merged.")
    entries = FrameEntrySerializer(many=True, required=False, help_text="`open_text`/`qa`: approved texts.")
    quorum = serializers.IntegerField(required=False, allow_null=True, help_text="`yesno`: answers needed.")
    quorum_reached = serializers.BooleanField(required=False, allow_null=True)
    outcome = serializers.ChoiceField(choices=OUTCOMES, required=False, help_text="`yesno`.")


class FrameResultsSerializer(FiguresFieldsMixin):
    """The figures only while `visible` (else only `total`)."""

    question = serializers.IntegerField()
    round = serializers.IntegerField()
    visible = serializers.BooleanField()


class FrameMyEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=EntryStatus.choices)


class FrameMeSerializer(serializers.Serializer):
    """The participant's own answer to the question on screen."""

    question = serializers.IntegerField()
    round = serializers.IntegerField()
    choices = serializers.ListField(child=serializers.IntegerField(), required=False)
    words = serializers.ListField(child=serializers.CharField(), required=False)
    entries = FrameMyEntrySerializer(many=True, required=False)
    upvoted = serializers.ListField(child=serializers.IntegerField(), required=False)


class SnapshotFrameSerializer(serializers.Serializer):
    """The `snapshot` frame: the whole screen, plus `me` when the participant cookie is sent."""

    type = serializers.ChoiceField(choices=SNAPSHOT_TYPE)
    version = serializers.IntegerField(help_text="Monotonic per session: send it back as `since`.")
    ts = serializers.IntegerField(help_text="Server time (epoch ms) at which the data was read.")
    session = FrameSessionSerializer()
    question = FrameQuestionSerializer(allow_null=True, help_text="Null when nothing is on screen.")
    results = FrameResultsSerializer(allow_null=True)
    me = FrameMeSerializer(allow_null=True, required=False, help_text="With the participant cookie only.")


class AckFrameSerializer(serializers.Serializer):
    """The `ack` frame of an answer that was stored (or was already stored)."""

    type = serializers.ChoiceField(choices=ACK_TYPE)
    cvid = serializers.CharField(allow_null=True, help_text="The client's id of the answer, echoed.")
    status = serializers.ChoiceField(choices=ACK_STATUSES)
    question = serializers.IntegerField()
    choices = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="Votes.")
    entry = serializers.IntegerField(required=False, help_text="Texts and upvotes: the entry.")
    at = serializers.IntegerField(help_text="Server time (epoch ms).")


class CommandRefusalSerializer(serializers.Serializer):
    """A refused command: always `detail` and `code`. When the service refused the answer it is
    also the `ack` frame (`type`, `cvid`, `status: rejected`); when the request never reached it
    (not joined, too fast, a malformed frame) it is the API's error body."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text="`closed`, `already_voted`, `unknown_option`, `not_joined`, `bad_frame`…")
    type = serializers.ChoiceField(choices=ACK_TYPE, required=False)
    cvid = serializers.CharField(allow_null=True, required=False)
    status = serializers.ChoiceField(choices=[("rejected", "rejected")], required=False)


class ControlQuestionStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices)


class ControlSessionStateSerializer(serializers.Serializer):
    ended = serializers.BooleanField()
    join = serializers.BooleanField(help_text="The screens show the join code and QR code.")
    question = serializers.IntegerField(allow_null=True, help_text="The question on the screens.")


class ControlDoneSerializer(serializers.Serializer):
    """A console command that was carried out, with the screen and every question's state after it
    (every screen also gets the change as a pushed `state` frame)."""

    type = serializers.ChoiceField(choices=[("done", "done")])
    action = serializers.CharField()
    session = ControlSessionStateSerializer()
    questions = ControlQuestionStateSerializer(many=True)
    entry = serializers.IntegerField(required=False, help_text="Moderation: the entry.")
    status = serializers.CharField(
        required=False, help_text="Moderation: the entry's new status (`pending`, `approved`, `rejected`)."
    )
