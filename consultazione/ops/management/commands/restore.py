"""`manage.py restore path.tar.gz [--force]`: migrate, load an archive made by `backup`, verify it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from consultazione.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (or replace the data with --force) and verify it."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="replace the data of a database that is not empty")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, force, database, **options):
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file.")
        try:
            result = backup_restore(archive=archive, using=database, force=force)
        except BackupError as exc:
            raise CommandError(str(exc))
        manifest = result["manifest"]
        self.stdout.write(
            f"Restored {result['objects']} rows of {len(manifest['counts'])} models and {result['media_files']} media files "
            f"from {archive} (made {manifest['created_at']} by version {manifest['app_version']}); counts and checksums verified."
        )
