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
