"""The one list of the platform's statistics. Each is a selector whose docstring IS its public
definition: the dashboard's "Come si calcolano" section and the final report's methodological
note print these docstrings, so the code and the published definition cannot disagree."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Statistic:
    key: str
    label: str
    function: Callable

    @property
    def definition(self) -> str:
        return inspect.getdoc(self.function) or ""


STATISTICS: dict[str, Statistic] = {}


def statistic(key: str, label: str):
    def register(function: Callable) -> Callable:
        if not function.__doc__:
            raise ValueError(f"The statistic {key} needs a docstring with its definition.")
        STATISTICS[key] = Statistic(key=key, label=label, function=function)
        return function

    return register


def definitions() -> list[Statistic]:
    return list(STATISTICS.values())
