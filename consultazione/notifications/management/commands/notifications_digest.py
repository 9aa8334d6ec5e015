from django.core.management.base import BaseCommand

from consultazione.notifications.emails import digests_enqueue


class Command(BaseCommand):
    help = "Queue the daily digest email of every person with notifications waiting (run once a day)."

    def handle(self, *args, **options):
        queued = digests_enqueue()
        self.stdout.write(f"{queued} digest(s) queued")
