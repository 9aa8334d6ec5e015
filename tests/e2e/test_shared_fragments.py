"""Issue 19 in the browser, with the page cache and its shared fragments on (as in production):
what pages share between people — the menu bar, each comment — shows every person their own
links, on a laptop and on a phone, and a change shows on the next page load."""

import pytest

from consultazione.accounts.roles import Role
from consultazione.contributions.services import comment_create
from consultazione.voting.services import support_add
from tests.conftest import make_user, submit_contribution
from tests.e2e.conftest import login

VIEWPORTS = {"laptop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}


def menu_labels(page) -> list[str]:
    return [label.strip() for label in page.locator("#main-nav .nav-link").all_inner_texts()]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_each_person_gets_their_own_menu_and_comment_links(browser, live_url, psm, page_cache, viewport):
    psm.set_phase("ascolto")
    idea = submit_contribution(psm, make_user(), title="Più corse serali verso Ivrea", body="Dopo le 21.")
    author = make_user(pseudonym="chi-commenta")
    comment = comment_create(author=author, contribution=idea, body="Servono anche di domenica.")
    moderator = make_user(roles=[Role.MODERATOR])
    url = f"{live_url}/contributi/{idea.reference}/"

    visitor = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    for _ in range(2):  # rendered, then served from the cache
        assert visitor.goto(url).status == 200
        assert "Moderazione" not in menu_labels(visitor)
        own = visitor.locator(f"#commento-{comment.pk}")
        assert "Servono anche di domenica." in own.inner_text()
        assert own.get_by_role("link", name="Segnala").count() == 0

    staff = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    login(staff, live_url, moderator.email)
    staff.goto(url)
    assert "Moderazione" in menu_labels(staff)
    assert staff.locator(f"#commento-{comment.pk}").get_by_role("link", name="Segnala").count() == 1

    writer = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    login(writer, live_url, author.email)
    writer.goto(url)
    mine = writer.locator(f"#commento-{comment.pk}")
    assert mine.get_by_role("button", name="Elimina").count() == 1
    assert mine.get_by_role("link", name="Segnala").count() == 0
    assert "Moderazione" not in menu_labels(writer)

    visitor.goto(url)  # the others' links never reach the visitor's cached page
    assert visitor.locator(f"#commento-{comment.pk}").get_by_role("button", name="Elimina").count() == 0
    assert "Moderazione" not in menu_labels(visitor)

    support_add(user=make_user(), contribution=idea)  # committed: the test server shares the database
    visitor.goto(url)
    assert "1 sostegno" in visitor.locator(f"#support-count-{idea.pk}").inner_text()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_citizen_acts_on_shared_pages_and_sees_their_own_state(browser, live_url, psm, page_cache, viewport):
    """A signed-in citizen reads the pages visitors read (served as the visitors' page with their
    own parts: X-Page-Cache "personal"), supports, follows and comments, and every next page load
    shows their own state; after signing out the page is the visitors' again."""
    psm.set_phase("ascolto")
    idea = submit_contribution(psm, make_user(), title="Un parco lungo la Dora", body="Tra Collegno e Torino.")
    citizen = make_user(pseudonym="lettrice-l")
    url = f"{live_url}/contributi/{idea.reference}/"
    visitor = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    for path in ("/contributi/", f"/contributi/{idea.reference}/"):
        assert visitor.goto(f"{live_url}{path}").status == 200  # a visitor loads them first

    page = browser.new_context(viewport=VIEWPORTS[viewport], locale="it-IT").new_page()
    login(page, live_url, citizen.email)
    listing = page.goto(f"{live_url}/contributi/")
    assert listing.headers.get("x-page-cache") == "personal"
    page.get_by_role("link", name="Un parco lungo la Dora").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == url
    account = page.locator(".header-account")
    assert "lettrice-l" in account.inner_text()

    page.get_by_role("button", name="Sostieni", exact=True).click()
    page.get_by_text("Lo sostieni").wait_for()
    assert visitor.goto(url).status == 200  # the support moved the page's version: a visitor renders it again
    assert "1 sostegno" in visitor.locator(f"#support-count-{idea.pk}").inner_text()
    assert visitor.get_by_role("button", name="Ritira il sostegno").count() == 0
    again = page.reload()
    assert again.headers.get("x-page-cache") == "personal"
    assert page.get_by_text("Lo sostieni").is_visible()
    assert page.get_by_role("button", name="Ritira il sostegno").is_visible()
    assert "1 sostegno" in page.locator(f"#support-count-{idea.pk}").inner_text()

    unfollow = page.get_by_role("button", name="Non seguire più", exact=True)
    assert unfollow.is_visible()  # supporting follows the contribution
    unfollow.click()
    page.wait_for_load_state("networkidle")
    follow = page.get_by_role("button", name="Segui", exact=True)
    assert follow.is_visible() and unfollow.count() == 0
    follow.click()
    page.wait_for_load_state("networkidle")
    assert unfollow.is_visible()

    page.get_by_label("Commento").fill("Anche una pista ciclabile, per favore.")
    page.get_by_role("button", name="Pubblica il commento").click()
    page.wait_for_load_state("networkidle")
    shown = page.goto(url)
    assert shown.headers.get("x-page-cache") in ("personal", None)  # the comment moved the page version: rendered in full
    assert page.get_by_text("Anche una pista ciclabile, per favore.").is_visible()
    assert page.get_by_role("button", name="Non seguire più").is_visible()

    page.locator(".header-logout-form").get_by_role("button", name="Esci").click()
    page.wait_for_load_state("networkidle")
    after = page.goto(url)
    assert after.status == 200
    assert "lettrice-l" not in page.locator(".header-account").inner_text()
    assert page.get_by_role("link", name="Accedi per commentare").is_visible()
    assert page.get_by_role("button", name="Sostieni", exact=True).count() == 0
