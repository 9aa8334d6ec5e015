"""Staff move the active phase from the site, the API and (without crashing) the Django admin."""

import pytest
from bs4 import BeautifulSoup

from consultazione.accounts.roles import Role
from consultazione.process.models import Phase, Process
from consultazione.process.selectors import active_phase
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _forced(process) -> list[str]:
    return list(Phase.objects.filter(process=process, force_active=True).values_list("kind", flat=True))


def _admin_form_data(html: str) -> dict:
    """Every field of the admin change form as the browser would send it."""
    form = BeautifulSoup(html, "html.parser").find("form", id="process_form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button"}:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "on"
        else:
            data[name] = field.get("value", "")
    return data


def _phase_prefix(data: dict, kind: str) -> str:
    key = next(k for k, v in data.items() if k.endswith("-kind") and v == kind)
    return key.removesuffix("-kind")


@pytest.fixture
def superuser(db):
    user = make_user()
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_admin_moves_the_active_phase_back_without_an_integrity_error(client, psm, superuser):
    psm.set_phase("approvazione")
    client.force_login(superuser)
    url = f"/django-admin/process/process/{psm.process.pk}/change/"
    data = _admin_form_data(client.get(url).content.decode())
    data.pop(f"{_phase_prefix(data, 'approvazione')}-force_active")
    data[f"{_phase_prefix(data, 'co_pianificazione')}-force_active"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _forced(psm.process) == ["co_pianificazione"]


def test_admin_refuses_two_forced_phases_with_a_form_error(client, psm, superuser):
    psm.set_phase("approvazione")
    client.force_login(superuser)
    url = f"/django-admin/process/process/{psm.process.pk}/change/"
    data = _admin_form_data(client.get(url).content.decode())
    data[f"{_phase_prefix(data, 'ascolto')}-force_active"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Una sola fase per processo può essere attiva d&#x27;ufficio" in response.content.decode()
    assert _forced(psm.process) == ["approvazione"]


def test_staff_page_lists_the_phases_and_activates_one(client, psm, staff):
    psm.set_phase("ascolto")
    client.force_login(staff)
    html = client.get(f"/processi/{psm.process.slug}/").content.decode()
    for title in ["Analisi e linee di indirizzo", "Ascolto del territorio", "Co-pianificazione", "Approvazione del Piano"]:
        assert title in html
    assert "Attivata dallo staff" in html
    target = Phase.objects.get(process=psm.process, kind="co_pianificazione")
    response = client.post(f"/processi/{psm.process.slug}/attiva-fase/", {"phase": target.pk}, follow=True)
    assert response.status_code == 200
    assert "è ora la fase attiva" in response.content.decode()
    assert _forced(psm.process) == ["co_pianificazione"]
    assert active_phase(Process.objects.get(pk=psm.process.pk)).kind == "co_pianificazione"
    # and the public home page says so
    assert "Co-pianificazione e tavoli territoriali" in client.get("/").content.decode()


def test_staff_page_back_to_the_calendar(client, psm, staff):
    psm.set_phase("ascolto")
    client.force_login(staff)
    response = client.post(f"/processi/{psm.process.slug}/attiva-fase/", {"phase": "calendar"}, follow=True)
    assert "segue di nuovo il calendario" in response.content.decode()
    assert _forced(psm.process) == []


def test_a_phase_of_another_process_is_refused_with_a_message(client, psm, staff):
    psm.set_phase("ascolto")
    other = Process.objects.create(title="Altro processo", slug="altro", plan_revised=psm.previous_plan)
    foreign = Phase.objects.create(process=other, kind="approvazione", planned_start="2030-01-01", planned_end="2030-02-01")
    client.force_login(staff)
    response = client.post(f"/processi/{psm.process.slug}/attiva-fase/", {"phase": foreign.pk}, follow=True)
    assert "non appartiene a questo processo" in response.content.decode()
    assert _forced(psm.process) == ["ascolto"]
    assert _forced(other) == []
    response = client.post(f"/processi/{psm.process.slug}/attiva-fase/", {"phase": "abc"}, follow=True)
    assert "Fase sconosciuta" in response.content.decode()
    assert _forced(psm.process) == ["ascolto"]


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.FACILITATOR])
def test_only_staff_may_activate(client, psm, role):
    psm.set_phase("ascolto")
    client.force_login(make_user(roles=[role] if role else []))
    target = Phase.objects.get(process=psm.process, kind="approvazione")
    assert client.get(f"/processi/{psm.process.slug}/").status_code == 403
    assert client.post(f"/processi/{psm.process.slug}/attiva-fase/", {"phase": target.pk}).status_code == 403
    assert _forced(psm.process) == ["ascolto"]


def test_anonymous_is_sent_to_login(client, psm):
    response = client.get(f"/processi/{psm.process.slug}/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_api_activates_a_phase_for_staff_only(client, psm, staff, citizen):
    psm.set_phase("ascolto")
    target = Phase.objects.get(process=psm.process, kind="approvazione")
    url = f"/api/v1/processes/{psm.process.slug}/activate-phase/"
    client.force_login(citizen)
    response = client.post(url, {"phase": target.pk}, content_type="application/json")
    assert response.status_code == 403
    assert _forced(psm.process) == ["ascolto"]
    client.force_login(staff)
    response = client.post(url, {"phase": target.pk}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["active_phase"]["kind"] == "approvazione"
    assert _forced(psm.process) == ["approvazione"]
    other = Process.objects.create(title="Altro processo", slug="altro", plan_revised=psm.previous_plan)
    foreign = Phase.objects.create(process=other, kind="ascolto", planned_start="2030-01-01", planned_end="2030-02-01")
    response = client.post(url, {"phase": foreign.pk}, content_type="application/json")
    assert response.status_code == 400
    assert _forced(psm.process) == ["approvazione"]
    response = client.post(url, {"phase": None}, content_type="application/json")
    assert response.status_code == 200 and _forced(psm.process) == []


def test_priorities_say_closed_once_the_phase_moved_to_approvazione(client, psm, exercise_factory, citizen):
    psm.set_phase("co_pianificazione")
    exercise = exercise_factory()
    client.force_login(citizen)
    html = client.get(f"/priorita/{exercise.pk}/").content.decode()
    assert "Aperto" in html
    psm.set_phase("approvazione")
    for path in [f"/priorita/{exercise.pk}/", "/priorita/"]:
        html = client.get(path).content.decode()
        assert "la fase del processo che prevede le priorità è conclusa" in html, path
        assert ">Aperto<" not in html, path
        assert "serve un account con email verificata" not in html, path
