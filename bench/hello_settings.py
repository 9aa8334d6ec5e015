"""The production settings plus one URL: the Django "hello world" that bench/pages_load.py uses as
its floor, served by the same server, workers, middleware and settings as the pages it measures."""

from consultazione.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
