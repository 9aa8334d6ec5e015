"""What pages share besides whole anonymous pages — the menu bar and footer, each comment, the
dashboard's figures, a person's roles and permissions, the current process — stays right for each
person and fresh on the next request after a change (the page cache and its fragments on)."""

import re

from django.contrib.auth.models import Group
from django.test import Client

from consultazione.accounts.roles import Role
from consultazione.accounts.services import user_grant_role
from consultazione.contributions.services import comment_create, comment_update
from consultazione.process.models import Phase
from consultazione.process.services import phase_activate
from tests.conftest import make_user, submit_contribution


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def menu(html: str) -> list[str]:
    """The labels of the main menu as the page shows them."""
    nav = html.split('<ul class="navbar-nav">', 1)[1].split("</ul>", 1)[0]
    return [label.strip() for label in re.findall(r'<a class="nav-link[^"]*"[^>]*><span>([^<]+)</span>', nav)]


def test_menu_is_each_persons_own_and_follows_a_role_change(world, moderator, django_capture_on_commit_callbacks):
    """The menu bar is rendered once per menu state: a moderator gets "Moderazione", the citizen
    and the anonymous visitor who load the same pages next do not; a role taken away (as the
    Django admin does) leaves the menu and the queue on the next request."""
    person = signed_in(moderator)
    assert "Moderazione" in menu(text(person.get("/contributi/")))
    assert person.get("/moderazione/").status_code == 200
    citizen = signed_in(make_user())
    assert "Moderazione" not in menu(text(citizen.get("/contributi/")))
    assert "Moderazione" not in menu(text(Client().get("/contributi/?anonimo=1")))

    with django_capture_on_commit_callbacks(execute=True):
        moderator.groups.remove(Group.objects.get(name=Role.MODERATOR.value))
    assert "Moderazione" not in menu(text(person.get("/contributi/")))
    assert person.get("/moderazione/").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        user_grant_role(user=moderator, role=Role.MODERATOR)
    assert "Moderazione" in menu(text(person.get("/contributi/")))
    assert person.get("/moderazione/").status_code == 200


def test_menu_marks_the_current_section_and_speaks_the_language(world):
    browser = Client()
    list_page = menu(text(browser.get("/contributi/")))
    assert list_page[:2] == ["Il Piano", "Contributi"]
    current = text(browser.get("/incontri/")).split('aria-label="Menu principale"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'aria-current="page"><span>Incontri</span>', current), "the meetings page marks Incontri"
    assert 'aria-current="page"><span>Contributi' not in current
    english = menu(text(browser.get("/contributi/", headers={"Accept-Language": "en"})))
    assert "Contributions" in english and "Contributi" not in english


def test_verification_shows_on_the_next_request(psm, page_cache, django_capture_on_commit_callbacks):
    """A person who confirms their email may submit at once (the verified flag is read once per change)."""
    from allauth.account.models import EmailAddress

    psm.set_phase("ascolto")
    person = make_user(verified=False)
    client = signed_in(person)
    refused = client.get("/contributi/nuovo/")
    assert refused.status_code == 403 and "Conferma il tuo indirizzo email" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        address = EmailAddress.objects.get(user=person)
        address.verified = True
        address.save()
    page = text(client.get("/contributi/nuovo/"))
    assert 'name="title"' in page, "the verified person gets the submission form"


def test_comments_show_each_viewer_their_own_links(world, django_capture_on_commit_callbacks):
    """Comments are shared between viewers who get the same links: the author's delete form (with
    their CSRF token) is never served to anybody else, nor another viewer's "Segnala" to a visitor."""
    author = make_user(pseudonym="chi-commenta")
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=author, contribution=world.idea_a, body="Servono anche di domenica.")
    url = world.pages["detail A"]
    other = signed_in(make_user())
    for _ in range(2):  # the second time from the fragment cache
        seen = text(other.get(url)).split(f'id="commento-{comment.pk}"', 1)[1].split("</li>", 1)[0]
        assert "Servono anche di domenica." in seen
        assert "Segnala" in seen and "Elimina" not in seen and "Modifica" not in seen
    mine = text(signed_in(author).get(url)).split(f'id="commento-{comment.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Elimina" in mine and "Segnala" not in mine
    anonymous = text(Client().get(url + "?visitatore=1")).split(f'id="commento-{comment.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Servono anche di domenica." in anonymous
    assert "Segnala" not in anonymous and "Elimina" not in anonymous and "csrfmiddlewaretoken" not in anonymous

    with django_capture_on_commit_callbacks(execute=True):
        comment_update(actor=author, comment=comment, body="Servono anche nei festivi.")
    seen = text(other.get(url)).split(f'id="commento-{comment.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Servono anche nei festivi." in seen and "di domenica" not in seen


def test_dashboard_figures_are_shared_and_fresh(world, psm, citizen, django_capture_on_commit_callbacks):
    """The filters and figures are rendered once per set of filters; a new contribution changes
    them on the next request, also on a signed-in person's page; a filter in error is never shared."""
    person = signed_in(citizen)

    def published(html: str) -> str:
        return re.search(r'data-figure="contributions">(\d+)<', html).group(1)

    before = published(text(person.get("/dati/")))
    assert published(text(person.get("/dati/"))) == before
    with django_capture_on_commit_callbacks(execute=True):
        submit_contribution(psm, make_user(), title="Un'altra idea per Ivrea", body="Più treni.", axis=psm.axes[3])
    assert int(published(text(person.get("/dati/")))) == int(before) + 1

    wrong = person.get("/dati/?axis=99")
    assert wrong.status_code == 400 and "is-invalid" in wrong.content.decode()
    assert "is-invalid" not in text(person.get("/dati/"))


def test_phase_change_reaches_the_current_process_on_the_next_request(world, psm, staff, django_capture_on_commit_callbacks):
    """The current process and its phases are read once per change: a phase switched in the admin
    is what the next page says, also to a signed-in person (whose pages are never cached whole)."""
    person = signed_in(make_user())
    co_planning = Phase.objects.get(process=psm.process, kind="co_pianificazione")
    assert f"Fase in corso: {co_planning}" not in text(person.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        phase_activate(actor=staff, process=psm.process, phase_id=co_planning.pk)
    assert f"Fase in corso: {co_planning}" in text(person.get("/"))
