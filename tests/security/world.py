"""The objects the permission walker requests: the demo content (cms.demo) plus the few things
the demo does not make (a live session, a restituzione, an export job, the citizen's own
contribution, comment and registration…), all made through the real services.

Roles: `citizen` is a verified person with no role, who owns nothing unless a row says "own";
`facilitator` is the demo facilitator, who runs the tables of the demo launch meeting and the
live session; `moderator` and `staff` have their role and nothing else (staff is not a superuser).
Everything the citizen does not own belongs to `author`, another verified person.
`users["superuser"]` is a Django superuser (is_staff, is_superuser, no role group): not one of the
five columns, it has its own walk (test_superuser_walk.py).
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from cms.demo import demo_load
from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment, Contribution, Status
from consultazione.contributions.services import comment_create, contribution_submit
from consultazione.live.models import Entry, Kind, LiveSession, Question
from consultazione.live.services import QuestionSpec, participant_join, question_create, question_open, session_create
from consultazione.live.services.entries import entry_submit
from consultazione.meetings.models import Attendance, Meeting, MeetingReport, MeetingTable, Registration
from consultazione.meetings.services import registration_create
from consultazione.meetings.tokens import cancel_token
from consultazione.moderation.models import ThematicResponse
from consultazione.monitoring.models import ActionUpdate, Indicator
from consultazione.plan.models import Action, Plan
from consultazione.process.models import Process
from consultazione.reports.models import ExportJob, ExportKind
from consultazione.reports.restituzione.services import restituzione_build, restituzione_publish
from consultazione.reports.services import export_request, open_data_job
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.stakeholders.services import membership_request
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea
from consultazione.voting.models import Method, PriorityExercise, ResultsVisibility, Scope
from consultazione.voting.services import exercise_create
from tests.conftest import make_user

ROLES = ("anonymous", "citizen", "moderator", "facilitator", "staff")
LAUNCH_MEETING = "lancio-pubblico-2023-09-27"
ONLINE_MEETING = "incontro-online-priorita"
DEMO_FACILITATOR = "facilitatrice@example.org"


@dataclass
class World:
    users: dict[str, User | None]
    author: User
    process: Process
    plan: Plan
    contribution: Contribution
    pending: Contribution
    own: Contribution
    comment: Comment
    own_comment: Comment
    pending_comment: Comment
    exercise: PriorityExercise
    draft_exercise: PriorityExercise
    sealed_exercise: PriorityExercise  # open, results shown only after closing
    meeting: Meeting
    online_meeting: Meeting
    table: MeetingTable
    registration: Registration
    own_registration: Registration
    attendance: Attendance
    cancel_token: str  # of own_registration (the email link)
    session: LiveSession
    question: Question
    entry: Entry
    thematic: ThematicResponse
    update: ActionUpdate
    action: Action
    indicator: Indicator
    job: ExportJob
    comune: Comune
    zone: ZonaOmogenea
    macro_area: MacroArea
    category: Category
    meeting_report: MeetingReport
    document: Document
    collection_restriction: CollectionViewRestriction
    page_restriction: PageViewRestriction
    home_page_id: int
    restituzione_page_url: str
    private_page_url: str
    media: tuple[Path, Path] | None = None  # (MEDIA_ROOT, its copy taken right after the build)
    merged: Contribution | None = None  # the demo's duplicate, merged after publication: readable with a notice
    membership: Membership | None = None  # `author`'s request to represent an organisation, waiting for staff

    def snapshot_media(self, root: Path, snapshot: Path) -> None:
        shutil.copytree(root, snapshot)
        self.media = (root, snapshot)

    def restore_media(self) -> None:
        """Files are not transactional: a rolled-back POST may have replaced or deleted some."""
        root, snapshot = self.media
        if _listing(root) != _listing(snapshot):
            shutil.rmtree(root)
            shutil.copytree(snapshot, root)


def _listing(root: Path) -> set[tuple[str, int, int]]:
    files = (path for path in root.rglob("*") if path.is_file())
    return {(str(path.relative_to(root)), path.stat().st_size, path.stat().st_mtime_ns) for path in files}


def _moderation(process: Process, policy: str) -> None:
    process.contribution_moderation = process.comment_moderation = policy
    process.save(update_fields=["contribution_moderation", "comment_moderation"])


def _contribution(process, author, axis, title: str) -> Contribution:
    return contribution_submit(
        author=author,
        process=process,
        kind="idea",
        title=title,
        body="Una proposta concreta per la zona, con i dettagli necessari a valutarla.",
        axis=axis,
    )


def _live(facilitator) -> tuple[LiveSession, Question, Entry]:
    """A session with an open free-text question and one participant's answer waiting for approval."""
    session = session_create(user=facilitator, title="Plenaria del walker")
    spec = QuestionSpec(kind=Kind.OPEN_TEXT, text="Che cosa manca nella tua zona?", options=(), max_choices=3)
    question = question_open(user=facilitator, question=question_create(user=facilitator, session=session, spec=spec))
    participant = participant_join(session=session)
    submitted = entry_submit(participant_id=participant.pk, session_id=session.pk, question_id=question.pk, text="Più treni")
    return session, question, Entry.objects.get(pk=submitted.entry_id)


