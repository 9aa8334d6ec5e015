import pytest
from django.core import mail
from django.urls import reverse

from consultazione.meetings.models import Attendance, Registration, RegistrationStatus
from consultazione.meetings.tokens import cancel_token

from .conftest import register

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Partecipante",
    "last_name": "Zero Uno",
    "email": "form@example.org",
    "organisation_name": "",
    "category": "",
    "comune": "",
    "consent": "on",
}


def test_calendar_lists_upcoming_and_past(client, make_meeting):
    upcoming = make_meeting(title="Incontro futuro")
    past = make_meeting(title="Incontro concluso", days=-5)
    body = client.get("/incontri/").content.decode()
    assert upcoming.title in body and past.title not in body
    body = client.get("/incontri/", {"when": "past"}).content.decode()
    assert past.title in body and upcoming.title not in body
    assert client.get("/incontri/", {"kind": "nonesiste"}).status_code == 200


def test_the_old_italian_filter_names_still_filter(client, make_meeting):
    """?quando=passati and ?tipo= (the names and values before the English ones) still filter."""
    upcoming = make_meeting(title="Incontro futuro")
    past = make_meeting(title="Incontro concluso", days=-5)
    body = client.get("/incontri/", {"quando": "passati"}).content.decode()
    assert past.title in body and upcoming.title not in body
    body = client.get("/incontri/", {"quando": "passati", "tipo": past.kind}).content.decode()
    assert past.title in body
    other_kind = "plenaria" if past.kind != "plenaria" else "online"
    body = client.get("/incontri/", {"quando": "passati", "tipo": other_kind}).content.decode()
    assert past.title not in body


