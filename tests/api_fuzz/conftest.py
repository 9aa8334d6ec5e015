"""Fixtures of the API fuzz: the served OpenAPI document, a database filled with the demo content
plus objects of the fuzzing person, and the schema Schemathesis runs against (as that person)."""

import copy
import os
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.contributions.demo import demo_load as contributions_demo
from consultazione.contributions.models import Contribution
from consultazione.live.models import Entry, Kind, LiveSession, Question
from consultazione.live.services import (
    OptionSpec,
    QuestionSpec,
    entry_submit,
    participant_join,
    question_close,
    question_create,
    question_open,
    session_create,
)
from consultazione.meetings.demo import demo_load as meetings_demo
from consultazione.meetings.models import Meeting, MeetingReport, Registration
from consultazione.meetings.services import registration_create, report_draft_store, report_files_store
from consultazione.moderation.demo import demo_load as moderation_demo
from consultazione.moderation.models import ThematicResponse
from consultazione.monitoring.demo import demo_load as monitoring_demo
from consultazione.monitoring.models import Indicator
from consultazione.notifications.models import Follow
from consultazione.ops.demo import demo_users_ensure
from consultazione.plan.models import Axis
from consultazione.process.models import Process
from consultazione.process.services import phase_force_active
from consultazione.reports.demo import demo_load as reports_demo
from consultazione.reports.models import ExportJob
from consultazione.reports.restituzione.services import restituzione_publish
from consultazione.reports.services import export_request
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.stakeholders.services import membership_request
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea
from consultazione.voting.demo import demo_load as voting_demo
from consultazione.voting.models import PriorityExercise, Support
from consultazione.voting.services import support_add
from tests.conftest import make_user, submit_contribution

# Examples per operation and phase; raise it for a longer local run (docs/api-fuzzing.md).
MAX_EXAMPLES = int(os.environ.get("API_FUZZ_MAX_EXAMPLES", "8"))
SEED = int(os.environ.get("API_FUZZ_SEED", "20260101"))


@pytest.fixture(scope="session")
def openapi_document(django_db_setup, django_db_blocker) -> dict:
    """The document served at /api/schema/, exactly as clients get it."""
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@dataclass
class FuzzWorld:
    user: User
    token: str
    path_values: dict[str, list]


def _demo_content(psm) -> dict[str, User]:
    """The demo site (meetings, contributions, priorities, moderation, monitoring, report) in co-planning."""
    users = {**demo_users_ensure(), "staff": make_user(roles=[Role.STAFF])}
    phase_force_active(process=psm.process, kind="co_pianificazione")
    process = Process.objects.get(pk=psm.process.pk)
    for load in (meetings_demo, contributions_demo, voting_demo, moderation_demo, monitoring_demo, reports_demo):
        load(process=process, users=users)
    held = Meeting.objects.filter(ends_at__lt=timezone.now(), attendances__isnull=False).order_by("starts_at").first()
    staff = users["staff"]
    report = report_draft_store(actor=staff, meeting=held, html="<p>Sintesi del tavolo.</p>", show_organisation_names=False)
    # Placeholder files: rendering the real PDF costs seconds and is tested in tests/meetings.
    report = report_files_store(actor=staff, report=report, pdf=b"%PDF-1.4 sintesi", docx=b"PK sintesi")
    restituzione_publish(actor=staff, report=report)
    return users


