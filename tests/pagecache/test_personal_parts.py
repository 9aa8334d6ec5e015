"""A person with a session gets the page an anonymous visitor got, with their personal parts
rendered for them (core/personal.py): for every page that opts in and every kind of person, the
shared page is the page rendered in full for that person — and it stays right after they act."""

import re

import pytest
from django.test import Client

from consultazione.contributions.services import comment_create
from consultazione.core import pagecache
from consultazione.moderation.services.curation import contributions_merge
from consultazione.notifications.services.follows import follow_set
from consultazione.voting.services.supports import support_add
from tests.conftest import make_meeting_row, make_user, submit_contribution

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def fetch(client: Client, url: str):
    response = client.get(url)
    response.text = _TOKEN.sub(r"\1TOKEN\2", response.content.decode())
    response.served = response.headers.get(pagecache.HEADER, "")
    return response


@pytest.fixture
def people(world, psm, moderator, staff, facilitator, steering_member, unverified_user, django_capture_on_commit_callbacks):
    """Who sees the pages differently: the author of contribution A (a support, a follow, a comment
    of theirs on A's page), a citizen, an unverified person, a moderator, staff, a facilitator,
    a member of the steering committee."""
    author = world.author
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            comment_create(author=make_user(), contribution=world.idea_a, body=f"Sono d'accordo, punto {n}.")
        comment_create(author=author, contribution=world.idea_a, body="Aggiungo un dettaglio sugli orari.")
        support_add(user=author, contribution=world.idea_b)
        follow_set(user=author, contribution=world.idea_b, following=True)
    return {
        "author": author,
        "citizen": make_user(pseudonym="cittadina-c"),
        "unverified": unverified_user,
        "moderator": moderator,
        "staff": staff,
        "facilitator": facilitator,
        "steering": steering_member,
    }


def test_each_person_gets_the_shared_page_as_their_full_page(world, psm, people, settings):
    """Page by page and person by person: filled in from the shared page (X-Page-Cache: personal)
    the HTML is the page rendered in full for them (CSRF tokens aside, which differ per request)."""
    pages = {
        **world.pages,
        "plan": "/piano/",
        "standard page": "/privacy/",
        "list filtered": f"/contributi/?axis={psm.axes[3].pk}&kind=idea&sort=supported",
        "list search": "/contributi/?q=Ivrea",
        "detail A comments 1": f"/contributi/{world.idea_a.reference}/?commenti=1",
    }
    clients = {name: signed_in(user) for name, user in people.items()}
    for page, url in pages.items():
        anonymous = fetch(Client(), url)
        assert anonymous.status_code == 200 and anonymous.served in ("miss", "hit"), (page, anonymous.served)
        assert "personal:" not in anonymous.text, f"{page}: markers left in the visitor's page"
        for name, client in clients.items():
            shared = fetch(client, url)
            assert shared.served == "personal", (page, name, shared.served)
            assert shared.status_code == 200
            assert "private" in shared["Cache-Control"], (page, name)
            settings.PAGE_CACHE = {**settings.PAGE_CACHE, "SIGNED_IN": False}
            full = fetch(client, url)
            settings.PAGE_CACHE = {**settings.PAGE_CACHE, "SIGNED_IN": True}
            assert full.served == "", (page, name, full.served)
            assert shared.text == full.text, f"{page} for {name}: the shared page differs from the full one"


