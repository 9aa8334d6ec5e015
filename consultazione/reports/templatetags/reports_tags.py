"""A chart with its data table beside it (accessibility: the table carries the same figures)."""

from django import template

register = template.Library()


@register.inclusion_tag("reports/includes/chart_with_table.html")
def chart_with_table(key: str, spec: str, caption: str, rows, header: str = ""):
    return {"key": key, "spec": spec, "caption": caption, "rows": rows, "header": header}


@register.inclusion_tag("reports/includes/matrix_with_table.html")
def matrix_with_table(key: str, spec: str, caption: str, matrix, header: str = ""):
    return {
        "key": key,
        "spec": spec,
        "caption": caption,
        "matrix": matrix,
        "matrix_rows": list(zip(matrix.rows, matrix.cells, strict=True)),
        "header": header,
    }