def _own_objects(user: User, psm, users: dict[str, User]) -> None:
    """What the fuzzing person has made (a contribution, a support, a registration, an export if staff),
    plus an export of someone else and a live session with a closed and an open question."""
    submit_contribution(
        psm,
        user,
        title="Una corsia ciclabile lungo la Dora",
        body="Collegare i parchi lungo il fiume con un percorso protetto.",
        axis=psm.axes[2],
    )
    support_add(user=user, contribution=Contribution.objects.public().exclude(author=user).order_by("pk").first())
    meeting = Meeting.objects.get(slug="incontro-online-priorita")
    registration_create(meeting=meeting, first_name="Persona", last_name="Di prova", email=user.email, consent=True, user=user)
    for actor in (users["staff"], user):
        if actor.has_perm("reports.export_data"):
            export_request(actor=actor, process=psm.process, kind="workbook")
    # a request to represent an organisation, waiting for staff (the staff fuzz verifies or refuses it)
    organisation = Organisation.objects.create(name="Associazione di prova", category=Category.objects.get(code="altri"))
    membership_request(actor=make_user(), organisation=organisation)
    facilitator = users["facilitator"]
    session = session_create(user=facilitator, title="Plenaria di prova")
    for text in ("Già votata?", "Che ne pensi?"):  # one closed with its results, one open
        spec = QuestionSpec(kind=Kind.SINGLE, text=text, options=(OptionSpec("Sì"), OptionSpec("No")))
        question = question_open(user=facilitator, question=question_create(user=facilitator, session=session, spec=spec))
        if text.startswith("Già"):
            question_close(user=facilitator, question=question)
    # a second session with an audience question waiting for moderation (the entries' endpoints)
    qa_session = session_create(user=facilitator, title="Domande del pubblico")
    spec = QuestionSpec(kind=Kind.QA, text="Domande?", max_choices=2)
    qa = question_open(user=facilitator, question=question_create(user=facilitator, session=qa_session, spec=spec))
    entry_submit(
        participant_id=participant_join(session=qa_session).pk, session_id=qa_session.pk, question_id=qa.pk, text="Quando?"
    )


def _ids(queryset, field: str = "pk", limit: int = 4) -> list:
    return list(queryset.order_by("pk").values_list(field, flat=True)[:limit])


def _path_values(user: User) -> dict[str, list]:
    """Real values for every path parameter, so that fuzzed requests reach existing objects."""
    contributions = Contribution.objects.order_by("pk")
    references = [
        *contributions.filter(author=user).values_list("reference", flat=True)[:1],
        *contributions.exclude(author=user).filter(status="published").values_list("reference", flat=True)[:3],
        *contributions.exclude(status="published").exclude(reference="").values_list("reference", flat=True)[:1],
    ]
    slugs = _ids(Process.objects.all(), "slug")
    return {
        "/api/v1/axes/{id}/": _ids(Axis.objects.all()),
        "/api/v1/comuni/{id}/": _ids(Comune.objects.all()),
        "/api/v1/contributions/{reference}/": references,
        "/api/v1/contributions/{reference}/comments/": references,
        "/api/v1/contributions/{reference}/withdraw/": references,
        "/api/v1/dashboard/{slug}/": slugs,
        "/api/v1/follows/{contribution}/": _ids(Follow.objects.filter(user=user, active=True), "contribution"),
        "/api/v1/export-jobs/{id}/": _ids(ExportJob.objects.all()),
        "/api/v1/export-jobs/{id}/retry/": _ids(ExportJob.objects.all()),
        "/api/v1/live/sessions/{code}/": _ids(LiveSession.objects.all(), "code"),
        "/api/v1/live/sessions/{code}/commands/": _ids(LiveSession.objects.all(), "code"),
        "/api/v1/live/sessions/{code}/results/": _ids(LiveSession.objects.all(), "code"),
        "/api/v1/live/sessions/{code}/snapshot/": _ids(LiveSession.objects.all(), "code"),
        **dict.fromkeys(
            [f"/api/v1/live/sessions/{{code}}/{control}/" for control in ("next", "join-screen", "question-screen", "end")],
            _ids(LiveSession.objects.all(), "code"),
        ),
        **dict.fromkeys(
            [
                *[f"/api/v1/live/sessions/{{session_code}}/questions/{end}" for end in ("", "order/", "preview/")],
                "/api/v1/live/sessions/{session_code}/entries/",
            ],
            {"session_code": _ids(LiveSession.objects.all(), "code")},
        ),
        **dict.fromkeys(
            [
                f"/api/v1/live/sessions/{{session_code}}/questions/{{id}}/{end}"
                for end in ("", "open/", "close/", "reveal/", "hide/", "reset/", "show/")
            ],
            {"session_code": _ids(LiveSession.objects.all(), "code"), "id": _ids(Question.objects.all())},
        ),
        **dict.fromkeys(
            ["/api/v1/live/sessions/{session_code}/entries/{id}/", "/api/v1/live/sessions/{session_code}/entries/{id}/moderate/"],
            {"session_code": _ids(LiveSession.objects.all(), "code"), "id": _ids(Entry.objects.all())},
        ),
        "/api/v1/macro-areas/{id}/": _ids(MacroArea.objects.all()),
        "/api/v1/meeting-registrations/{id}/": _ids(Registration.objects.filter(user=user)),
        "/api/v1/meeting-registrations/{id}/cancel/": _ids(Registration.objects.filter(user=user)),
        "/api/v1/meeting-reports/{id}/": _ids(MeetingReport.objects.all()),
        "/api/v1/meetings/{slug}/": _ids(Meeting.objects.all(), "slug"),
        "/api/v1/meetings/{slug}/cancel/": _ids(Meeting.objects.all(), "slug"),
        "/api/v1/membership-requests/{id}/": _ids(Membership.objects.all()),
        "/api/v1/membership-requests/{id}/refuse/": _ids(Membership.objects.all()),
        "/api/v1/membership-requests/{id}/verify/": _ids(Membership.objects.all()),
        "/api/v1/moderation/thematic-responses/{id}/": _ids(ThematicResponse.objects.all()),
        "/api/v1/monitoring/actions/{id}/": _ids(Indicator.objects.all(), "tracking__action"),
        "/api/v1/monitoring/indicators/{id}/": _ids(Indicator.objects.all()),
        "/api/v1/monitoring/indicators/{id}/values/": _ids(Indicator.objects.all()),
        "/api/v1/priority-exercises/{id}/": _ids(PriorityExercise.objects.all()),
        "/api/v1/priority-exercises/{id}/ballot/": _ids(PriorityExercise.objects.all()),
        "/api/v1/priority-exercises/{id}/close/": _ids(PriorityExercise.objects.all()),
        "/api/v1/priority-exercises/{id}/open/": _ids(PriorityExercise.objects.all()),
        "/api/v1/priority-exercises/{id}/results/": _ids(PriorityExercise.objects.all()),
        "/api/v1/processes/{slug}/": slugs,
        "/api/v1/processes/{slug}/activate-phase/": slugs,
        "/api/v1/stakeholder-categories/{id}/": _ids(Category.objects.all()),
        "/api/v1/supports/{contribution}/": _ids(Support.objects.filter(user=user), "contribution"),
        "/api/v1/zones/{id}/": _ids(ZonaOmogenea.objects.all()),
        "/api/v1/open-data/{slug}/": slugs,
        "/api/v1/open-data/{slug}/package/": slugs,
    }


