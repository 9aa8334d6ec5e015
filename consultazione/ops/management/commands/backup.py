"""`manage.py backup --output path.tar.gz`: database rows, media files and a manifest in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from consultazione.ops.backup import backup_create


class Command(BaseCommand):
    help = "Write a portable backup archive (JSON fixture of every app, media files, manifest)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="archive path (default: backup-<timestamp>.tar.gz)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        output = output or Path(f"backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup_create(output=output, using=database)
        self.stdout.write(
            f"Backup written to {output}: {sum(manifest['counts'].values())} rows of {len(manifest['counts'])} models, "
            f"{len(manifest['media'])} media files, version {manifest['app_version']}, {output.stat().st_size} bytes."
        )
