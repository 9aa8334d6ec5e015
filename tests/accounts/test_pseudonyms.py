"""Pseudonyms that pose as someone else, through the real doors: the allauth sign-up form (client
POST), the `user_create` service (demo data, management commands) and the Django admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultazione.accounts.models import User
from consultazione.accounts.services import user_create, user_delete_account
from consultazione.core.names import skeleton

EXISTING = "cittadina-torino"
PASSWORD = "una-password-lunga-42"


def _signup(client, pseudonym, email="nuova@example.org"):
    return client.post(
        "/account/signup/",
        {"email": email, "pseudonym": pseudonym, "password1": PASSWORD, "password2": PASSWORD, "privacy_accepted": "on"},
    )


@pytest.fixture
def existing(db):
    return user_create(email="torino@example.org", password=PASSWORD, pseudonym=EXISTING, verified=True)


ATTACKS = [
    pytest.param("cittadina\u200b-torino", "caratteri invisibili", id="zero-width-space"),
    pytest.param("\u202eonirot-anidattic", "caratteri invisibili", id="rlo"),
    pytest.param("cittadina-torino\u2066", "caratteri invisibili", id="bidi-isolate"),
    pytest.param("\u0441ittadina-torino", "alfabeti diversi", id="cyrillic-es-mixed"),
    pytest.param("cittadin\u0430-torino", "alfabeti diversi", id="cyrillic-a-mixed"),
    pytest.param("cittadina-t\u03bfrino", "alfabeti diversi", id="greek-omicron-mixed"),
    pytest.param("ｃｉｔｔａｄｉｎａ-ｔｏｒｉｎｏ", "già in uso", id="fullwidth-folds-to-same"),
    pytest.param("ｃｉｔｔａｄｉｎａ-torin0", "si confonde con «cittadina-torino»", id="fullwidth-and-zero"),
    pytest.param("CITTADINA-TORINO", "già in uso", id="upper-case"),
    pytest.param("cittadina-torin0", "si confonde con «cittadina-torino»", id="zero-for-o"),
    pytest.param("cittadina\u2010torino", "si confonde con «cittadina-torino»", id="unicode-hyphen"),
    pytest.param("\u200b" * 10, "caratteri invisibili", id="only-invisible"),
    pytest.param("utente-eliminato-7", "riservati", id="reserved"),
]


@pytest.mark.parametrize(("pseudonym", "message"), ATTACKS)
def test_signup_refuses_pseudonym_posing_as_someone(client, psm, existing, pseudonym, message):
    response = _signup(client, pseudonym)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("pseudonym", []))
    assert message in errors
    assert not User.objects.filter(email="nuova@example.org").exists()


def test_signup_refuses_all_cyrillic_look_alike(client, psm, existing):
    """Wholly Cyrillic (not mixed) but the same skeleton as the Italian `pace`: refused."""
    user_create(email="c@example.org", password=PASSWORD, pseudonym="pace", verified=True)
    response = _signup(client, "\u0440\u0430\u0441\u0435")  # расе
    assert "si confonde con «pace»" in " ".join(response.context["form"].errors["pseudonym"])


@pytest.mark.parametrize(
    "pseudonym",
    ["Città-di-Torino", "perché-no", "Sant'Antonino", "Ναυσικά", "Саша-из-Турина", "Zoë 42"],
)
def test_signup_accepts_legitimate_names(client, psm, existing, pseudonym):
    response = _signup(client, pseudonym)
    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="nuova@example.org").pseudonym == pseudonym


def test_signup_stores_the_nfkc_form(client, psm):
    assert _signup(client, "ｖｏｃｅ  ｌｉｂｅｒａ").status_code == 302
    user = User.objects.get(email="nuova@example.org")
    assert user.pseudonym == "voce libera"
    assert user.pseudonym_skeleton == "voce libera"


def test_service_refuses_look_alike(existing):
    with pytest.raises(ValidationError) as exc:
        user_create(email="x@example.org", password=PASSWORD, pseudonym="\u0441ittadina-torino")
    assert "pseudonym" in exc.value.message_dict
    with pytest.raises(ValidationError):
        user_create(email="y@example.org", password=PASSWORD, pseudonym="cittadina-torin0")
    assert User.objects.count() == 1


def test_database_refuses_look_alike_even_without_the_check(existing):
    """The unique skeleton column: two concurrent sign-ups cannot both store look-alikes."""
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="race@example.org", password=PASSWORD, pseudonym="cittadina-torin0")


def test_signup_race_gives_the_form_back_not_a_500(client, psm, existing, monkeypatch):
    """Validated before the look-alike was stored: the INSERT fails on the unique skeleton."""
    from consultazione.accounts import forms

    monkeypatch.setattr(forms, "pseudonym_checked", lambda value: value)
    response = _signup(client, "cittadina-torin0")
    assert response.status_code == 400
    assert "già in uso" in response.content.decode()
    assert not User.objects.filter(email="nuova@example.org").exists()


def test_deleted_account_frees_nothing_and_collides_with_nothing(existing):
    user_delete_account(actor=existing, user=existing)
    existing.refresh_from_db()
    assert existing.pseudonym == f"utente-eliminato-{existing.pk}"
    assert existing.pseudonym_skeleton == skeleton(existing.pseudonym)


def _admin_change_form(client):
    """An admin on another account's Django admin page: (the account, the URL, the form, its data as posted)."""
    admin = User.objects.create_superuser(email="admin@example.org", password=PASSWORD, pseudonym="amministrazione")
    client.force_login(admin)
    other = user_create(email="o@example.org", password=PASSWORD, pseudonym="altra-persona")
    url = f"/django-admin/accounts/user/{other.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in {"password", "groups", "user_permissions"}}
    data = {key: value for key, value in data.items() if value not in (None, False) and key != "date_joined"}
    data |= {"date_joined_0": other.date_joined.strftime("%d/%m/%Y"), "date_joined_1": other.date_joined.strftime("%H:%M:%S")}
    return other, url, form, data


