"""City staff (the `staff` role) publish in the CMS: Wagtail admin access, page rights over the
site's home page and everything below it, images and documents in the root collection.

Given to the role's group by `manage.py seed` (idempotent), so granting someone the staff role is
enough for them to edit and publish the plan, the phases, events and documents; Wagtail's own
group editor can widen or narrow it later. The Django admin stays for `is_staff` accounts.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from consultazione.accounts.roles import Role

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def staff_cms_permissions_ensure(*, home: Page) -> None:
    group, _created = Group.objects.get_or_create(name=Role.STAFF.value)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_permission("wagtailcore", codename))
    # Wagtail's migration creates the root collection; a flushed database (tests) has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(app_label, codename)
            )
