from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "consultazione.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from PIL import Image

        # Pillow's own decompression-bomb guard, for every decode in the process (ours, Wagtail's).
        Image.MAX_IMAGE_PIXELS = settings.PILLOW_MAX_IMAGE_PIXELS