def test_the_personal_parts_show_who_is_signed_in(world, people):
    """What differs is there: the author's name and their own buttons, the support and follow
    state, the comment form; none of it in the visitor's page or in another person's."""
    a, b = world.pages["detail A"], world.pages["detail B"]
    visitor_a, visitor_b = fetch(Client(), a), fetch(Client(), b)
    author = signed_in(people["author"])
    mine_a, mine_b = fetch(author, a), fetch(author, b)
    assert mine_a.served == mine_b.served == "personal"
    assert "autrice-a" in mine_a.text.split('class="header-account"', 1)[1].split("</div>", 1)[0]
    assert "Ritira il contributo" in mine_a.text and "Ritira il contributo" not in visitor_a.text
    assert "Lo sostieni" in mine_b.text and "Non seguire più" in mine_b.text
    assert "Lascia un commento" in mine_b.text and "Accedi per commentare" in visitor_b.text
    other = fetch(signed_in(people["citizen"]), b)
    assert other.served == "personal"
    assert "autrice-a" not in other.text.split('class="header-account"', 1)[1].split("</div>", 1)[0]
    assert "Lo sostieni" not in other.text and "Ritira il contributo" not in fetch(signed_in(people["citizen"]), a).text
    visitor_account = visitor_a.text.split('class="header-account"', 1)[1].split("</div>", 1)[0]
    assert "Accedi" in visitor_account and "autrice-a" not in visitor_account


def test_what_a_person_does_shows_on_their_next_shared_page(world, people, django_capture_on_commit_callbacks):
    """Support, follow and a flash message: the page stays shared (no page version moves for the
    person's own state) and shows the change at once; the message shows once."""
    citizen = signed_in(people["citizen"])
    url = world.pages["detail B"]
    fetch(Client(), url)
    before = fetch(citizen, url)
    assert before.served == "personal" and "Sostieni" in before.text and "Lo sostieni" not in before.text
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(f"/priorita/sostegni/{world.idea_b.pk}/", {"next": url})
    assert response.status_code == 302, response.status_code
    fetch(Client(), url)  # the count moved: a visitor renders the page again
    after = fetch(citizen, url)
    assert after.served == "personal"
    assert "Lo sostieni" in after.text and "Ritira il sostegno" in after.text
    flash = re.findall(r'<section class="container my-3 site-messages".*?</section>', after.text, re.S)
    assert flash, "the support's confirmation is shown on the next page"
    again = fetch(citizen, url)
    assert again.served == "personal" and "site-messages" not in again.text, "a message is shown once"
    for action, shown in (("non-seguire", "Segui"), ("segui", "Non seguire più"), ("non-seguire", "Segui")):
        with django_capture_on_commit_callbacks(execute=True):  # a follow moves no page: only the person's state
            assert citizen.post(f"{url}{action}/").status_code == 302
        follow = re.search(
            r'<div class="d-flex flex-wrap align-items-center gap-2 my-3" id="segui">(.*?)</div>', fetch(citizen, url).text, re.S
        )
        assert re.search(rf">\s*{shown}\s*</button>", follow.group(1)), (action, follow.group(1))


def test_a_merged_source_tells_each_person_what_they_may_read(world, people, psm, moderator, django_capture_on_commit_callbacks):
    """The notice on a merged source names the kept contribution only to who may read it."""
    kept = submit_contribution(psm, make_user(), title="Orari dei treni regionali", body="Tutte le linee.", axis=psm.axes[3])
    with django_capture_on_commit_callbacks(execute=True):
        contributions_merge(actor=moderator, target=kept, sources=[world.idea_a])
    url = world.pages["detail A"]
    visitor = fetch(Client(), url)
    assert visitor.status_code == 200 and "merged-notice" in visitor.text
    for name in ("citizen", "moderator"):
        client = signed_in(people[name])
        shared = fetch(client, url)
        assert shared.served == "personal" and "merged-notice" in shared.text


def test_a_comment_waiting_for_moderation_shows_to_its_author_only(
    world, psm, people, settings, django_capture_on_commit_callbacks
):
    """With comments moderated before publication, the author reads their waiting comment on the
    page shared with everybody else (and exactly as the full rendering shows it); nobody else does."""
    psm.process.comment_moderation = "pre"
    psm.process.save()
    writer = people["citizen"]
    with django_capture_on_commit_callbacks(execute=True):
        idea = type(world.idea_b).objects.get(pk=world.idea_b.pk)  # with the process as it is now
        waiting = comment_create(author=writer, contribution=idea, body="Serve anche un parcheggio di interscambio.")
    assert waiting.status == "pending"
    url = world.pages["detail B"]
    assert "interscambio" not in fetch(Client(), url).text
    mine = fetch(signed_in(writer), url)
    assert mine.served == "personal" and "Serve anche un parcheggio di interscambio." in mine.text
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "SIGNED_IN": False}
    assert fetch(signed_in(writer), url).text == mine.text
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "SIGNED_IN": True}
    for name in ("author", "moderator"):
        other = fetch(signed_in(people[name]), url)
        assert other.served == "personal" and "interscambio" not in other.text, name


