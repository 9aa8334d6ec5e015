"""The one list of the platform's statistics. Each is a selector registered with its public
definition, written beside the code that computes it: the dashboard's "Come si calcolano" section,
the final report's methodological note and the API print it, so the code and the published
definition cannot drift apart. The definition goes through gettext (Italian first, English in the
catalogue), as every public text."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Statistic:
    key: str
    label: str
    function: Callable
    text: str  # lazy translation

    @property
    def definition(self) -> str:
        return str(self.text)


STATISTICS: dict[str, Statistic] = {}


def statistic(key: str, label: str, definition: str):
    """Register `function` as the statistic `key`, with its `label` and public `definition`
    (both gettext_lazy)."""

    def register(function: Callable) -> Callable:
        if not str(definition).strip():
            raise ValueError(f"The statistic {key} needs its public definition.")
        STATISTICS[key] = Statistic(key=key, label=label, function=function, text=definition)
        return function

    return register


def definitions() -> list[Statistic]:
    return list(STATISTICS.values())
