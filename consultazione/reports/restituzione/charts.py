"""Server-side SVG bar charts: they render the same on the web page, in WeasyPrint and need no JS.

Labels are never cut: a long one wraps onto more lines and its row grows. The <title> is the
chart's text alternative (the PDF's /Alt): the title and every bar with its full label; the
caller still puts the data table beside the chart."""

import textwrap

from django.utils.html import escape
from django.utils.translation import gettext as _

from consultazione.core.pdf import BODY_FONT

BAR_HEIGHT = 22
GAP = 8
LINE_HEIGHT = 14
LABEL_WIDTH = 220
LABEL_CHARS = 30  # characters per label line at 12px that fit LABEL_WIDTH in the body font
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 70
FONT_FAMILY = f"{BODY_FONT}, DejaVu Sans, sans-serif"


def label_lines(label: str) -> list[str]:
    return textwrap.wrap(label, width=LABEL_CHARS) or [""]


def _figure(option: dict, total: int) -> str:
    """The figure beside a bar, "12 (40%)": the share the caller gives (a live poll: of the respondents), else of the sum;
    just the number when the caller says there is no share (`share: None`, e.g. ranking points)."""
    if "share" in option and option["share"] is None:
        return str(option["count"])
    share = option["share"] if "share" in option else round(100 * option["count"] / total)
    return f"{option['count']} ({share}%)"


def text_alternative(title: str, options: list[dict], total: int) -> str:
    bars = "; ".join(f"{option['label']}: {_figure(option, total)}" for option in options)
    return _("Grafico a barre «%(title)s»: %(bars)s.") % {"title": title, "bars": bars}


def bar_chart_svg(*, title: str, options: list[dict], chart_id: str, colour: str = "#0066CC") -> str:
    """A horizontal bar chart; the caller puts the data table beside it (accessibility)."""
    maximum = max([option["count"] for option in options] + [1])
    total = sum(option["count"] for option in options) or 1
    rows = [(option, label_lines(str(option["label"]))) for option in options]
    heights = [max(BAR_HEIGHT, len(lines) * LINE_HEIGHT + 8) for _option, lines in rows]
    height = sum(heights) + GAP * (len(rows) + 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title" class="poll-chart" font-family="{FONT_FAMILY}">',
        f'<title id="{chart_id}-title">{escape(text_alternative(title, options, total))}</title>',
    ]
    top = GAP
    for (option, lines), row_height in zip(rows, heights, strict=True):
        middle = top + row_height / 2
        width = max(round(BAR_AREA * option["count"] / maximum), 1)
        first_baseline = middle + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        for index, line in enumerate(lines):
            parts.append(
                f'<text x="{LABEL_WIDTH - 8}" y="{first_baseline + index * LINE_HEIGHT:.0f}" font-size="12" '
                f'text-anchor="end" fill="#1a1a1a">{escape(line)}</text>'
            )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{middle - BAR_HEIGHT / 2:.0f}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{colour}" rx="2"></rect>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{middle + 4:.0f}" font-size="12" fill="#1a1a1a">'
            f"{_figure(option, total)}</text>"
        )
        top += row_height + GAP
    parts.append("</svg>")
    return "".join(parts)