def _comment_links(text: str) -> dict[str, list[str]]:
    """Per comment of the page's list: the links and buttons under it (Rispondi, Modifica, Segnala, Elimina)."""
    listed = re.search(r'<ol class="list-unstyled comments-list">(.*?)</ol>', text, re.S)
    assert listed, "the page lists its comments"
    links = {}
    for body in re.findall(r'<li class="comment mb-3".*?</li>', listed.group(1), re.S):
        author = re.search(r'-autore">([^<]+)</strong>', body).group(1)
        actions = re.search(r'<div class="d-flex flex-wrap gap-3 small">(.*?)</div>', body, re.S).group(1)
        links.setdefault(author, []).append(sorted(re.findall(r">(Rispondi|Modifica|Segnala|Elimina)<", actions)))
    return links


def test_a_kept_list_of_comments_never_carries_another_persons_links(world, people, django_capture_on_commit_callbacks):
    """The list of comments is rendered once for everyone who gets the same links (contributions.
    pagecache.comments_list_key) — never for someone who wrote one of them: whoever comes first, each
    person sees reply/report where they may and edit/delete on their own comments only."""
    url = world.pages["detail A"]
    author = people["author"].display_name
    order = ["visitor", "citizen", "author", "unverified", "citizen", "moderator", "author", "visitor"]
    seen = {}
    for name in order:
        client = Client() if name == "visitor" else signed_in(people[name])
        page = fetch(client, url)
        assert page.served in ({"hit", "miss"} if name == "visitor" else {"personal"}), (name, page.served)
        seen.setdefault(name, _comment_links(page.text))
        assert _comment_links(page.text) == seen[name], f"{name} got another rendering of the same list"
    others = [name for name in seen["visitor"] if name != author]
    assert others and all(links == [[]] * len(links) for links in seen["visitor"].values()), "a visitor gets no link"
    for name in others:
        assert all(links == ["Rispondi", "Segnala"] for links in seen["citizen"][name]), seen["citizen"]
        assert all(links == ["Segnala"] for links in seen["unverified"][name]), seen["unverified"]
    assert seen["author"][author] == [["Elimina", "Modifica", "Rispondi"]], "the author's own comment: edit and delete, no report"
    assert seen["citizen"][author] == [["Rispondi", "Segnala"]], "nobody else gets the author's buttons"
    with django_capture_on_commit_callbacks(execute=True):  # the citizen writes one: the list is theirs now
        comment_create(author=people["citizen"], contribution=world.idea_a, body="Anche il sabato, per favore.")
    mine = _comment_links(fetch(signed_in(people["citizen"]), url).text)
    assert mine[people["citizen"].display_name] == [["Elimina", "Modifica", "Rispondi"]]
    assert mine[author] == [["Rispondi", "Segnala"]]


def test_supports_and_follows_moved_by_a_merge_show_on_the_kept_contribution(
    world, psm, people, moderator, django_capture_on_commit_callbacks
):
    """A person's support and follow are read once per version of their own state and of the
    contribution: a merge moves them in bulk (no row is saved one by one) and moves the pages of both
    contributions, so the supporter of a merged source sees them on the kept one at once."""
    supporter = signed_in(people["author"])  # supports and follows B (the fixture)
    kept = submit_contribution(psm, make_user(), title="Verde urbano lungo i fiumi", body="Dora e Stura.", axis=psm.axes[2])
    url = f"/contributi/{kept.reference}/"
    fetch(Client(), url)
    before = fetch(supporter, url)
    assert before.served == "personal" and "Lo sostieni" not in before.text and "Non seguire più" not in before.text
    with django_capture_on_commit_callbacks(execute=True):
        contributions_merge(actor=moderator, target=kept, sources=[world.idea_b])
    fetch(Client(), url)
    after = fetch(supporter, url)
    assert after.served == "personal", after.served
    assert "Lo sostieni" in after.text and "Non seguire più" in after.text


