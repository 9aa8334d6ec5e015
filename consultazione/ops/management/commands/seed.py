from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from cms.permissions import staff_cms_permissions_ensure
from cms.site_tree import site_tree_ensure
from consultazione.accounts.services import roles_ensure_groups
from consultazione.core.exceptions import DomainError
from consultazione.core.sites import site_sync
from consultazione.ops.demo import demo_load
from consultazione.plan.services import plans_load
from consultazione.process.services import psm_process_load
from consultazione.stakeholders.services import categories_load
from consultazione.territory.services import territory_load

DEFAULT_DATA_DIR = Path(settings.BASE_DIR) / "data" / "seed"


class Command(BaseCommand):
    help = "Load the plan, the territory, the stakeholder categories, the process and the site tree (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
        parser.add_argument("--demo", action="store_true", help="Also load demo accounts and content (development only).")

    @no_translations
    def handle(self, *args, data_dir: Path, demo: bool, **options):
        if demo and not settings.CREATE_DEMO_ADMIN:
            raise CommandError("--demo is refused with these settings: demo content is for development only.")
        try:
            with transaction.atomic():
                roles_ensure_groups()
                categories_load()
                territory = territory_load(zone_csv=data_dir / "zone_omogenee.csv", macro_area_csv=data_dir / "macro_aree.csv")
                plans = plans_load(path=data_dir / "psm_2024_2026.json")
                process = psm_process_load(plan_revised=plans.get("previous"), plan_produced=plans["current"])
                home = site_tree_ensure(process=process, plan=plans["current"])
                site_sync()  # the name and domain in emails, from SITE_URL (also done by migrate)
                staff_cms_permissions_ensure(home=home)
                demo_summary = demo_load(process=process) if demo else None
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed complete: {territory['comuni']} comuni, {territory['zones']} zone, "
                f"{territory['macro_areas']} macro-aree, plan {plans['current']}, process «{process}»."
            )
        )
        if demo_summary:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {demo_summary}"))
