"""`manage.py backup` / `restore`: a database with contributions (and an image), supports and a
priority ballot goes into an archive and comes back whole in an empty database (a fresh SQLite
file, or a fresh PostgreSQL database when the suite runs on PostgreSQL)."""

import io
import json
import tarfile
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from PIL import Image

from consultazione.contributions.models import Contribution, ContributionImage
from consultazione.voting.models import Allocation, Ballot, ExerciseItem, PriorityExercise, Support

from .conftest import production_env, run_python
from .snapshot import READ_BACK, snapshot


def _png(colour: str, size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def participation(psm, user_factory, settings, tmp_path):
    """Contributions (one with an image), supports and a dot-voting ballot, made with the ORM."""
    settings.MEDIA_ROOT = tmp_path / "media-source"
    psm.set_phase("ascolto")
    phase = psm.process.phases.get(kind="ascolto")
    anna, bruno = user_factory(pseudonym="anna-to"), user_factory(pseudonym="bruno-pinerolo")
    contributions = [
        Contribution.objects.create(
            reference=f"PSM-{n:04d}",
            process=psm.process,
            phase=phase,
            kind=kind,
            title=f"Contributo {n} «àèìòù»",
            body=f"Testo del contributo {n}.",
            axis=psm.axes[axis],
            zona=psm.zones[zona],
            author=author,
            status="published",
            published_at=timezone.now(),
            support_count=supports,
        )
        for n, (kind, axis, zona, author, supports) in enumerate(
            [("idea", 1, 1, anna, 2), ("criticita", 3, 5, bruno, 1), ("bisogno", 6, 11, anna, 0)], start=1
        )
    ]
    ContributionImage.objects.create(
        contribution=contributions[0],
        alt_text="Una piazza",
        image=ContentFile(_png("teal"), name="piazza.png"),
        thumbnail=ContentFile(_png("navy", (8, 6)), name="piazza-mini.png"),
    )
    Support.objects.bulk_create(
        [Support(user=anna, contribution=contributions[0]), Support(user=bruno, contribution=contributions[0])]
        + [Support(user=anna, contribution=contributions[1])]
    )
    exercise = PriorityExercise.objects.create(
        process=psm.process, title="Priorità dei contributi", method="dots", scope="contributions", status="open"
    )
    items = [ExerciseItem.objects.create(exercise=exercise, contribution=c, position=i) for i, c in enumerate(contributions)]
    ballot = Ballot.objects.create(exercise=exercise, user=bruno, zona=psm.zones[5])
    Allocation.objects.bulk_create(
        [
            Allocation(ballot=ballot, item=items[0], points=3, exercise=exercise, zona=ballot.zona),
            Allocation(ballot=ballot, item=items[2], points=2, exercise=exercise, zona=ballot.zona),
        ]
    )
    return contributions


@pytest.fixture
def empty_database_url(tmp_path):
    """A database nobody has touched: a new SQLite file, or a new PostgreSQL database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path}/restored.sqlite3"
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    admin = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(params["USER"] or "") + (f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else "")
    yield f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_an_empty_database(participation, empty_database_url, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    expected = snapshot()
    assert len(expected["contributions"]) == 3 and len(expected["images"]) == 1 and len(expected["ballots"]) == 1

    env = production_env(DATABASE_URL=empty_database_url, MEDIA_ROOT=str(tmp_path / "media-restored"))
    env.pop("REDIS_URL", None)
    restored = run_python(["manage.py", "restore", str(archive)], env)
    assert restored.returncode == 0, restored.stderr
    assert "counts and checksums verified" in restored.stdout

    # Read back with the development settings (plain static storage) so that every page renders.
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "consultazione.settings.dev", "ALLOWED_HOSTS": "testserver"}
    read_back = run_python(["-c", READ_BACK], dev_env)
    assert read_back.returncode == 0, read_back.stderr
    actual = json.loads(read_back.stdout.splitlines()[-1])
    assert actual == expected
    assert actual["tree_problems"] == 0
    assert set(actual["page_status"].values()) == {200}
    restored_image = tmp_path / "media-restored" / actual["images"][0][1]
    assert restored_image.read_bytes() == _png("teal")

    again = run_python(["manage.py", "restore", str(archive)], env)
    assert again.returncode != 0
    assert "already holds data" in again.stderr
    forced = run_python(["manage.py", "restore", "--force", str(archive)], env)
    assert forced.returncode == 0, forced.stderr


def test_archive_has_a_manifest_with_counts_media_and_version(participation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        data = json.load(tar.extractfile("data.json"))
    assert names[:2] == ["manifest.json", "data.json"]
    assert manifest["counts"]["contributions.Contribution"] == Contribution.objects.count()
    assert manifest["counts"]["voting.Ballot"] == 1
    assert "contenttypes.ContentType" not in manifest["counts"]
    assert "contributions.0001_initial" in manifest["migrations"]
    assert manifest["app_version"].startswith("0.")
    media = {item["path"]: item for item in manifest["media"]}
    image = ContributionImage.objects.get()
    assert f"media/{image.image.name}" in names
    assert media[image.image.name]["size"] == image.image.size
    # Pages point at their content type by natural key; treebeard's fields travel as they are.
    home = next(row for row in data if row["model"] == "wagtailcore.page" and row["fields"]["depth"] == 2)
    assert home["fields"]["content_type"] == ["cms", "homepage"]
    assert {"path", "depth", "numchild"} <= set(home["fields"])


def test_restore_refuses_a_database_with_data(participation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))
    assert Contribution.objects.count() == 3


def test_restore_rejects_an_unsafe_archive_before_touching_anything(db, tmp_path):
    archive = tmp_path / "evil.tar.gz"
    manifest = {"format": 1, "app_version": "x", "migrations": [], "counts": {}, "media": [{"path": "../../etc/cron.d/x"}]}
    with tarfile.open(archive, "w:gz") as tar:
        for name, payload in [("manifest.json", json.dumps(manifest).encode()), ("data.json", b"[]")]:
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    with pytest.raises(CommandError, match="Unsafe media path"):
        call_command("restore", str(archive), force=True)
