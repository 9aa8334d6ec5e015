"""The shared pagination include: a handful of links over thousands of pages."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def _links(html: str) -> list[str]:
    return re.findall(r'page=(\d+)"(?: aria-current="page")?><span class="visually-hidden">', html)


def test_long_lists_are_elided_around_the_current_page():
    page = Paginator(range(50_000), 20).get_page(1250)
    html = render_to_string("includes/pagination.html", {"page_obj": page, "querystring": "axis=3"})
    assert _links(html) == ["1", "1248", "1249", "1250", "1251", "1252", "2500"]
    assert html.count("…") == 2
    assert 'href="?axis=3&amp;page=1250" aria-current="page"' in html
    assert 'href="?axis=3&amp;page=1249"' in html  # previous, with the filters kept


def test_short_lists_show_every_page_and_one_page_shows_nothing():
    page = Paginator(range(60), 20).get_page(2)
    assert _links(render_to_string("includes/pagination.html", {"page_obj": page})) == ["1", "2", "3"]
    single = Paginator(range(5), 20).get_page(1)
    assert render_to_string("includes/pagination.html", {"page_obj": single}).strip() == ""
