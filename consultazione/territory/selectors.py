from django.db.models import Count, QuerySet

from .models import Comune, MacroArea, ZonaOmogenea


def zones_with_counts() -> QuerySet[ZonaOmogenea]:
    return ZonaOmogenea.objects.select_related("macro_area").annotate(comuni_count=Count("comuni"))


def comuni_list(*, zona: int | None = None) -> QuerySet[Comune]:
    qs = Comune.objects.select_related("zona")
    if zona is not None:
        qs = qs.filter(zona__number=zona)
    return qs


def macro_areas() -> QuerySet[MacroArea]:
    return MacroArea.objects.select_related("venue_comune").prefetch_related("zones")
