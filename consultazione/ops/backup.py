"""Portable backup archives: every model's rows as a Django JSON fixture, the media files and a
manifest (counts per model, media checksums, applied migrations, app version).

Archive layout (tar.gz): `manifest.json`, `data.json` (loadable with `loaddata`), `media/…`.

Primary keys are kept as they are, so generic relations (Wagtail revisions and logs, taggit,
admin log entries) and every id stored in JSON stay valid. Only content types and permissions are
written by natural key: `migrate` creates them on the target with ids of its own."""

import datetime
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import Serializer
from django.db import connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from wagtail.models import Site

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA_DIR = "media"
# Rebuilt by migrate (content types, permissions), worthless after a restore (sessions), or derived
# and engine-specific (Wagtail's search index: the SQLite full-text table exists only on SQLite;
# restore rebuilds the index with update_index).
NOT_DUMPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
}
# Tables that migrate fills and the data refers to by natural key: kept when the target is cleared.
KEPT_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
CHUNK = 2000


class BackupError(Exception):
    pass


def dumped_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in NOT_DUMPED
    ]


def app_version() -> str:
    version = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]["version"]
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return version
    return f"{version}+{commit}"


class _Serializer(Serializer):
    """Django's JSON fixture format; natural keys only towards content types and permissions."""

    def __init__(self, using: str):
        super().__init__()
        self.natural_keys = {
            ContentType: {ct.pk: list(ct.natural_key()) for ct in ContentType.objects.using(using)},
            Permission: {p.pk: list(p.natural_key()) for p in Permission.objects.using(using).select_related("content_type")},
        }

    def handle_fk_field(self, obj, field):
        value = self._value_from_field(obj, field)
        keys = self.natural_keys.get(field.remote_field.model)
        self._current[field.name] = keys[value] if keys is not None and value is not None else value

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return
        cached = getattr(obj, "_prefetched_objects_cache", {}).get(field.name)
        ids = (
            [related.pk for related in cached]
            if cached is not None
            else list(getattr(obj, field.name).values_list("pk", flat=True))
        )
        keys = self.natural_keys.get(field.remote_field.model)
        self._current[field.name] = [keys[pk] for pk in ids] if keys is not None else ids


def _rows(model, using: str) -> models.QuerySet:
    queryset = model._base_manager.using(using).order_by("pk")
    plain_m2m = [f.name for f in model._meta.many_to_many if type(f) is models.ManyToManyField]
    return queryset.prefetch_related(*plain_m2m) if plain_m2m else queryset


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> list[dict]:
    if not root.is_dir():
        return []
    return [
        {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def applied_migrations(using: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


@contextmanager
def _consistent_read(using: str):
    """On PostgreSQL every table is read from one snapshot, while the site keeps writing. SQLite has
    no such read-only transaction here (atomic blocks take the write lock): see docs/deploy.md."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def backup_create(*, output: Path, using: str = "default") -> dict:
    """Write the archive to `output`; returns the manifest."""
    counts: dict[str, int] = {}

    def objects() -> Iterator[models.Model]:
        for model in dumped_models():
            counts[model._meta.label] = 0
            for obj in _rows(model, using).iterator(chunk_size=CHUNK):
                counts[model._meta.label] += 1
                yield obj

    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="consultazione-backup-") as tmp:
        data_path = Path(tmp) / DATA
        with _consistent_read(using), data_path.open("w", encoding="utf-8") as stream:
            _Serializer(using).serialize(objects(), stream=stream)
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "app_version": app_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database_vendor": connections[using].vendor,
            "migrations": applied_migrations(using),
            "counts": counts,
            "media": files,
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(data_path, arcname=DATA)
            for item in files:
                tar.add(media_root / item["path"], arcname=f"{MEDIA_DIR}/{item['path']}", recursive=False)
        partial.replace(output)
    return manifest


def _is_platform_model(model) -> bool:
    name = model._meta.app_config.name
    return name.startswith("consultazione.") or name in {"cms", "api"}


def database_has_data(using: str = "default") -> bool:
    """True when any table of the platform's own apps holds a row. What `migrate` creates by itself
    (content types, permissions, Wagtail's initial page and site) does not count."""
    existing = set(connections[using].introspection.table_names())
    return any(
        model._base_manager.using(using).exists()
        for model in apps.get_models()
        if _is_platform_model(model) and model._meta.db_table in existing
    )


def _check_migrations(manifest: dict) -> None:
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            f"The archive was made by a newer version ({manifest['app_version']}): unknown migrations {', '.join(unknown)}."
        )


def _read_manifest(tar: tarfile.TarFile) -> dict:
    member = tar.next()
    if member is None or member.name != MANIFEST:
        raise BackupError(f"Not a backup archive: {MANIFEST} is not its first member.")
    manifest = json.load(tar.extractfile(member))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unsupported archive format {manifest.get('format')!r} (this version reads {FORMAT}).")
    for item in manifest["media"]:
        path = PurePosixPath(item["path"])
        if path.is_absolute() or ".." in path.parts:
            raise BackupError(f"Unsafe media path in the manifest: {item['path']!r}.")
    return manifest


def _clear_tables(using: str) -> None:
    connection = connections[using]
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if table not in KEPT_TABLES
    ]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))


