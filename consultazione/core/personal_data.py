"""Registry through which each app contributes to a person's data export and account erasure.

Accounts sits at the bottom of the import graph, so it cannot know about contributions or
meetings; instead those apps register here (in their AppConfig.ready) what they hold about a user.
"""

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

ProfileSection = Callable[[Any], dict[str, Any] | None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_profile_sections: dict[str, ProfileSection] = {}


def register(
    name: str,
    *,
    exporter: Exporter | None = None,
    eraser: Eraser | None = None,
    profile_section: ProfileSection | None = None,
) -> None:
    """`profile_section(user)` returns {"title", "template", "context"} for the profile page, or None."""
    if exporter is not None:
        _exporters[name] = exporter
    if eraser is not None:
        _erasers[name] = eraser
    if profile_section is not None:
        _profile_sections[name] = profile_section


def export_for(user: Any) -> dict[str, Any]:
    return {name: exporter(user) for name, exporter in sorted(_exporters.items())}


def erase_for(user: Any) -> None:
    for _name, eraser in sorted(_erasers.items()):
        eraser(user)


def profile_sections_for(user: Any) -> list[dict[str, Any]]:
    sections = (section(user) for _name, section in sorted(_profile_sections.items()))
    return [section for section in sections if section]
