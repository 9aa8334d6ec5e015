"""Who puts the final report on the public site.

The CMS sits above reports in the import layers, so reports cannot import the Wagtail page
types; cms/report_pages.py registers its publisher here when it is imported (at app loading)."""

from collections.abc import Callable

Publisher = Callable[..., str]

_publisher: list[Publisher] = []


def register_publisher(publisher: Publisher) -> Publisher:
    """`publisher(*, report, actor) -> public URL` creates or updates the page of the report."""
    _publisher[:] = [publisher]
    return publisher


def get_publisher() -> Publisher | None:
    return _publisher[0] if _publisher else None
