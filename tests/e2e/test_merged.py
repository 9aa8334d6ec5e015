"""Issue 16 item 4: a visitor who opens the old address of a merged contribution reads where it
went and follows the link to the kept contribution, on a desktop and on a phone."""

import pytest

from consultazione.accounts.roles import Role
from consultazione.moderation.services import contributions_merge
from consultazione.process.models import Process
from consultazione.voting.services import support_add
from tests.conftest import make_user, submit_contribution
from tests.e2e.conftest import login

VIEWPORTS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("visitor", ["anonymous", "supporter"])
def test_old_address_of_a_merged_contribution_leads_to_the_kept_one(browser, live_url, psm, viewport, visitor):
    psm.set_phase("ascolto")
    Process.objects.filter(pk=psm.process.pk).update(contribution_moderation="post")
    kept = submit_contribution(psm, make_user(), title="Più treni sulla linea Torino-Ceres")
    source = submit_contribution(psm, make_user(), title="Aumentare le corse Torino Ceres")
    supporter = make_user()
    support_add(user=supporter, contribution=source)
    contributions_merge(actor=make_user(roles=[Role.MODERATOR]), target=kept, sources=[source], reason_text="Stessa proposta")

    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    if visitor == "supporter":
        login(page, live_url, supporter.email)
    response = page.goto(f"{live_url}/contributi/{source.reference}/")
    assert response.status == 200
    notice = page.locator("#merged-notice")
    assert notice.is_visible()
    assert "Questo contributo è stato unito a" in notice.inner_text()
    link = notice.get_by_role("link", name=f"{kept.reference} «{kept.title}»")
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
    link.click()
    page.wait_for_url(f"**/contributi/{kept.reference}/")
    assert page.get_by_role("heading", level=1).inner_text() == kept.title
    assert "1 sostegno" in page.locator(f"#support-count-{kept.pk}").inner_text()
