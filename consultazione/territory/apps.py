from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "consultazione.territory"
    label = "territory"
    verbose_name = _("Territorio")

    def ready(self) -> None:
        from consultazione.core import pagecache

        from .models import Comune, MacroArea, ZonaOmogenea

        # Zones and comuni are named on most pages, and kept with the site (contributions.selectors).
        pagecache.invalidated_by((MacroArea, ZonaOmogenea, Comune), pagecache.SITE)