def _load_data(tar: tarfile.TarFile, using: str) -> None:
    member = tar.next()
    if member is None or member.name != DATA:
        raise BackupError(f"Not a backup archive: {DATA} is not its second member.")
    with tempfile.TemporaryDirectory(prefix="consultazione-restore-") as tmp:
        data_path = Path(tmp) / DATA
        with tar.extractfile(member) as source, data_path.open("wb") as target:
            shutil.copyfileobj(source, target)
        with transaction.atomic(using=using):
            _clear_tables(using)
            call_command("loaddata", str(data_path), database=using, verbosity=0)


def _restore_media(tar: tarfile.TarFile, manifest: dict, media_root: Path) -> int:
    expected = {item["path"] for item in manifest["media"]}
    restored = 0
    for member in tar:
        if not member.name.startswith(f"{MEDIA_DIR}/"):
            continue
        relative = PurePosixPath(member.name).relative_to(MEDIA_DIR)
        if not member.isfile() or relative.as_posix() not in expected:
            raise BackupError(f"Unexpected archive member {member.name!r}.")
        target = media_root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as source, target.open("wb") as output:
            shutil.copyfileobj(source, output)
        if settings.FILE_UPLOAD_PERMISSIONS is not None:
            target.chmod(settings.FILE_UPLOAD_PERMISSIONS)
        restored += 1
    return restored


def verify(manifest: dict, *, using: str, media_root: Path) -> list[str]:
    """Differences between the database and media now and what the manifest recorded."""
    problems = []
    for label, expected in manifest["counts"].items():
        try:
            actual = apps.get_model(label)._base_manager.using(using).count()
        except LookupError:
            problems.append(f"{label}: no such model in this version")
            continue
        if actual != expected:
            problems.append(f"{label}: {actual} rows, the archive has {expected}")
    for item in manifest["media"]:
        path = media_root / item["path"]
        if not path.is_file() or _sha256(path) != item["sha256"]:
            problems.append(f"media/{item['path']}: missing or different")
    return problems


def backup_restore(*, archive: Path, using: str = "default", force: bool = False) -> dict:
    """Migrate the database, replace its rows with the archive's, rebuild the search index, restore
    media, verify."""
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive, "r:gz") as tar:
        manifest = _read_manifest(tar)
        _check_migrations(manifest)
        if not force and database_has_data(using):
            raise BackupError("The database already holds data: restore into an empty database, or pass --force to replace it.")
        call_command("migrate", database=using, interactive=False, verbosity=0)
        _load_data(tar, using)
        Site.clear_site_root_paths_cache()
        call_command("update_index", verbosity=0)  # the default database only
        media_count = _restore_media(tar, manifest, media_root)
    problems = verify(manifest, using=using, media_root=media_root)
    if problems:
        raise BackupError("Restored, but the result differs from the manifest:\n" + "\n".join(problems))
    return {"manifest": manifest, "objects": sum(manifest["counts"].values()), "media_files": media_count}
