"""Rebuild the open-data packages whose data changed (for cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from consultazione.reports.services import open_data_refresh


class Command(BaseCommand):
    help = "Rebuild the open-data package of every process whose data changed since its last build."

    def handle(self, *args, **options):
        jobs = open_data_refresh()
        self.stdout.write(f"{len(jobs)} open-data package(s) rebuilt or queued.")