def test_a_table_given_to_a_facilitator_shows_on_their_next_meetings_page(world, psm, people, django_capture_on_commit_callbacks):
    """Whether a person facilitates a table is read once per version of the meetings: giving them
    one (a table saved) shows their link on the next page."""
    from consultazione.meetings.models import MeetingTable

    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting_row(psm, slug="tavolo-asse-2", title="Tavolo asse 2", kind="tavolo_asse", days=5)
        table = MeetingTable.objects.create(meeting=meeting, position=1, title="Tavolo verde")
    facilitator = signed_in(people["facilitator"])
    fetch(Client(), "/incontri/")
    before = fetch(facilitator, "/incontri/")
    assert before.served == "personal" and "Le mie iscrizioni" in before.text and "I tavoli che facilito" not in before.text
    with django_capture_on_commit_callbacks(execute=True):
        table.facilitator = people["facilitator"]
        table.save()
    fetch(Client(), "/incontri/")
    after = fetch(facilitator, "/incontri/")
    assert after.served == "personal" and "I tavoli che facilito" in after.text
    assert "I tavoli che facilito" not in fetch(signed_in(people["citizen"]), "/incontri/").text


def _form_token(text: str, action: str) -> str:
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', text, re.S)
    assert form, f"no form posting to {action}"
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)


def test_a_part_kept_for_a_person_carries_the_requests_own_csrf_token(world, people, django_capture_on_commit_callbacks):
    """Parts kept per person (core/personal.py `keep`) are stored without the CSRF token: each page
    carries the request's own, and a form posted with it is accepted."""
    url = world.pages["detail A"]
    fetch(Client(), url)
    citizen = Client(enforce_csrf_checks=True)
    citizen.force_login(people["citizen"])
    first, second = (citizen.get(url).content.decode() for _ in range(2))
    assert "csrf-" not in second, "the placeholder never reaches a page"
    action = f"/priorita/sostegni/{world.idea_a.pk}/"
    token = _form_token(second, action)
    assert token != _form_token(first, action), "a new masked token on every page, as Django renders them"
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(action, {"csrfmiddlewaretoken": token, "next": url})
    assert response.status_code == 302, response.status_code
    assert "Lo sostieni" in fetch(citizen, url).text


def test_a_report_and_a_new_role_show_on_the_next_shared_page(world, people, django_capture_on_commit_callbacks):
    """The detail page's moderation box is kept per person: what they did (a report) and what they
    may do (a role given) move it."""
    from consultazione.accounts.roles import Role
    from consultazione.accounts.services import user_grant_role

    url = world.pages["detail A"]
    fetch(Client(), url)
    citizen = signed_in(people["citizen"])
    before = fetch(citizen, url)
    assert before.served == "personal" and "Segnala ai moderatori" in before.text and "Hai segnalato" not in before.text
    assert fetch(citizen, url).text == before.text  # the same page again, now from the parts kept for them
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(f"/moderazione/contributi/{world.idea_a.pk}/segnala/", {"reason_code": "spam", "text": ""})
    assert response.status_code == 302, response.status_code
    reported = fetch(citizen, url)
    assert reported.served == "personal" and "Hai segnalato questo contributo" in reported.text
    assert "Modera questo contributo" not in reported.text
    with django_capture_on_commit_callbacks(execute=True):
        user_grant_role(user=people["citizen"], role=Role.MODERATOR)
    assert "Modera questo contributo" in fetch(citizen, url).text
