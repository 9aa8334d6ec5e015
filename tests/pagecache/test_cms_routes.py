"""The CMS's routing kept per version of the site (cms/serve.py): a path leads to the same page as
Wagtail's own routing — also after a page is unpublished, republished, renamed or deleted, on the
next request — a private page still asks for its password, and a kept route saves the site and
tree lookups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override as translation_override
from wagtail.models import PageViewRestriction

from cms.models import AxisPage

pytestmark = pytest.mark.django_db


def axis_three():
    return AxisPage.objects.get(url_path__endswith="/asse-3/")


def test_a_kept_route_reads_only_the_page_not_the_site_and_the_tree(browser, world):
    with CaptureQueriesContext(connection) as first:
        assert browser.get("/piano/asse-3/?_=1").status_code == 200
    with CaptureQueriesContext(connection) as again:  # another address of the page: rendered again
        response = browser.get("/piano/asse-3/?_=2")
    assert response.status_code == 200 and response.served == "miss"
    assert "Asse 3" in response.text

    def tables(queries):
        return [q["sql"] for q in queries if "wagtailcore_site" in q["sql"] or "wagtailcore_page" in q["sql"]]

    assert any("wagtailcore_site" in sql for sql in tables(first.captured_queries))
    assert not any("wagtailcore_site" in sql for sql in tables(again.captured_queries))
    assert len(tables(again.captured_queries)) < len(tables(first.captured_queries))


def test_unpublish_republish_rename_and_delete_show_on_the_next_request(
    browser, world, staff, django_capture_on_commit_callbacks
):
    page = axis_three()
    assert browser.get("/piano/asse-3/?_=a").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish(user=staff)
    assert browser.get("/piano/asse-3/?_=b").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=staff).publish(user=staff)
    assert browser.get("/piano/asse-3/?_=c").status_code == 200

    page = axis_three()
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "asse-tre"
        page.save_revision(user=staff).publish(user=staff)
    moved = browser.get("/piano/asse-3/?_=d")  # Wagtail's automatic redirect from the old address
    assert (moved.status_code, moved["Location"]) == (301, "/piano/asse-tre/")
    renamed = browser.get("/piano/asse-tre/?_=d")
    assert renamed.status_code == 200 and "Asse 3" in renamed.text

    with django_capture_on_commit_callbacks(execute=True):
        AxisPage.objects.get(pk=page.pk).delete()
    assert browser.get("/piano/asse-tre/?_=e").status_code == 404


def test_a_private_page_still_asks_for_its_password(browser, world):
    page = axis_three()
    assert browser.get("/piano/asse-3/?_=open").status_code == 200  # the route is kept now
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="tavolo-7")
    response = browser.get("/piano/asse-3/?_=closed")
    assert response.status_code == 200
    assert 'name="password"' in response.text and "Asse 3 –" not in response.text


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_page_made_private_is_no_longer_served_from_the_cache(
    browser, world, restriction_type, django_capture_on_commit_callbacks
):
    """Wagtail's privacy setting is not a publish: the stored public page must go on the commit."""
    page = axis_three()
    browser.warm("/piano/asse-3/")
    with django_capture_on_commit_callbacks(execute=True):  # as the page's privacy dialog saves it
        PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password="tavolo-7")
    response = browser.get("/piano/asse-3/")
    assert response.served != "hit" and "Asse 3 –" not in response.text
    if restriction_type == PageViewRestriction.PASSWORD:
        assert response.status_code == 200 and 'name="password"' in response.text
    else:
        assert response.status_code == 302 and response.headers["Location"] == "/account/login/?next=/piano/asse-3/"
    with django_capture_on_commit_callbacks(execute=True):  # public again
        PageViewRestriction.objects.filter(page=page).delete()
    assert "Asse 3 –" in browser.get("/piano/asse-3/").text


def test_an_image_or_document_edited_in_the_cms_renders_its_pages_again(browser, world, django_capture_on_commit_callbacks):
    """Pages name an image's renditions and a document's file: a stored copy must not keep an old name."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Picture.new("RGB", (40, 30), "#0066cc").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Mappa delle zone", file=ImageFile(buffer, name="zone.png"))
    document = get_document_model().objects.create(
        title="Verbale del tavolo", file=ImageFile(io.BytesIO(b"%PDF-1.4"), name="v.pdf")
    )
    for row, field, value in [(image, "title", "Mappa delle 11 zone"), (document, "title", "Verbale del tavolo 3")]:
        assert browser.get("/piano/asse-3/").served in {"miss", "hit"}
        assert browser.get("/piano/asse-3/").served == "hit", row
        with django_capture_on_commit_callbacks(execute=True):
            setattr(row, field, value)
            row.save()
        assert browser.get("/piano/asse-3/").served == "miss", row


def test_an_axis_page_after_a_support_reads_its_contributions_again_not_its_strategies(
    browser, world, django_capture_on_commit_callbacks
):
    """The strategies and actions are kept per version of the site; the latest and most supported
    contributions and the monitoring per version of the axis and the monitoring."""
    from consultazione.voting.services import support_add
    from tests.conftest import make_user

    browser.warm("/piano/asse-3/")
    with django_capture_on_commit_callbacks(execute=True):
        support_add(user=make_user(), contribution=world.idea_a)
    with CaptureQueriesContext(connection) as queries:
        page = browser.get("/piano/asse-3/")
    assert page.served == "miss" and "Più corse serali verso Ivrea" in page.text
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"contributions_contribution"' in read  # the axis's latest and most supported
    assert '"plan_action"."note"' not in read  # the strategies' actions (not the monitoring's roll-up)
    strategy = world.idea_a.axis.strategies.order_by("code").first()
    with django_capture_on_commit_callbacks(execute=True):
        strategy.title = "Corse serali in tutta la metropoli"
        strategy.save()
    assert "Corse serali in tutta la metropoli" in browser.get("/piano/asse-3/").text


def test_a_password_page_asks_in_the_sites_layout_and_opens_with_the_password(browser, world):
    """Wagtail's default page is bare HTML with no viewport: on a phone, a tiny form in Times."""
    from django.test import Client

    page = axis_three()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tavolo-7"
    )
    visitor = Client()
    asked = visitor.get("/piano/asse-3/").content.decode()
    assert '<meta name="viewport"' in asked and 'class="it-header-wrapper"' in asked  # the site's base template
    assert "<h1>Pagina riservata</h1>" in asked and 'type="password"' in asked and "Asse 3 –" not in asked
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    wrong = visitor.post(action, {"password": "sbagliata", "return_url": "/piano/asse-3/"})
    assert wrong.status_code == 200 and 'aria-invalid="true"' in wrong.content.decode()
    right = visitor.post(action, {"password": "tavolo-7", "return_url": "/piano/asse-3/"})
    assert right.status_code == 302 and "Asse 3 –" in visitor.get(right.headers["Location"]).content.decode()
    with translation_override("en"):
        english = Client().get("/piano/asse-3/", headers={"accept-language": "en"}).content.decode()
    assert "Restricted page" in english


def test_the_cms_admin_shows_no_avatar_from_another_site(world, staff):
    """Gravatar's images are refused by the Content-Security-Policy (a broken image for every
    editor) and would tell Gravatar who edits the site: Wagtail's own avatar instead."""
    from django.test import Client

    client = Client()
    client.force_login(staff)
    response = client.get("/cms-admin/")
    html = response.content.decode()
    assert response.status_code == 200 and "avatar" in html
    assert "gravatar.com" not in html