def test_detail_shows_agenda_and_register_link(client, meeting):
    response = client.get(meeting.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saluti e introduzione" in body and "Plenaria di sintesi" in body
    assert reverse("meetings:register", args=[meeting.slug]) in body


def test_register_over_capacity_goes_to_waiting_list(client, make_meeting, django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    register(meeting, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:register", args=[meeting.slug]), FORM)
    assert response.status_code == 200
    assert "lista d&#x27;attesa" in response.content.decode() or "lista d'attesa" in response.content.decode()
    assert Registration.objects.get(email="form@example.org").status == RegistrationStatus.WAITING
    assert "lista d'attesa" in mail.outbox[-1].subject


def test_duplicate_registration_shows_existing(client, meeting):
    client.post(reverse("meetings:register", args=[meeting.slug]), FORM)
    response = client.post(reverse("meetings:register", args=[meeting.slug]), {**FORM, "first_name": "Altro"})
    assert "Sei già iscritta/o" in response.content.decode()
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_bad_form_is_refused_and_nothing_stored(client, meeting):
    response = client.post(reverse("meetings:register", args=[meeting.slug]), {**FORM, "consent": "", "email": "non-email"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "acconsentire" in body and "email" in body.lower()
    assert not Registration.objects.exists()


def test_ics_download(client, meeting):
    response = client.get(reverse("meetings:calendar", args=[meeting.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content and b"SUMMARY:Tavolo di prova" in response.content


def test_cancel_link_from_email(client, meeting):
    registration = register(meeting, 1).registration
    url = reverse("meetings:cancel", args=[cancel_token(registration)])
    assert "Vuoi annullare la tua iscrizione" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert client.get(reverse("meetings:cancel", args=["garbage"])).status_code == 404


def test_my_registrations_and_cancel(client, meeting, citizen):
    client.force_login(citizen)
    client.post(reverse("meetings:register", args=[meeting.slug]), {**FORM, "email": citizen.email})
    registration = Registration.objects.get(meeting=meeting)
    assert registration.user == citizen
    body = client.get(reverse("meetings:my_registrations")).content.decode()
    assert meeting.title in body and registration.checkin_code in body
    client.post(reverse("meetings:my_registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "anonymous",
            {"manage": 302, "registrations": 302, "attendance": 302, "attendance_export": 302, "import": 302, "checkin": 302},
        ),
        (
            "citizen",
            {"manage": 403, "registrations": 403, "attendance": 403, "attendance_export": 403, "import": 403, "checkin": 403},
        ),
        (
            "facilitator",
            {"manage": 200, "registrations": 403, "attendance": 403, "attendance_export": 403, "import": 403, "checkin": 200},
        ),
        (
            "staff",
            {"manage": 200, "registrations": 200, "attendance": 200, "attendance_export": 200, "import": 200, "checkin": 200},
        ),
    ],
)
def test_staff_pages_permissions(client, table_meeting, who, expected, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name, status in expected.items():
        response = client.get(reverse(f"meetings:{name}", args=[table_meeting.slug]))
        assert response.status_code == status, (who, name, response.status_code)


def test_check_in_by_code_and_walk_in(client, table_meeting, facilitator):
    registration = register(table_meeting, 1).registration
    client.force_login(facilitator)
    url = reverse("meetings:checkin", args=[table_meeting.slug])
    response = client.post(url, {"action": "code", "code": registration.checkin_code.lower()})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=table_meeting).registration == registration
    response = client.post(url, {"action": "code", "code": "ZZZZZZZZ"})
    assert response.status_code == 400 and "Nessuna iscrizione" in response.content.decode()
    client.post(url, {"action": "walk_in", "first_name": "Partecipante", "last_name": "Sul posto", "organisation_name": ""})
    assert Attendance.objects.filter(meeting=table_meeting).count() == 2
    # the facilitator never sees the list of names
    assert "Sul posto" not in client.get(url).content.decode()


def test_staff_checks_in_from_list_and_exports_csv(client, meeting, staff):
    registration = register(meeting, 1, organisation_name="Ente di prova").registration
    client.force_login(staff)
    assert "Prova Partecipante 01" in client.get(reverse("meetings:checkin", args=[meeting.slug])).content.decode()
    client.post(reverse("meetings:checkin_registration", args=[meeting.slug, registration.pk]))
    client.post(reverse("meetings:checkin_registration", args=[meeting.slug, registration.pk]))  # idempotent
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    response = client.get(reverse("meetings:attendance_export", args=[meeting.slug]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Cognome;Nome;Organizzazione")
    assert lines[1].startswith("Prova;Partecipante 01;Ente di prova;A titolo personale")


def test_csv_import_all_or_nothing(client, make_meeting, staff):
    meeting = make_meeting(registration_mode="chiusa", capacity=2)
    client.force_login(staff)
    url = reverse("meetings:import", args=[meeting.slug])
    bad = (
        "nome;cognome;email;organizzazione;categoria;comune\n"
        "Partecipante;01;p01@example.org;Comune di Pinerolo;enti_locali;Pinerolo\n"
        ";02;p02@example.org;;;\n"
        "Partecipante;03;non-una-email;;categoria-inventata;Atlantide\n"
        "Partecipante;04;P01@example.org;;;\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile("elenco.csv", bad.encode(), "text/csv")})
    body = response.content.decode()
    assert response.status_code == 400
    assert "non è stato importato nulla" in body
    assert "manca «nome»" in body and "email non valida" in body and "categoria sconosciuta" in body
    assert "comune sconosciuto: Atlantide" in body and "email ripetuta (già alla riga 2)" in body
    assert not Registration.objects.filter(meeting=meeting).exists()
    good = (
        "nome,cognome,email,organizzazione,categoria,comune\nPartecipante,01,,Comune di Pinerolo,Enti locali,001191\n"
        + "".join(f"Partecipante,{n:02d},p{n:02d}@example.org,,,\n" for n in range(2, 5))
    )
    response = client.post(url, {"file": SimpleUploadedFile("elenco.csv", good.encode(), "text/csv")})
    assert response.status_code == 302
    statuses = sorted(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    first = Registration.objects.get(meeting=meeting, last_name="01")
    assert first.category.code == "enti_locali" and first.comune.name == "Pinerolo"


def test_csv_import_without_required_columns(client, meeting, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    response = client.post(
        reverse("meetings:import", args=[meeting.slug]), {"file": SimpleUploadedFile("x.csv", b"email\nx@example.org\n")}
    )
    assert response.status_code == 400 and "Mancano le colonne obbligatorie: nome, cognome" in response.content.decode()