def test_admin_change_refuses_look_alike_but_not_own_name(client, existing):
    other, url, form, data = _admin_change_form(client)
    response = client.post(url, data | {"pseudonym": "\u0441ittadina-torino"})
    assert response.status_code == 200
    assert "alfabeti diversi" in response.content.decode()
    response = client.post(url, data | {"pseudonym": "cittadina-torin0"})
    assert "si confonde con" in response.content.decode()
    other.refresh_from_db()
    assert other.pseudonym == "altra-persona"
    response = client.post(url, data | {"pseudonym": "Altra-Persona"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    other.refresh_from_db()
    assert other.pseudonym == "Altra-Persona"


@pytest.mark.django_db(transaction=True)
def test_migration_fills_skeletons_and_leaves_later_look_alikes_null():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0001_initial")])
    old_apps = executor.loader.project_state([("accounts", "0001_initial")]).apps
    OldUser = old_apps.get_model("accounts", "User")
    first = OldUser.objects.create(email="a@example.org", pseudonym="cittadina-torino")
    second = OldUser.objects.create(email="b@example.org", pseudonym="cittadina-torin0")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert User.objects.get(pk=first.pk).pseudonym_skeleton == "cittadina-torino"
    assert User.objects.get(pk=second.pk).pseudonym_skeleton is None


CHANGE = "/profilo/pseudonimo/"


def test_a_person_changes_the_pseudonym_from_the_profile(client, psm, existing):
    """Issue 16 item 9i: the profile has a form to change the pseudonym; the new name shows on
    what the person wrote, the old one is free again."""
    from consultazione.contributions.models import Contribution
    from tests.conftest import submit_contribution

    person = user_create(email="mario@example.org", password=PASSWORD, pseudonym="mario-vecchio", verified=True)
    psm.set_phase("ascolto")
    contribution = submit_contribution(psm, person, title="Una fontanella in piazza")
    client.force_login(person)
    assert f'action="{CHANGE}"' in client.get("/profilo/").content.decode()
    response = client.post(CHANGE, {"pseudonym": "  Mario Nuovo "}, follow=True)
    assert response.status_code == 200
    assert "Da ora compari come «Mario Nuovo»." in response.content.decode()
    person.refresh_from_db()
    assert person.pseudonym == "Mario Nuovo" and person.pseudonym_skeleton == skeleton("Mario Nuovo")
    html = client.get(f"/contributi/{Contribution.objects.get(pk=contribution.pk).reference}/").content.decode()
    assert "Mario Nuovo" in html and "mario-vecchio" not in html
    assert client.post(CHANGE, {"pseudonym": "Mario Nuovo"}).status_code == 302  # the same again: fine


@pytest.mark.parametrize(
    ("pseudonym", "message"),
    [
        pytest.param(EXISTING.upper(), "già in uso", id="taken-ignoring-case"),
        pytest.param("cittadina-t\u043erino", "alfabeti diversi", id="look-alike-mixed-scripts"),
        pytest.param("cittadina-torin0", "si confonde", id="look-alike"),
        pytest.param("utente-eliminato-7", "riservati", id="reserved"),
        pytest.param("ab", "da 3 a", id="too-short"),
        pytest.param("", "obbligatorio", id="empty"),
    ],
)
def test_changing_the_pseudonym_follows_the_signup_rule(client, psm, existing, pseudonym, message):
    """Issue 16 item 9i: same rules as sign-up, a clear message on the form, nothing saved."""
    person = user_create(email="mario@example.org", password=PASSWORD, pseudonym="mario-vecchio", verified=True)
    client.force_login(person)
    response = client.post(CHANGE, {"pseudonym": pseudonym})
    assert response.status_code == 400
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.pseudonym == "mario-vecchio"


def test_pseudonym_change_race_gives_the_form_back_not_a_500(client, psm, existing, monkeypatch):
    """A look-alike stored by someone else after the check hits the unique skeleton: a message."""
    from consultazione.accounts import services

    person = user_create(email="mario@example.org", password=PASSWORD, pseudonym="mario-vecchio", verified=True)
    client.force_login(person)
    monkeypatch.setattr(services, "pseudonym_checked", lambda value, user=None: "Cittadina-Torino")
    response = client.post(CHANGE, {"pseudonym": "qualcosa di nuovo"})
    assert response.status_code == 400 and "già in uso" in response.content.decode()
    person.refresh_from_db()
    assert person.pseudonym == "mario-vecchio"


def test_the_django_admin_shows_a_block_but_does_not_set_it(client, psm):
    """A block is set through moderation (audited, pages rendered again), not by editing the row."""
    other, url, form, data = _admin_change_form(client)
    assert "blocked_at" not in form.fields and "blocked_reason" not in form.fields
    response = client.post(url, data | {"blocked_at_0": "01/12/2026", "blocked_at_1": "10:00:00", "blocked_reason": "x"})
    assert response.status_code == 302, response.status_code
    other.refresh_from_db()
    assert other.blocked_at is None and other.blocked_reason == ""