def _wagtail() -> dict:
    """A public document, a password-protected collection and a password-protected page."""
    root = Collection.get_first_root_node()
    document = Document.objects.create(
        title="Regolamento", file=ContentFile(b"Regolamento della consultazione.", name="regolamento.txt")
    )
    private = root.add_child(instance=Collection(name="Riservata"))
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="parola-segreta"
    )
    page = Page.objects.get(slug="note-legali")
    page_restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="parola-segreta"
    )
    return {
        "document": document,
        "collection_restriction": collection_restriction,
        "page_restriction": page_restriction,
        "home_page_id": Page.objects.get(slug="home").pk,
        "private_page_url": page.url,
    }


def _superuser() -> User:
    user = make_user(pseudonym="superuser-walker")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def build_world() -> World:
    process = Process.objects.get(slug="psm-2024-2026")
    demo_load(process=process)  # opens the co-planning phase: submit, comment, support, prioritise
    process.refresh_from_db()
    plan = process.plan_produced
    axis = plan.axes.get(code=1)
    staff = make_user(roles=[Role.STAFF])
    users = {
        "anonymous": None,
        "citizen": make_user(),
        "moderator": make_user(roles=[Role.MODERATOR]),
        "facilitator": User.objects.get(email=DEMO_FACILITATOR),
        "staff": staff,
        "superuser": _superuser(),
    }
    citizen, facilitator = users["citizen"], users["facilitator"]
    author = make_user()
    organisation = Organisation.objects.create(name="Associazione del walker", category=Category.objects.get(code="altri"))
    membership = membership_request(actor=author, organisation=organisation)

    _moderation(process, "post")
    contribution = _contribution(process, author, axis, "Più corse serali per le valli")
    own = _contribution(process, citizen, axis, "La proposta della cittadina")
    comment = comment_create(author=author, contribution=contribution, body="Sono d'accordo, servono più corse.")
    own_comment = comment_create(author=citizen, contribution=contribution, body="Anche nei giorni festivi.")
    _moderation(process, "pre")
    pending = _contribution(process, author, axis, "Una proposta ancora da moderare")
    pending_comment = comment_create(author=author, contribution=contribution, body="Un commento ancora da moderare.")
    assert pending.status == pending_comment.status == Status.PENDING
    assert own.status == contribution.status == comment.status == own_comment.status == Status.PUBLISHED

    exercise_args = {"actor": staff, "process": process, "method": Method.DOTS, "scope": Scope.PLAN}
    exercise = exercise_create(
        title="Priorità del walker", results_visibility=ResultsVisibility.LIVE, open_now=True, **exercise_args
    )
    draft_exercise = exercise_create(title="Priorità in bozza", **exercise_args)
    sealed_exercise = exercise_create(title="Priorità a risultati chiusi", open_now=True, **exercise_args)

    meeting = Meeting.objects.get(slug=LAUNCH_MEETING)
    online_meeting = Meeting.objects.get(slug=ONLINE_MEETING)
    table = meeting.tables.filter(facilitator=facilitator).order_by("position").first()
    registration = meeting.registrations.order_by("pk").first()
    own_registration = registration_create(
        meeting=online_meeting,
        first_name="Cittadina",
        last_name="Walker",
        email=citizen.email,
        consent=True,
        user=citizen,
        notify=False,
    ).registration
    report = restituzione_publish(actor=staff, report=restituzione_build(actor=staff, meeting=meeting))
    assert report.published_pdf and report.published_docx

    session, question, entry = _live(facilitator)
    open_data_job(process=process)  # built once here: every role then downloads the ready package
    job = export_request(actor=staff, process=process, kind=ExportKind.CSV, dataset="contributions")

    return World(
        users=users,
        author=author,
        process=process,
        plan=plan,
        contribution=contribution,
        pending=pending,
        merged=Contribution.objects.get(status=Status.MERGED, merged_after_publication=True),
        membership=membership,
        own=own,
        comment=comment,
        own_comment=own_comment,
        pending_comment=pending_comment,
        exercise=exercise,
        draft_exercise=draft_exercise,
        sealed_exercise=sealed_exercise,
        meeting=meeting,
        online_meeting=online_meeting,
        table=table,
        registration=registration,
        own_registration=own_registration,
        attendance=meeting.attendances.order_by("pk").first(),
        cancel_token=cancel_token(own_registration),
        session=session,
        question=question,
        entry=entry,
        thematic=ThematicResponse.objects.order_by("pk").first(),
        update=ActionUpdate.objects.order_by("pk").first(),
        action=Action.objects.filter(strategy__axis__plan=plan, tracking__isnull=False).order_by("code").first(),
        indicator=Indicator.objects.order_by("pk").first(),
        job=job,
        comune=Comune.objects.get(name="Pinerolo"),
        zone=ZonaOmogenea.objects.order_by("number").first(),
        macro_area=MacroArea.objects.order_by("code").first(),
        category=Category.objects.order_by("code").first(),
        meeting_report=report,
        restituzione_page_url=Page.objects.get(slug=meeting.slug).url,
        **_wagtail(),
    )
