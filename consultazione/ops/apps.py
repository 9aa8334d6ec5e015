from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations of an installation: the seed (plan, territory, process, site tree), the demo
    content of the embedded default, backup and restore. No models, no URLs."""

    name = "consultazione.ops"
    label = "ops"
    verbose_name = _("Operazioni")
