from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Sito pubblico")

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from consultazione.core import pagecache

        def site_changed(**kwargs):
            pagecache.changed(pagecache.SITE)  # a page's title is in the menus and breadcrumbs of others

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(site_changed, weak=False, dispatch_uid=f"pagecache:{signal}")
        post_delete.connect(site_changed, sender=Page, weak=False, dispatch_uid="pagecache:page-delete")
        # A site's host, port or root page decides which page a path leads to (cms/serve.py).
        pagecache.invalidated_by((Site,), pagecache.SITE)
        # Privacy is set apart from publishing: a page (and its subtree) made private, or public
        # again, must not stay in the cache as it was until the next publish.
        pagecache.invalidated_by((PageViewRestriction,), pagecache.SITE)
        # An image or a document edited in place (a new file, alt text, title): the pages showing it
        # name its renditions and file, which a stored copy would keep pointing at.
        pagecache.invalidated_by((get_image_model(), get_document_model()), pagecache.SITE)