@pytest.fixture(params=["citizen", "staff"])
def fuzz_world(request, psm, settings, tmp_path) -> FuzzWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    users = _demo_content(psm)
    user = make_user(roles=[Role.STAFF] if request.param == "staff" else [])
    _own_objects(user, psm, users)
    return FuzzWorld(user=user, token=Token.objects.create(user=user).key, path_values=_path_values(user))


def pin_path_parameters(document: dict, path_values: dict[str, list]) -> dict:
    """A copy of the document whose path parameters list real values (`enum`): positive cases hit
    existing objects, negative ones (anything else) must get a clean 404."""
    document = copy.deepcopy(document)
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path":
                    continue
                assert path in path_values, f"tests/api_fuzz/conftest.py: give real values for the parameters of {path}"
                values = path_values[path]
                if isinstance(values, dict):  # a path with several parameters: values by name
                    values = values[parameter["name"]]
                assert values, f"tests/api_fuzz/conftest.py: the fuzz database has no object for {path}"
                parameter["schema"] = {**parameter["schema"], "enum": values}
    return document


@pytest.fixture
def wsgi_app():
    """The Django WSGI application in the test's transaction: like the test client, a request must not
    close the connection that holds the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()  # not get_wsgi_application(): that would set up Django (and logging) again
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(openapi_document, fuzz_world, wsgi_app):
    config = schemathesis.config.SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "headers": {"Authorization": f"Token {fuzz_world.token}"},
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        }
    )
    schema = schemathesis.openapi.from_dict(pin_path_parameters(openapi_document, fuzz_world.path_values), config=config)
    schema.app = wsgi_app
    return schema
