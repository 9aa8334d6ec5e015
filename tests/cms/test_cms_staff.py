"""City staff publish in the CMS through their role alone: the seed gives the staff group
Wagtail admin access, page rights below the home page, images and documents."""

from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page

from cms.models import StandardPage


def test_staff_edit_and_publish_a_page_citizens_and_moderators_cannot(client, psm, staff, moderator, citizen):
    call_command("seed", verbosity=0)  # idempotent: a second run adds nothing
    assert GroupPagePermission.objects.filter(group__name="staff").count() == 5
    page = StandardPage.objects.get(slug="netiquette")
    for person in (citizen, moderator):
        client.force_login(person)
        assert client.get("/cms-admin/").status_code == 302  # to Wagtail's login: no admin access
    client.force_login(staff)
    assert client.get("/cms-admin/").status_code == 200
    edit = client.get(f"/cms-admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "action-publish" in edit.content.decode()  # may publish, not only save drafts
    home = Page.objects.get(pk=page.get_parent().pk)
    assert client.get(f"/cms-admin/pages/{home.pk}/").status_code == 200  # explores the site tree
    root = Page.get_first_root_node()  # its pk is 1 only until a transactional test re-seeds the tree
    assert client.get(f"/cms-admin/pages/{root.pk}/edit/").status_code in (302, 403)  # not the tree root
    assert client.get("/cms-admin/images/").status_code == 200
    assert client.get("/cms-admin/documents/").status_code == 200
    assert client.get("/cms-admin/users/").status_code in (302, 403)  # user management stays with admins
