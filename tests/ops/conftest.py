"""Helpers for the operations tests: run manage.py or a script under production settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_SECRET = "ops-test-" + "s" * 60


def production_env(**overrides) -> dict[str, str]:
    """The environment of a production process: production settings, a throwaway secret."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consultazione.settings.production",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SITE_URL": "https://partecipa.cittametropolitana.torino.it",
    }
    env.update(overrides)
    return env


def run_python(args: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture
def run_production():
    def run(args, **overrides):
        return run_python(args, production_env(**overrides))

    return run
