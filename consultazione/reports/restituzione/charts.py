"""Server-side SVG bar charts: they render the same on the web page, in WeasyPrint and need no JS."""

from django.utils.html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 220
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 70


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(*, title: str, options: list[dict], chart_id: str, colour: str = "#0066CC") -> str:
    """A horizontal bar chart; the caller puts the data table beside it (accessibility)."""
    maximum = max([option["count"] for option in options] + [1])
    total = sum(option["count"] for option in options) or 1
    height = len(options) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title" class="poll-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, option in enumerate(options):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * option["count"] / maximum)
        share = round(100 * option["count"] / total)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" font-size="12" text-anchor="end" fill="#1a1a1a">'
            f"{escape(_shorten(str(option['label'])))}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 1)}" height="{BAR_HEIGHT}" fill="{colour}" rx="2"></rect>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + max(width, 1) + 6}" y="{y + BAR_HEIGHT * 0.7:.0f}" font-size="12" fill="#1a1a1a">'
            f"{option['count']} ({share}%)</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
