"""The HTML subset allowed in a restituzione: text, tables and the SVG bar charts of poll results."""

import nh3

TEXT_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "section", "div", "span", "dl", "dt", "dd",
}  # fmt: skip
SVG_TAGS = {"svg", "g", "rect", "text", "title", "desc", "line"}
ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "figure": {"aria-labelledby"},
    "section": {"aria-labelledby"},
    "svg": {"viewBox", "width", "height", "role", "aria-labelledby", "aria-label", "xmlns", "focusable", "font-family"},
    "rect": {"x", "y", "width", "height", "fill", "rx"},
    "line": {"x1", "x2", "y1", "y2", "stroke", "stroke-width"},
    "text": {"x", "y", "fill", "font-size", "text-anchor", "dominant-baseline", "font-weight"},
}


def sanitise_report_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TEXT_TAGS | SVG_TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
