"""The public site's page tree, created (or left alone) by the seed command."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from consultazione.plan.models import Plan
from consultazione.process.models import Process

from .models import AxisPage, HomePage, PlanPage, StandardPage
from .standard_pages import STANDARD_PAGES


def _paragraphs(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


@transaction.atomic
def site_tree_ensure(*, process: Process, plan: Plan) -> HomePage:
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        # Replace Wagtail's placeholder welcome page.
        for page in root.get_children().filter(slug="home"):
            if page.specific_class is Page:
                page.delete()
        home = HomePage(
            title="Piano Strategico Metropolitano",
            slug="home",
            hero_title="Il Piano Strategico Metropolitano si scrive insieme",
            hero_text=(
                "Sei assi, 312 comuni, 11 zone omogenee: proponi idee, segnala criticità e bisogni, "
                "indica le priorità della tua zona e segui che cosa ne è stato."
            ),
            process=process,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    public = urlsplit(settings.SITE_URL)  # Wagtail's own site row: its root_url is SITE_URL
    port = public.port or (443 if public.scheme == "https" else 80)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": public.hostname or "localhost",
            "port": port,
            "root_page": home,
            "site_name": settings.PLATFORM_NAME,
        },
    )

    plan_page = PlanPage.objects.filter(plan=plan).first()
    if plan_page is None:
        plan_page = PlanPage(
            title=plan.title,
            slug="piano",
            plan=plan,
            intro=plan.vision,
            body=_paragraphs(
                "Il Piano Strategico Metropolitano 2024-2026 «Torino metro(poli)montana» è organizzato in sei assi, "
                "allineati alle sei missioni del PNRR, articolati in strategie e azioni.",
            ),
        )
        home.add_child(instance=plan_page)
        plan_page.save_revision().publish()
    for axis in plan.axes.order_by("code"):
        if not AxisPage.objects.filter(axis=axis).exists():
            page = AxisPage(title=f"Asse {axis.code} – {axis.title}", slug=f"asse-{axis.code}", axis=axis)
            plan_page.add_child(instance=page)
            page.save_revision().publish()

    for slug, title, intro, paragraphs in STANDARD_PAGES:
        if not StandardPage.objects.filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, intro=intro, body=_paragraphs(*paragraphs))
            home.add_child(instance=page)
            page.save_revision().publish()
    return home
