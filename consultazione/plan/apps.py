from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "consultazione.plan"
    label = "plan"
    verbose_name = _("Piano")

    def ready(self) -> None:
        from consultazione.core import pagecache

        from .models import Action, Axis, Plan, Strategy

        pagecache.invalidated_by((Plan, Axis, Strategy, Action), pagecache.SITE)  # the plan tree is on most pages
