"""One world for the package (the five-role walk and the superuser walk share it), built once
inside a transaction that is rolled back at the end; each test runs in a savepoint of it
(pytest-django's `db`), and each role's request in a savepoint of that, so a POST by one role
never changes what the next role sees."""

import pytest
from django.db import connections, transaction
from django.test import override_settings

from .world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("walker-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, CREATE_DEMO_ADMIN=True):
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            world = build_world()
            world.snapshot_media(media, tmp_path_factory.mktemp("walker-media-snapshot") / "media")
            yield world
        finally:
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
