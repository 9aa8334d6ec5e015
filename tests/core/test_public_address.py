"""The platform's public address comes from SITE_URL (consultazione/core/sites.py, core/checks.py).

Django's Sites framework starts as "example.com" and allauth writes that row's name and domain into
every email; production must refuse to run on a placeholder address.
"""

import os
import subprocess
import sys

from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command

PUBLIC = "https://partecipa.cittametropolitana.torino.it"


def _signup(client):
    data = {
        "email": "nuova@example.org",
        "pseudonym": "nuova-voce",
        "password1": "una-password-lunga-42",
        "password2": "una-password-lunga-42",
        "privacy_accepted": "on",
    }
    return client.post("/account/signup/", data)


def test_the_sign_up_email_names_the_configured_site(client, psm, settings):
    settings.SITE_URL = PUBLIC
    settings.PLATFORM_NAME = "Partecipa Torino"
    call_command("seed", verbosity=0)  # what a deployment runs after migrate
    assert _signup(client).status_code == 302
    message = mail.outbox[-1]
    text = message.subject + message.body
    assert "example.com" not in text
    assert "partecipa.cittametropolitana.torino.it" in message.body
    assert message.subject.startswith("[Partecipa Torino]")


def test_migrate_writes_the_site_row_from_the_settings(db):
    # The test database was built by migrate under the test settings' SITE_URL.
    site = Site.objects.get(pk=django_settings.SITE_ID)
    assert site.domain == "127.0.0.1:8000" and site.domain != "example.com"
    assert site.name == django_settings.PLATFORM_NAME


def test_deploy_checks_refuse_a_placeholder_address(db, settings):
    for placeholder in ("http://localhost:8000", "http://127.0.0.1", "https://example.com", "https://partecipa.example.org"):
        settings.SITE_URL = placeholder
        assert "core.E001" in [e.id for e in run_checks(include_deployment_checks=True)], placeholder
    settings.SITE_URL = PUBLIC
    ids = [e.id for e in run_checks(include_deployment_checks=True)]
    assert "core.E001" not in ids
    assert "core.E002" in ids  # the Sites row still says 127.0.0.1:8000 until migrate or seed runs
    Site.objects.filter(pk=settings.SITE_ID).update(domain="partecipa.cittametropolitana.torino.it")
    assert "core.E002" not in [e.id for e in run_checks(include_deployment_checks=True)]


def _production(tmp_path, **overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consultazione.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-secret-for-the-site-url-test-" + "y" * 20,
        "ALLOWED_HOSTS": "partecipa.cittametropolitana.torino.it",
        "DATABASE_URL": f"sqlite:///{tmp_path}/site.sqlite3",
    }
    env.pop("SITE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_with_the_default_address(tmp_path):
    unset = _production(tmp_path)
    assert unset.returncode != 0
    assert "SITE_URL must be set" in unset.stderr
    localhost = _production(tmp_path, SITE_URL="http://localhost:8000")
    assert localhost.returncode != 0
    assert "core.E001" in localhost.stderr + localhost.stdout
